"""Synthetic side-view gait: BlazePose-shaped keypoints with known contacts, cadence and
duty factor, for testing the analysis without a video or a model."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from runknee.form.analysis import analyse_track
from runknee.form.landmarks import (
    COUNT,
    LEFT_EAR,
    LEFT_SHOULDER,
    LEG,
    NOSE,
    RIGHT_EAR,
    RIGHT_SHOULDER,
)
from runknee.form.models import ClipInfo, FormReport

LEG_PX = 200.0
REACH_PX = 80.0  # heel ahead of the pelvis at contact
FOOT_PX = 40.0


def heel_offset(phase: float, duty: float) -> float:
    """Heel x relative to the pelvis: +REACH at contact (phase 0), -REACH at toe-off (duty)."""
    phase %= 1.0
    if phase < duty:
        return REACH_PX * math.cos(math.pi * phase / duty)
    return -REACH_PX * math.cos(math.pi * (phase - duty) / (1.0 - duty))


def gait(
    cadence_spm: float = 180.0,
    duty: float = 0.35,
    fps: float = 60.0,
    seconds: float = 10.0,
    direction: float = 1.0,
    speed_px_s: float = 0.0,
    first_contact_s: float = 0.1,
) -> tuple[list[float], NDArray[np.float64]]:
    """Frame times and (frames, 33, 3) keypoints of a runner seen from the side.

    The left foot first lands at ``first_contact_s``; the right lands half a stride later.
    """
    stride_s = 120.0 / cadence_spm
    times = np.arange(0.0, seconds, 1.0 / fps)
    raw = np.zeros((times.size, COUNT, 3))
    raw[..., 2] = 1.0
    for i, t in enumerate(times):
        pelvis = np.array([640.0 + direction * speed_px_s * (t - seconds / 2), 300.0])
        hip = pelvis
        for side, shift in (("left", 0.0), ("right", 0.5)):
            phase = (t - first_contact_s) / stride_s - shift
            heel = pelvis + np.array([direction * heel_offset(phase, duty), LEG_PX])
            ankle = heel + np.array([direction * 5.0, -10.0])
            knee = (hip + ankle) / 2.0 + np.array([direction * 15.0, 0.0])
            toe = heel + np.array([direction * FOOT_PX, 0.0])
            leg = LEG[side]
            raw[i, leg["hip"], :2] = hip
            raw[i, leg["knee"], :2] = knee
            raw[i, leg["ankle"], :2] = ankle
            raw[i, leg["heel"], :2] = heel
            raw[i, leg["toe"], :2] = toe
        shoulders = pelvis + np.array([direction * 20.0, -180.0])
        raw[i, LEFT_SHOULDER, :2] = shoulders
        raw[i, RIGHT_SHOULDER, :2] = shoulders + np.array([2.0, 0.0])
        raw[i, LEFT_EAR, :2] = shoulders + np.array([0.0, -60.0])
        raw[i, RIGHT_EAR, :2] = shoulders + np.array([0.0, -60.0])
        raw[i, NOSE, :2] = shoulders + np.array([direction * 25.0, -55.0])
    # Points BlazePose gives but the analysis does not use: park them on the torso.
    unused = [k for k in range(COUNT) if not raw[:, k, :2].any()]
    raw[:, unused, :2] = raw[:, [LEFT_SHOULDER], :2]
    return [float(t) for t in times], raw


def contact_times(
    cadence_spm: float, seconds: float, first_contact_s: float = 0.1
) -> dict[str, list[float]]:
    """The true initial-contact times of each foot."""
    stride_s = 120.0 / cadence_spm
    out: dict[str, list[float]] = {"left": [], "right": []}
    for side, shift in (("left", 0.0), ("right", 0.5)):
        t = first_contact_s + shift * stride_s
        while t < seconds:
            out[side].append(t)
            t += stride_s
    return out


def synthetic_report(cadence: float = 160.0) -> FormReport:
    """The report of 10 s of synthetic running at ``cadence`` (60 fps)."""
    times, raw = gait(cadence_spm=cadence, duty=0.38, seconds=10.0)
    clip = ClipInfo(
        width_px=1280,
        height_px=720,
        frames=len(times),
        duration_s=times[-1],
        fps=60.0,
        variable_frame_rate=False,
    )
    return analyse_track(times, raw, clip)


def back_view(
    cadence_spm: float = 170.0,
    duty: float = 0.35,
    drop_deg: float = 5.0,
    fps: float = 60.0,
    seconds: float = 10.0,
) -> tuple[list[float], NDArray[np.float64]]:
    """A runner seen from behind: the runner's left on the image's left, the swing-side hip
    dropping by up to ``drop_deg`` at midstance, ankles 40 px outside the pelvis midline."""
    stride_s = 120.0 / cadence_spm
    times = np.arange(0.0, seconds, 1.0 / fps)
    raw = np.zeros((times.size, COUNT, 3))
    raw[..., 2] = 1.0
    hip_x = {"left": 610.0, "right": 670.0}
    ankle_x = {"left": 600.0, "right": 680.0}
    drop_px = 60.0 * math.tan(math.radians(drop_deg))
    for i, t in enumerate(times):
        hip_y = {"left": 300.0, "right": 300.0}
        ankle_y = {}
        for side, shift in (("left", 0.0), ("right", 0.5)):
            phase = ((t - 0.1) / stride_s - shift) % 1.0
            other = "right" if side == "left" else "left"
            if phase < duty:
                ankle_y[side] = 500.0
                hip_y[other] += drop_px * math.sin(math.pi * phase / duty)
            else:
                ankle_y[side] = 500.0 - 60.0 * math.sin(math.pi * (phase - duty) / (1 - duty))
        for side, leg in LEG.items():
            inward = 5.0 if side == "left" else -5.0
            raw[i, leg["hip"], :2] = (hip_x[side], hip_y[side])
            raw[i, leg["ankle"], :2] = (ankle_x[side], ankle_y[side])
            raw[i, leg["knee"], :2] = (
                (hip_x[side] + ankle_x[side]) / 2 + inward,
                (hip_y[side] + ankle_y[side]) / 2,
            )
            raw[i, leg["heel"], :2] = (ankle_x[side], ankle_y[side] + 10)
            raw[i, leg["toe"], :2] = (ankle_x[side], ankle_y[side] + 12)
        raw[i, LEFT_SHOULDER, :2] = (580.0, 120.0)
        raw[i, RIGHT_SHOULDER, :2] = (700.0, 120.0)
        raw[i, LEFT_EAR, :2] = (625.0, 70.0)
        raw[i, RIGHT_EAR, :2] = (655.0, 70.0)
        raw[i, NOSE, :2] = (640.0, 75.0)
    unused = [k for k in range(COUNT) if not raw[:, k, :2].any()]
    raw[:, unused, :2] = raw[:, [LEFT_SHOULDER], :2]
    return [float(t) for t in times], raw
