"""Imports started from the web run outside the request: the upload answers at once for a large
export and the page (or its JSON twin) shows how far the import has come, then the report."""

from __future__ import annotations

import io
import threading
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import text

from runknee.api import ImportReport, Runknee, diary_jobs
from runknee.services.diary import DiaryService, Progress
from runknee.storage import AssessmentStore
from tests.diary.diary_helpers import sample

FENIX = "python-fitparse/activity-small-fenix2-run.fit"
FILES = ["sweat/4801048867.fit", "sweat/6449921903_ACTIVITY.fit", "sweat/3173437224.tcx"]


class GatedDiary(DiaryService):
    """The real diary service, held at the start until the test lets it go."""

    def __init__(self, real: DiaryService) -> None:
        super().__init__(real.knowledge, real.store, real.clock)
        self.gate = threading.Event()

    def import_upload(
        self, file_name: str, data: bytes, progress: Progress | None = None
    ) -> ImportReport:
        if progress is not None:
            progress(0, len(FILES), "")
        assert self.gate.wait(30), "the test never opened the gate"
        return super().import_upload(file_name, data, progress)


def _export_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in FILES:
            archive.write(sample(name), Path(name).name)
    return buffer.getvalue()


def _until_done(jobs: diary_jobs.DiaryImportJobs, job_id: str) -> diary_jobs.DiaryImportStatus:
    return jobs.wait(job_id, 60)


def _page(client: TestClient, url: str) -> BeautifulSoup:
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def test_the_jobs_report_progress_then_the_report(api: Runknee) -> None:
    jobs = diary_jobs.DiaryImportJobs()
    seen: list[tuple[int, int]] = []
    real = api.diary
    original = real.import_upload

    def watched(name: str, data: bytes, progress: Progress | None = None) -> ImportReport:
        def record(done: int, total: int, file: str) -> None:
            seen.append((done, total))
            assert progress is not None
            progress(done, total, file)

        return original(name, data, record)

    real.import_upload = watched  # type: ignore[method-assign,assignment]
    started = jobs.start(real, "export.zip", _export_zip())
    assert started.state == "running" and started.progress_pct == 0
    finished = _until_done(jobs, started.id)
    assert finished.state == "done" and finished.progress_pct == 100
    assert finished.report is not None and finished.report.activities_added >= 2
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_second_import_waits_for_the_first(api: Runknee) -> None:
    jobs = diary_jobs.DiaryImportJobs()
    gated = GatedDiary(api.diary)
    first = jobs.start(gated, "export.zip", _export_zip())
    with pytest.raises(diary_jobs.DiaryImportBusy):
        jobs.start(api.diary, "other.zip", _export_zip())
    gated.gate.set()
    assert _until_done(jobs, first.id).state == "done"
    again = jobs.start(api.diary, "export.zip", _export_zip())
    report = _until_done(jobs, again.id).report
    assert report is not None and report.activities_added == 0 and report.already_imported == 3


def test_a_damaged_zip_is_reported_not_raised(api: Runknee) -> None:
    jobs = diary_jobs.DiaryImportJobs()
    job = jobs.start(api.diary, "export.zip", b"PK\x03\x04 not really a zip")
    done = _until_done(jobs, job.id)
    assert done.state == "done" and done.report is not None and not done.report.files_read
    assert [failure.file for failure in done.report.failures] == ["export.zip"]


def test_an_error_in_the_import_fails_the_job_and_frees_the_slot(
    api: Runknee, store: AssessmentStore
) -> None:
    jobs = diary_jobs.DiaryImportJobs()
    with store.engine.begin() as connection:  # a damaged database under the import
        connection.execute(text("DROP TABLE diary_sources"))
    job = jobs.start(api.diary, "fenix.fit", sample(FENIX).read_bytes())
    failed = _until_done(jobs, job.id)
    assert failed.state == "failed" and failed.error and failed.report is None
    assert jobs.start(api.diary, "fenix.fit", b"").state == "running"


def test_the_page_shows_progress_and_reloads_until_done(
    api: Runknee, app_client: TestClient
) -> None:
    jobs = diary_jobs.DiaryImportJobs()
    app_client.app.state.diary_imports = jobs  # type: ignore[attr-defined]
    gated = GatedDiary(api.diary)
    job = jobs.start(gated, "export.zip", _export_zip())
    running = _page(app_client, f"/diary/import/jobs/{job.id}")
    refresh = running.find("meta", attrs={"http-equiv": "refresh"})
    bar = running.find("progress")
    assert refresh is not None and bar is not None and bar["value"] == "0"
    assert "0 of 3 files" in running.get_text(" ", strip=True)
    assert running.find("form", attrs={"action": "/diary/import"}) is None
    gated.gate.set()
    _until_done(jobs, job.id)
    done = _page(app_client, f"/diary/import/jobs/{job.id}")
    assert done.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert "new activities" in done.get_text(" ", strip=True)


def test_a_large_upload_redirects_to_the_progress_page(app_client: TestClient) -> None:
    app_client.app.state.diary_import_wait_s = 0.0  # type: ignore[attr-defined]
    form = _page(app_client, "/diary/import")
    token = form.find("input", attrs={"name": "csrf_token"})
    assert token is not None
    response = app_client.post(
        "/diary/import",
        data={"csrf_token": str(token["value"])},
        files={"upload": ("export.zip", _export_zip(), "application/zip")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/diary/import/jobs/")
    deadline = time.monotonic() + 60
    while "new activities" not in (text := _page(app_client, location).get_text(" ")):
        assert time.monotonic() < deadline, text
        time.sleep(0.1)


def test_the_json_twin_answers_202_and_the_job_has_the_report(app_client: TestClient) -> None:
    response = app_client.post(
        "/api/v1/diary/import?name=export.zip&background=true", content=_export_zip()
    )
    assert response.status_code == 202
    location = response.headers["location"]
    assert location == f"/api/v1/diary/import/jobs/{response.json()['id']}"
    deadline = time.monotonic() + 60
    while (status := app_client.get(location).json())["state"] == "running":
        assert 0 <= status["progress_pct"] < 100
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert status["state"] == "done" and status["report"]["activities_added"] >= 2
    assert app_client.get("/api/v1/diary/import/jobs/" + "0" * 32).status_code == 404
