"""``make bench`` for the form check: end-to-end frames per second against a naive loop.

For the sample clip and a 1080p H.264 copy made here, each measured in its own process:

* **naive**: one thread decodes a frame with OpenCV, then one MediaPipe pose model runs on
  it, frame after frame (no tracking of several people, no analysis);
* **runknee**: the real pipeline (decode in a background thread, chained pose models to tell
  the runner from others, filtering, events, metrics and the quality gate);
* **1-person**: the same pipeline with one pose model (the cost when only the runner is in
  view, the filming advice).

Also reported: each run's peak resident memory, CPU time per frame (all threads; less noisy
than frames per second when other jobs share the machine), how many pose-model runs the
pipeline made per frame, and the time to write the annotated video.
Figures on a shared machine are noisy; run it twice before trusting a difference.

    python benchmarks/bench_form.py [CLIP]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

# The tests' helper says where the sample clip lies (benchmarks run as scripts, so the
# checkout goes on the path first).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.sample_clip import sample_clip


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def naive(path: str) -> dict[str, float]:
    """Decode then pose, one frame at a time, in one thread."""
    import cv2
    import mediapipe

    model = mediapipe.solutions.pose.Pose(model_complexity=1)
    capture = cv2.VideoCapture(path)
    count = 0
    started, cpu = time.perf_counter(), time.process_time()
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        model.process(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
        count += 1
    elapsed = time.perf_counter() - started
    cpu_ms = 1000 * (time.process_time() - cpu) / count
    model.close()
    return {
        "frames": count,
        "seconds": elapsed,
        "fps": count / elapsed,
        "cpu_ms_per_frame": cpu_ms,
        "peak_mb": _peak_mb(),
    }


def pipeline(path: str, annotated: str | None = None, people: int = 2) -> dict[str, float]:
    """The real form check, optionally followed by the annotated video."""
    from runknee.form.pipeline import run_form_check
    from runknee.form.pose import MediaPipePose

    made: list[MediaPipePose] = []

    def counted() -> MediaPipePose:
        made.append(MediaPipePose(max_people=people))
        return made[-1]

    started, cpu = time.perf_counter(), time.process_time()
    run = run_form_check(path, estimator=counted)
    elapsed = time.perf_counter() - started
    frames = run.report.clip.frames
    result = {
        "frames": frames,
        "seconds": elapsed,
        "fps": frames / elapsed,
        "cpu_ms_per_frame": 1000 * (time.process_time() - cpu) / frames,
        "peak_mb": _peak_mb(),
        "runner_frames": run.report.runner_frames,
        "pose_runs_per_frame": sum(made[0].runs) / frames,
    }
    if annotated:
        from runknee.form.annotate import write_annotated

        result["annotate_seconds"] = write_annotated(path, annotated, run)
    return result


def make_1080p(source: Path, target: Path) -> None:
    """An H.264 1920x1080 copy of ``source`` at its own timestamps."""
    import av
    import cv2
    import numpy as np

    from runknee.form.video import frames

    with av.open(str(target), "w") as out:
        stream = out.add_stream("libx264", rate=30)
        stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "20"}
        for time_s, frame in frames(source):
            resized = np.asarray(cv2.resize(frame, (1920, 1080)), dtype=np.uint8)
            picture = av.VideoFrame.from_ndarray(resized, format="bgr24")
            picture.pts, picture.time_base = round(time_s * 1000), Fraction(1, 1000)
            for packet in stream.encode(picture):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def _cpu(*runs: dict[str, float]) -> str:
    return "/".join(f"{run['cpu_ms_per_frame']:.0f}" for run in runs)


def _measure(mode: str, path: Path, extra: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", mode, str(path), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> int:
    """Run the benchmark (or, with ``--one``, a single measurement for the parent)."""
    if argv[:1] == ["--one"]:
        mode, path, *rest = argv[1:]
        if mode == "naive":
            result = naive(path)
        elif mode == "single":
            result = pipeline(path, None, people=1)
        else:
            result = pipeline(path, rest[0] if rest else None)
        print(json.dumps(result))
        return 0
    clip = Path(argv[0]) if argv else sample_clip()
    if not clip.exists():
        print(f"form bench: no sample clip at {clip}; skipped")
        return 0
    print(f"Form check speed on {os.cpu_count()} CPUs (shared machines are noisy)")
    with tempfile.TemporaryDirectory(prefix="runknee-bench-") as scratch:
        big = Path(scratch) / "clip-1080p.mp4"
        make_1080p(clip, big)
        annotated = str(Path(scratch) / "annotated.mp4")
        print(
            f"{'clip':<20}{'naive fps':>10}{'runknee fps':>12}{'ratio':>7}"
            f"{'1-person fps':>13}{'ratio':>7}{'peak MB':>9}{'CPU ms/frame':>22}"
            f"{'pose runs/frame':>16}  annotated video"
        )
        for name, video in (("sample (1768x994)", clip), ("1080p copy", big)):
            plain = _measure("naive", video, [])
            ours = _measure("pipeline", video, [annotated])
            single = _measure("single", video, [])
            print(
                f"{name:<20}{plain['fps']:>10.1f}{ours['fps']:>12.1f}"
                f"{ours['fps'] / plain['fps']:>7.2f}{single['fps']:>13.1f}"
                f"{single['fps'] / plain['fps']:>7.2f}{ours['peak_mb']:>9.0f}"
                f"{_cpu(plain, ours, single):>22}{ours['pose_runs_per_frame']:>16.2f}  "
                f"{ours['annotate_seconds']:.1f} s for {ours['frames']:.0f} frames"
            )
    print(
        "naive: one thread, decode then one pose model per frame. runknee: threaded decode, "
        "chained pose models to tell the runner from others (the sample has 2-3 people in view; "
        "once the walker is clear the second model looks every 5th frame, on the other core), "
        "filtering, events, metrics. 1-person: the same pipeline with one pose model. CPU "
        "ms/frame: naive/runknee/1-person, all threads (steadier than fps on a shared machine)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
