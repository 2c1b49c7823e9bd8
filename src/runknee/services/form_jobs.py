"""Form checks started from the web app: each clip is analysed in a worker process.

:class:`FormJobs` keeps the running jobs of one server. A job's clip sits in its own folder
under a private temporary directory until the worker finishes; then the report is saved
through :class:`~runknee.services.form_checks.FormChecks` (the clip and annotated video only
when the runner chose to keep them) and the folder is deleted.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from pydantic import BaseModel, ConfigDict, Field

from runknee.errors import CaseInputError, FieldError, NotFoundError, RunkneeError
from runknee.files import private_dir
from runknee.form.models import FormReport, View
from runknee.i18n import N_, _
from runknee.services.form_checks import FormChecks

KEPT_JOBS = 20
"""Finished jobs remembered for their status pages; older ones are forgotten."""
MAX_RUNNING = 2
"""Jobs analysed at the same time; more wait for a free slot (refused with a message)."""
STOPPING = N_("The server is stopping; no new clip is analysed.")
SUFFIXES = {".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi", ".3gp"}

MIN_CLIP_BYTES = 1024
"""An upload smaller than this cannot hold a container with one encoded frame (runknee's own
limit, not a clinical one): it is refused at once instead of failing in a worker."""


class FormJobBusy(RunkneeError):
    """Too many clips are being analysed already."""


class FormJobStatus(BaseModel):
    """Where a web form check stands."""

    model_config = ConfigDict(frozen=True)

    id: str
    state: Literal["running", "done", "failed"]
    progress_pct: int = Field(ge=0, le=100)
    check_id: str | None = Field(None, description="The saved form check, once done.")
    error: str | None = Field(None, description="Why it failed, in words.")


@dataclass
class _Job:
    id: str
    folder: Path
    video: Path
    process: subprocess.Popen[bytes]
    label: str
    keep_clip: bool
    status: FormJobStatus


class FormJobs:
    """The form checks one server is running (thread-safe)."""

    def __init__(self, service: FormChecks, root: Path | None = None) -> None:
        self.service = service
        self._root = root
        self._jobs: dict[str, _Job] = {}
        self._lock = threading.Lock()
        self._starting = 0  # uploads being copied: they count as running
        self._closed = False

    def root(self) -> Path:
        """The private folder for the clips being analysed (made on the first job)."""
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="runknee-form-"))
        return self._root

    def start(
        self,
        upload: BinaryIO,
        filename: str,
        view: View | None = None,
        label: str = "",
        keep_clip: bool = False,
        keep_annotated: bool = False,
    ) -> FormJobStatus:
        """Copy the upload to a private folder and start a worker on it.

        The copy (up to 512 MiB) runs outside the lock, so status pages and other uploads are
        not held up by it; a reserved slot keeps the running limit.
        """
        folder = self._reserve_slot() / uuid.uuid4().hex
        job_id = folder.name
        try:
            folder.mkdir()  # not `parents`: after close() the jobs' folder stays gone
            suffix = Path(filename).suffix.lower()
            video = folder / ("clip" + (suffix if suffix in SUFFIXES else ".mp4"))
            with video.open("wb") as target:
                shutil.copyfileobj(upload, target)
            if video.stat().st_size < MIN_CLIP_BYTES:
                message = _("%(bytes)s bytes is too small to be a video clip") % {
                    "bytes": video.stat().st_size
                }
                raise CaseInputError([FieldError("video", message)])
            process = _launch(video, folder, view, keep_annotated)
        except BaseException as exc:
            with self._lock:
                self._starting -= 1
                stopping = self._closed
            shutil.rmtree(folder, ignore_errors=True)
            if stopping and isinstance(exc, OSError):  # close() took the folder away
                raise FormJobBusy(_(STOPPING)) from None
            raise
        status = FormJobStatus(id=job_id, state="running", progress_pct=0)
        with self._lock:
            self._starting -= 1
            if self._closed:  # close() ran while the upload was copied: stop this one too
                process.kill()
                process.wait()
                shutil.rmtree(folder, ignore_errors=True)
                raise FormJobBusy(_(STOPPING))
            finished = [key for key, old in self._jobs.items() if old.status.state != "running"]
            for key in finished[: max(0, len(finished) - KEPT_JOBS)]:
                del self._jobs[key]  # forget the oldest reports' job entries
            self._jobs[job_id] = _Job(
                job_id, folder, video, process, label or Path(filename).name, keep_clip, status
            )
        # The report is saved when the worker ends, whether or not anyone is looking.
        threading.Thread(target=self._watch, args=(job_id,), daemon=True).start()
        return status

    def _reserve_slot(self) -> Path:
        """Count a starting job as running (or refuse when :data:`MAX_RUNNING` are); return the
        folder for the jobs' clips."""
        with self._lock:
            if self._closed:
                raise FormJobBusy(_(STOPPING))
            running = sum(1 for job in self._jobs.values() if job.status.state == "running")
            running += self._starting
            if running >= MAX_RUNNING:
                raise FormJobBusy(
                    _("%(count)s clips are being analysed already; try again when one is done.")
                    % {"count": running}
                )
            self._starting += 1
            root = self.root()
            private_dir(root)  # 0700, and any folder it makes on the way
            return root

    def status(self, job_id: str) -> FormJobStatus:
        """The job's state (with its progress while the worker runs).

        Raises:
            NotFoundError: no such job on this server.
        """
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise NotFoundError("form job", job_id)
            if job.status.state == "running":
                job.status = job.status.model_copy(update={"progress_pct": _progress(job.folder)})
            return job.status

    def _watch(self, job_id: str) -> None:
        with self._lock:
            job = self._jobs[job_id]
        code = job.process.wait()
        finished = self._finish(job, code, self.service)  # reads files, writes the database
        with self._lock:
            job.status = finished

    def _finish(self, job: _Job, code: int, service: FormChecks) -> FormJobStatus:
        try:
            report_file = job.folder / "report.json"
            if code == 0 and report_file.exists():
                report = FormReport.model_validate_json(report_file.read_bytes())
                annotated = job.folder / "annotated.mp4"
                saved = service.save(
                    report,
                    job.label,
                    job.video.read_bytes() if job.keep_clip else None,
                    annotated.read_bytes() if annotated.exists() else None,
                )
                return FormJobStatus(id=job.id, state="done", progress_pct=100, check_id=saved.id)
            error = job.folder / "error.json"
            message = (
                str(json.loads(error.read_text("utf-8"))["message"])
                if error.exists()
                else _("the video could not be processed (the worker stopped with status %(code)s)")
                % {"code": code}
            )
            return FormJobStatus(id=job.id, state="failed", progress_pct=100, error=message)
        finally:
            shutil.rmtree(job.folder, ignore_errors=True)

    def close(self) -> None:
        """Stop running workers and delete every job folder; refuse new jobs from now on."""
        with self._lock:
            self._closed = True
            for job in self._jobs.values():
                if job.process.poll() is None:
                    job.process.kill()
                    job.process.wait()
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)


def _launch(
    video: Path, folder: Path, view: View | None, annotated: bool
) -> subprocess.Popen[bytes]:
    """Start the worker process on ``video``; its output goes to the job's log."""
    command = [sys.executable, "-m", "runknee.services.form_worker", str(video), str(folder)]
    command += ["--view", view] if view else []
    command += ["--annotated"] if annotated else []
    with (folder / "worker.log").open("wb") as log:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log)


def _progress(folder: Path) -> int:
    try:
        data = json.loads((folder / "progress.json").read_text("utf-8"))
        return max(0, min(99, int(100 * data["done"] / max(1, data["total"]))))
    except (OSError, ValueError, KeyError, TypeError):
        return 0
