"""The form-check worker process: ``python -m runknee.services.form_worker VIDEO JOBDIR``.

It runs the analysis (and the annotated video when asked) in its own process so a crash in
the video decoder or the pose model never takes the web server down. It writes
``progress.json`` as it goes, then ``report.json`` (and ``annotated.mp4``) or ``error.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from runknee.errors import RunkneeError


def _write(path: Path, data: dict[str, object]) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    """Run one job; the exit status is 0 on success, 2 for a clip runknee cannot use."""
    parser = argparse.ArgumentParser(prog="runknee.services.form_worker")
    parser.add_argument("video", type=Path)
    parser.add_argument("job_dir", type=Path)
    parser.add_argument("--view", choices=["side", "back"], default=None)
    parser.add_argument("--annotated", action="store_true")
    args = parser.parse_args(argv)
    job: Path = args.job_dir
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= 0.5 or done == total:
            last = now
            _write(job / "progress.json", {"done": done, "total": total})

    try:
        from runknee.form.pipeline import run_form_check

        run = run_form_check(args.video, args.view, progress)
        if args.annotated and run.report.ok:
            from runknee.form.annotate import write_annotated

            write_annotated(args.video, job / "annotated.mp4", run)
    except RunkneeError as exc:
        _write(job / "error.json", {"message": str(exc).replace(str(args.video), "the clip")})
        return 2
    _write(job / "report.json", run.report.model_dump(mode="json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
