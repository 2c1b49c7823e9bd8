"""Pure angle and distance functions on 2D keypoints in image pixels (y points down).

Every function takes arrays of shape ``(..., 2)`` (x, y) and returns degrees or ratios of the
same leading shape, so one call covers a single frame or a whole clip. ``direction`` is +1 when
the runner moves (or faces) towards larger x and -1 towards smaller x; it makes "ahead" and
"forward" mean the same on both running directions. Conventions follow docs/form.md.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Points = NDArray[np.float64]
Values = NDArray[np.float64]


def _xy(points: Points) -> tuple[Values, Values]:
    array = np.asarray(points, dtype=np.float64)
    return array[..., 0], array[..., 1]


def joint_angle_deg(a: Points, b: Points, c: Points) -> Values:
    """The angle a-b-c at ``b`` in degrees, 0-180."""
    ax, ay = _xy(a)
    bx, by = _xy(b)
    cx, cy = _xy(c)
    v1x, v1y, v2x, v2y = ax - bx, ay - by, cx - bx, cy - by
    cross = v1x * v2y - v1y * v2x
    dot = v1x * v2x + v1y * v2y
    return np.asarray(np.degrees(np.abs(np.arctan2(cross, dot))), dtype=np.float64)


def knee_flexion_deg(hip: Points, knee: Points, ankle: Points) -> Values:
    """Knee flexion: 180 minus the hip-knee-ankle angle, so 0 is a straight leg."""
    return 180.0 - joint_angle_deg(hip, knee, ankle)


def shank_angle_deg(knee: Points, ankle: Points, direction: float) -> Values:
    """Shank (tibia) angle from vertical, positive when the ankle is ahead of the knee."""
    kx, ky = _xy(knee)
    ax, ay = _xy(ankle)
    return np.asarray(np.degrees(np.arctan2(direction * (ax - kx), ay - ky)), dtype=np.float64)


def trunk_lean_deg(pelvis: Points, shoulders: Points, direction: float) -> Values:
    """Trunk angle from vertical (pelvis to mid-shoulder), positive when leaning forward."""
    px, py = _xy(pelvis)
    sx, sy = _xy(shoulders)
    return np.asarray(np.degrees(np.arctan2(direction * (sx - px), py - sy)), dtype=np.float64)


def head_pitch_deg(ear: Points, nose: Points, direction: float) -> Values:
    """Angle of the ear-to-nose line below horizontal (positive: head tipped down)."""
    ex, ey = _xy(ear)
    nx, ny = _xy(nose)
    return np.asarray(np.degrees(np.arctan2(ny - ey, direction * (nx - ex))), dtype=np.float64)


def ahead_distance(point: Points, reference: Points, direction: float) -> Values:
    """How far ``point`` is ahead of ``reference`` along the direction of travel, pixels."""
    px, _ = _xy(point)
    rx, _ = _xy(reference)
    return np.asarray(direction * (px - rx), dtype=np.float64)


def pelvic_drop_deg(stance_hip: Points, swing_hip: Points) -> Values:
    """Contralateral pelvic drop in a back (or front) view: the hip line's angle from
    horizontal, positive when the swing-side hip is lower than the stance-side hip."""
    sx, sy = _xy(stance_hip)
    wx, wy = _xy(swing_hip)
    return np.asarray(np.degrees(np.arctan2(wy - sy, np.abs(wx - sx))), dtype=np.float64)


def frontal_knee_angle_deg(hip: Points, knee: Points, ankle: Points, medial_sign: float) -> Values:
    """Knee frontal-plane projection angle: 180 minus the hip-knee-ankle angle, positive when
    the knee lies medial to the hip-ankle line (dynamic valgus).

    ``medial_sign`` is +1 when the body's midline is towards larger x from this leg, else -1.
    """
    hx, hy = _xy(hip)
    kx, ky = _xy(knee)
    ax, ay = _xy(ankle)
    deviation = 180.0 - joint_angle_deg(hip, knee, ankle)
    # Signed horizontal offset of the knee from the hip-ankle line at the knee's height.
    span = ay - hy
    fraction = np.divide(ky - hy, span, out=np.zeros_like(span), where=np.abs(span) > 1e-9)
    line_x = hx + fraction * (ax - hx)
    sign = np.where(medial_sign * (kx - line_x) >= 0, 1.0, -1.0)
    return np.asarray(sign * deviation, dtype=np.float64)


def midline_offset(ankle: Points, pelvis: Points, lateral_sign: float) -> Values:
    """How far the stance ankle is from the pelvis midline towards its own side, pixels
    (negative: the foot crosses the midline). ``lateral_sign`` is +1 when this leg's side is
    towards larger x."""
    ax, _ = _xy(ankle)
    px, _ = _xy(pelvis)
    return np.asarray(lateral_sign * (ax - px), dtype=np.float64)


def cadence_spm(contact_times_s: list[float]) -> float | None:
    """Steps per minute from the times of successive initial contacts of both feet, merged.

    Intervals more than 50% away from the median (a missed or doubled contact) are left out;
    the rest are averaged. None with fewer than two contacts.
    """
    times = np.sort(np.asarray(contact_times_s, dtype=np.float64))
    if times.size < 2:
        return None
    intervals = np.diff(times)
    intervals = intervals[intervals > 0]
    if intervals.size == 0:
        return None
    median = float(np.median(intervals))
    usual = intervals[np.abs(intervals - median) <= 0.5 * median]
    return float(60.0 / np.mean(usual))
