"""The web's form-check jobs: a slow upload holds up nobody, and starting uploads count
towards the running limit."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

import pytest

from runknee.api import Runknee, form_jobs
from runknee.errors import NotFoundError


class SlowUpload(io.RawIOBase):
    """An upload whose bytes arrive only once ``arrive`` is set (then it ends)."""

    def __init__(self) -> None:
        super().__init__()
        self.reading = threading.Event()
        self.arrive = threading.Event()
        self.sent = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        self.reading.set()
        self.arrive.wait(30)
        if self.sent:
            return 0
        self.sent = size = min(len(buffer), form_jobs.MIN_CLIP_BYTES)  # a clip's size, once
        buffer[:size] = b"\0" * size
        return size


@pytest.fixture
def jobs(api: Runknee, tmp_path: Path) -> Iterator[form_jobs.FormJobs]:
    jobs = form_jobs.FormJobs(api.form, root=tmp_path / "jobs")
    yield jobs
    jobs.close()


def _start_in_thread(jobs: form_jobs.FormJobs, upload: SlowUpload) -> threading.Thread:
    thread = threading.Thread(target=jobs.start, args=(upload, "clip.mp4"), daemon=True)
    thread.start()
    assert upload.reading.wait(10)
    return thread


def test_a_slow_upload_does_not_hold_up_status_pages(jobs: form_jobs.FormJobs) -> None:
    upload = SlowUpload()
    thread = _start_in_thread(jobs, upload)
    try:
        started = time.monotonic()
        with pytest.raises(NotFoundError):
            jobs.status("0" * 32)
        assert time.monotonic() - started < 5  # before: it waited for the whole upload
    finally:
        upload.arrive.set()
        thread.join(30)


def test_uploads_being_copied_count_towards_the_limit(jobs: form_jobs.FormJobs) -> None:
    uploads = [SlowUpload() for _ in range(form_jobs.MAX_RUNNING)]
    threads = [_start_in_thread(jobs, upload) for upload in uploads]
    try:
        with pytest.raises(form_jobs.FormJobBusy):
            jobs.start(io.BytesIO(b"x"), "third.mp4")
    finally:
        for upload in uploads:
            upload.arrive.set()
        for thread in threads:
            thread.join(30)
    assert not any(thread.is_alive() for thread in threads)


def test_an_upload_copied_while_the_server_stops_leaves_nothing(
    jobs: form_jobs.FormJobs,
) -> None:
    upload = SlowUpload()
    failed: list[BaseException] = []

    def start() -> None:
        try:
            jobs.start(cast(BinaryIO, upload), "clip.mp4")
        except form_jobs.FormJobBusy as exc:
            failed.append(exc)

    thread = threading.Thread(target=start, daemon=True)
    thread.start()
    assert upload.reading.wait(10)
    jobs.close()  # the server stops while the clip is still arriving
    upload.arrive.set()
    thread.join(30)
    assert len(failed) == 1
    assert not jobs.root().exists() or list(jobs.root().iterdir()) == []
    with pytest.raises(form_jobs.FormJobBusy):
        jobs.start(io.BytesIO(b"x"), "later.mp4")
