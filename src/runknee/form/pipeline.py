"""The end-to-end form check: decode, pose, choose the runner, analyse.

Decoding runs in a background thread while the pose model works on the previous frame, so on
two cores the two overlap (see ``make bench`` for the figures against a one-thread loop).
People are linked into tracks as the frames come; every :data:`REVIEW_S` the pipeline asks
which track is clearly the runner so far and tells the pose model to focus on them (the other
people are then looked at only every few frames, which is where most of the time went).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from runknee.form.analysis import analyse_track
from runknee.form.landmarks import COUNT
from runknee.form.models import FormReport, View
from runknee.form.pose import MediaPipePose, PoseEstimator
from runknee.form.tracking import TrackLinker, choose_runner
from runknee.form.video import VideoInputError, clip_info, probe, threaded_frames

Progress = Callable[[int, int], None]
"""Called with (frames done, frames expected) while the clip is processed."""
EstimatorFactory = Callable[[], PoseEstimator]
REVIEW_S = 0.25
"""How often the pipeline re-decides whom the pose model focuses on."""


@dataclass(frozen=True)
class FormRun:
    """A report with what made it: frame times and the runner's raw keypoints."""

    report: FormReport
    times_s: list[float]
    runner: NDArray[np.float64]


def run_form_check(
    path: str | os.PathLike[str],
    view: View | None = None,
    progress: Progress | None = None,
    estimator: EstimatorFactory = MediaPipePose,
) -> FormRun:
    """Analyse one clip (raises :class:`VideoInputError` for a file that is not a video)."""
    started = time.perf_counter()
    header = probe(path)
    model = estimator()
    linker = TrackLinker()
    times = linker.times_s
    reviewed_s = float("-inf")
    try:
        for index, (time_s, frame) in enumerate(threaded_frames(path)):
            linker.add(time_s, model.detect(frame))
            if time_s - reviewed_s >= REVIEW_S:
                reviewed_s = time_s
                leader = linker.leader()
                model.focus(leader.points[-1] if leader is not None else None)
            if progress is not None:
                progress(index + 1, max(header.frames_declared, index + 1))
    finally:
        model.close()
    if len(times) < 2:
        raise VideoInputError(f"{path}: fewer than two frames could be decoded")
    pose_done = time.perf_counter()
    runner, people = choose_runner(linker.tracks, times)
    raw = runner.array(len(times)) if runner else np.full((len(times), COUNT, 3), np.nan)
    clip = clip_info(header, times)
    report = analyse_track(times, raw, clip, view, people)
    finished = time.perf_counter()
    timing = {
        "decode_and_pose_s": round(pose_done - started, 3),
        "analysis_s": round(finished - pose_done, 3),
        "total_s": round(finished - started, 3),
        "frames_per_s": round(len(times) / (finished - started), 2),
    }
    return FormRun(report.model_copy(update={"timing_s": timing}), times, raw)
