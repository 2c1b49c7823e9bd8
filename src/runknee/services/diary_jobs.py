"""Diary imports started from the web app, run outside the request so the page can show progress.

:class:`DiaryImportJobs` keeps the imports of one server. Each runs in its own thread over the
facade's :class:`~runknee.services.diary.DiaryService` (each file is still one transaction, so
a failed or interrupted import keeps the files it finished and nothing half-written). Only one
import runs at a time: two imports of the same export would race on the duplicate check.
Finished jobs are kept for a while so that a reload still shows the report.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from runknee.errors import ConflictError, NotFoundError, RunkneeError
from runknee.services.diary import DiaryService, ImportReport

KEPT_JOBS = 20
"""Finished imports remembered for their report pages; older ones are forgotten."""

_log = logging.getLogger(__name__)


class DiaryImportBusy(ConflictError):
    """An import is running already (answered 409)."""

    def __init__(self) -> None:
        super().__init__(
            "upload", "an import is running already; wait until it is done, then try again"
        )


class DiaryImportStatus(BaseModel):
    """Where a web import stands."""

    model_config = ConfigDict(frozen=True)

    id: str
    state: Literal["running", "done", "failed"]
    file_name: str = Field(description="The uploaded file's name.")
    files_done: int = Field(ge=0, description="Activity files handled so far.")
    files_total: int = Field(ge=0, description="Activity files found; 0 until counted.")
    report: ImportReport | None = Field(None, description="What the import did, once done.")
    error: str | None = Field(None, description="Why it failed, in words.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def progress_pct(self) -> int:
        """Share of files handled, 0-100 (100 once done)."""
        if self.state != "running":
            return 100
        if self.files_total == 0:
            return 0
        return min(99, 100 * self.files_done // self.files_total)


class _Job:
    def __init__(self, status: DiaryImportStatus) -> None:
        self.status = status
        self.finished = threading.Event()


class DiaryImportJobs:
    """The diary imports one server runs (thread-safe)."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, _Job] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, diary: DiaryService, file_name: str, data: bytes) -> DiaryImportStatus:
        """Start importing an uploaded file or zip export in a background thread.

        Raises:
            DiaryImportBusy: another import is still running.
        """
        with self._lock:
            if any(job.status.state == "running" for job in self._jobs.values()):
                raise DiaryImportBusy
            status = DiaryImportStatus(
                id=uuid.uuid4().hex,
                state="running",
                file_name=file_name,
                files_done=0,
                files_total=0,
            )
            job = _Job(status)
            self._jobs[status.id] = job
            self._forget_old()
        thread = threading.Thread(
            target=self._run,
            args=(job, diary, file_name, data),
            daemon=True,
            name=f"diary-import-{status.id[:8]}",
        )
        thread.start()
        return status

    def status(self, job_id: str) -> DiaryImportStatus:
        """The job's state now.

        Raises:
            NotFoundError: no such import on this server (or forgotten).
        """
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise NotFoundError("diary import", job_id)
            return job.status

    def wait(self, job_id: str, timeout_s: float) -> DiaryImportStatus:
        """The job's state after it finishes or ``timeout_s`` passes, whichever comes first."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError("diary import", job_id)
        job.finished.wait(timeout_s)
        return self.status(job_id)

    def _run(self, job: _Job, diary: DiaryService, file_name: str, data: bytes) -> None:
        def progress(done: int, total: int, _name: str) -> None:
            self._update(job, files_done=done, files_total=total)

        try:
            report = diary.import_upload(file_name, data, progress=progress)
        except RunkneeError as exc:
            self._update(job, state="failed", error=str(exc))
        except Exception:  # a bug must still end the job, with the details in the log
            _log.exception("diary import %s failed", job.status.id)
            self._update(job, state="failed", error="the import stopped on an internal error")
        else:
            self._update(
                job,
                state="done",
                report=report,
                files_done=report.files_seen,
                files_total=report.files_seen,
            )
        finally:
            job.finished.set()

    def _update(self, job: _Job, **changes: object) -> None:
        with self._lock:
            job.status = job.status.model_copy(update=changes)

    def _forget_old(self) -> None:
        finished = [key for key, job in self._jobs.items() if job.status.state != "running"]
        for key in finished[: max(0, len(self._jobs) - KEPT_JOBS)]:
            del self._jobs[key]
