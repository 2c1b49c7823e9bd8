"""Synthetic side-view running (and walking) with articulated legs, as a pose model would see
it: known cadence, flight phase, knee bend at landing and vertical oscillation, plus keypoint
noise, dropped frames, stretches where feet are hidden, and a passer-by.

The default values are typical of easy running. The ranges come from
``knowledge/data/form/metrics.yaml``'s sources where they give a figure (step rate: the
166 and 178 steps/min bands of thakkar2019) and are otherwise runknee's own assumptions of
typical values (knee bend at landing 10-25 degrees, vertical oscillation 6-10 cm, duty factor
about 0.35 with flight, a leg of 0.9 m); the tests only need them to be plausible, because the
truth is known exactly.

Each leg is a two-segment chain (thigh and shank of half a leg each): the ankle follows a
stance path on the ground and a swing arc in the air, and the knee is placed by inverse
kinematics, bending forward. The pelvis is lowest at midstance and highest in flight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from runknee.form.landmarks import (
    COUNT,
    LEFT_EAR,
    LEFT_SHOULDER,
    LEG,
    NOSE,
    RIGHT_EAR,
    RIGHT_SHOULDER,
)
from runknee.form.models import ClipInfo

Array = NDArray[np.float64]

WIDTH_PX, HEIGHT_PX = 1280, 720


@dataclass(frozen=True)
class Gait:
    """What the synthetic person does (lengths in metres, shown at ``px_per_m``)."""

    cadence_spm: float = 172.0
    duty: float = 0.35
    """Stance time over stride time: below 0.5 both feet are off the ground between steps."""
    knee_at_contact_deg: float = 18.0
    oscillation_m: float = 0.08
    reach_m: float = 0.25
    """Ankle ahead of the hip at initial contact."""
    retraction: float = 0.7
    """The foot's backward speed relative to the hip at touch-down, as a share of its speed in
    stance: a running foot swings back before it lands, so its most forward point comes before
    contact (0: it lands at its most forward point, with no horizontal speed)."""
    leg_m: float = 0.9
    px_per_m: float = 250.0
    speed_m_s: float = 0.0
    """Speed across the image (0: a treadmill)."""
    direction: float = 1.0
    trunk_lean_deg: float = 8.0
    first_contact_s: float = 0.1
    start_x_px: float = 640.0


RUNNING = Gait()
WALKING = Gait(
    cadence_spm=112.0,
    duty=0.62,
    knee_at_contact_deg=5.0,
    oscillation_m=0.04,
    reach_m=0.3,
    trunk_lean_deg=2.0,
)
FAST_WALK = Gait(
    cadence_spm=132.0, duty=0.58, knee_at_contact_deg=6.0, oscillation_m=0.045, reach_m=0.33
)


def _knee(hip: Array, ankle: Array, thigh: float, shank: float, direction: float) -> Array:
    """The knee of a two-link leg, bent forward (towards ``direction``)."""
    span = ankle - hip
    d = min(float(np.hypot(*span)), thigh + shank - 1e-6)
    along = (thigh**2 - shank**2 + d**2) / (2 * d)
    out = math.sqrt(max(thigh**2 - along**2, 0.0))
    unit = span / max(float(np.hypot(*span)), 1e-9)
    normal = np.array([unit[1], -unit[0]])  # perpendicular; pick the forward one
    if normal[0] * direction < 0:
        normal = -normal
    return np.asarray(hip + unit * along + normal * out, dtype=np.float64)


def _ankle_offset(phase: float, g: Gait, reach: float, behind: float, lift: float) -> Array:
    """Ankle relative to the hip's x and to the ground (in stance) or to where the ground
    would be for the hip's height at landing (in swing): x forward, y down, pixels."""
    phase %= 1.0
    if phase < g.duty:  # stance: on the ground, sliding back under the body
        share = phase / g.duty
        return np.array([reach - (reach + behind) * share, 0.0])
    # Swing: forward and up. Along x a cubic (Hermite) from toe-off to touch-down that leaves
    # the ground at the stance speed (the foot goes on moving back, so its most backward point
    # comes after toe-off) and lands moving back at `retraction` times that speed.
    share = (phase - g.duty) / (1.0 - g.duty)
    travel = reach + behind
    stance_speed = -travel * (1.0 - g.duty) / g.duty  # per unit of swing share
    h01 = share**2 * (3 - 2 * share)
    h10 = share * (1 - share) ** 2
    h11 = share**2 * (share - 1)
    x = -behind + travel * h01 + stance_speed * (h10 + g.retraction * h11)
    return np.array([x, -lift * math.sin(math.pi * share) ** 2])


def _bob(g: Gait, t: float) -> float:
    """Pelvis height (+1 top, -1 bottom) over the contact-time height: it sinks to its lowest
    at midstance and rises to its highest in mid-flight (mid-swing when walking)."""
    step_s = 60.0 / g.cadence_spm
    stance_s = 2 * step_s * g.duty
    since = (t - g.first_contact_s) % step_s  # a step starts at each foot's contact
    if since < min(stance_s, step_s):
        return -math.sin(math.pi * since / min(stance_s, step_s))
    return math.sin(math.pi * (since - stance_s) / (step_s - stance_s))


def _person(g: Gait, t: float, ground_y: float) -> Array:
    """One frame's 33 keypoints (x, y, visibility 1) of the person at time ``t``."""
    scale = g.px_per_m
    leg = g.leg_m * scale
    thigh = shank = leg / 2
    step_s = 60.0 / g.cadence_spm
    stride_s = 2 * step_s
    reach = g.reach_m * scale
    behind = reach * 1.1
    # Hip above the ground at contact so that the knee bends knee_at_contact_deg there.
    hip_to_ankle = leg * math.cos(math.radians(g.knee_at_contact_deg) / 2)
    contact_height = math.sqrt(hip_to_ankle**2 - reach**2)
    hip_y = ground_y - contact_height - _bob(g, t) * g.oscillation_m * scale / 2
    hip_x = g.start_x_px + g.direction * g.speed_m_s * scale * t
    hip = np.array([hip_x, hip_y])
    raw = np.zeros((COUNT, 3))
    raw[:, 2] = 1.0
    for side, shift in (("left", 0.0), ("right", 0.5)):
        phase = (t - g.first_contact_s) / stride_s - shift
        offset = _ankle_offset(phase, g, reach, behind, 0.35 * leg)
        in_swing = phase % 1.0 >= g.duty  # in the air the foot follows the hip
        base_y = hip_y + contact_height if in_swing else ground_y
        ankle = np.array([hip_x + g.direction * offset[0], base_y + offset[1]])
        knee = _knee(hip, ankle, thigh, shank, g.direction)
        points = LEG[side]
        raw[points["hip"], :2] = hip
        raw[points["knee"], :2] = knee
        raw[points["ankle"], :2] = ankle
        raw[points["heel"], :2] = ankle + np.array([-g.direction * 0.04 * leg, 0.05 * leg])
        raw[points["toe"], :2] = ankle + np.array([g.direction * 0.2 * leg, 0.06 * leg])
    lean = math.radians(g.trunk_lean_deg)
    torso = 0.6 * leg
    shoulders = hip + np.array([g.direction * math.sin(lean), -math.cos(lean)]) * torso
    raw[LEFT_SHOULDER, :2] = shoulders
    raw[RIGHT_SHOULDER, :2] = shoulders + np.array([3.0, 0.0])
    raw[LEFT_EAR, :2] = shoulders + np.array([0.0, -0.3 * leg])
    raw[RIGHT_EAR, :2] = shoulders + np.array([0.0, -0.3 * leg])
    raw[NOSE, :2] = shoulders + np.array([g.direction * 0.1 * leg, -0.28 * leg])
    unused = [k for k in range(COUNT) if not raw[k, :2].any()]
    raw[unused, :2] = shoulders
    return raw


def truth_contacts(g: Gait, seconds: float) -> list[float]:
    """Initial-contact times of both feet, merged."""
    step_s = 60.0 / g.cadence_spm
    return [g.first_contact_s + k * step_s for k in range(int(seconds / step_s) + 1)]


@dataclass
class Scene:
    """A clip's worth of detections, as a pose stage would hand them on."""

    times_s: list[float]
    runner: Array
    """(frames, 33, 3) of the runner, NaN where the runner was not detected."""
    detections: list[list[Array]] = field(default_factory=list)
    """Per frame, every person detected (runner and passer-by, in varying order)."""

    def clip(self, fps: float) -> ClipInfo:
        """The ClipInfo a decoder would report for these frames."""
        return ClipInfo(
            width_px=WIDTH_PX,
            height_px=HEIGHT_PX,
            frames=len(self.times_s),
            duration_s=self.times_s[-1],
            fps=fps,
            variable_frame_rate=False,
        )


def scene(
    g: Gait = RUNNING,
    fps: float = 60.0,
    seconds: float = 10.0,
    noise_px: float = 1.5,
    drop_share: float = 0.04,
    hidden_feet: int = 4,
    passer_by: bool = True,
    seed: int = 7,
) -> Scene:
    """A side-view clip of one runner with the disturbances a real clip has.

    ``drop_share`` of the frames are missing (as a decoder skipping frames would leave them);
    ``hidden_feet`` stretches of 0.15 s have the far foot's points at low visibility; with
    ``passer_by`` a walker crosses in front during seconds 3-6, hiding the runner for 0.2 s
    while they overlap.
    """
    rng = np.random.default_rng(seed)
    all_times = np.arange(0.0, seconds, 1.0 / fps)
    keep = rng.random(all_times.size) >= drop_share
    keep[:2] = True
    times = all_times[keep]
    ground = 600.0
    walker = Gait(
        cadence_spm=110,
        duty=0.62,
        knee_at_contact_deg=5,
        oscillation_m=0.04,
        reach_m=0.3,
        speed_m_s=1.4,
        direction=-1.0,
        px_per_m=280.0,
        start_x_px=640.0 + 1.4 * 280.0 * 4.5,  # passes the runner at 4.5 s
        first_contact_s=0.2,
    )
    hidden = [rng.uniform(0.5, seconds - 0.5) for _ in range(hidden_feet)]
    runner = np.full((times.size, COUNT, 3), np.nan)
    detections: list[list[Array]] = []
    for i, t in enumerate(times):
        person = _person(g, float(t), ground)
        person[:, :2] += rng.normal(0.0, noise_px, (COUNT, 2))
        if any(0 <= t - start < 0.15 for start in hidden):
            for name in ("ankle", "heel", "toe"):
                person[LEG["right"][name], 2] = 0.05
        people = []
        other: Array | None = None
        if passer_by and 3.0 <= t <= 6.0:
            other = _person(walker, float(t), ground + 60.0)
            other[:, :2] += rng.normal(0.0, noise_px, (COUNT, 2))
            people.append(other)
        overlapping = other is not None and abs(other[23, 0] - person[23, 0]) < 40.0
        if not overlapping:
            people.append(person)
            runner[i] = person
        if rng.random() < 0.5:
            people.reverse()
        detections.append(people)
    return Scene([float(t) for t in times], runner, detections)


def two_times_faster(s: Scene) -> Scene:
    """Every second frame shown at the original frame rate: the clip played at double speed."""
    return Scene([t / 2 for t in s.times_s[::2]], s.runner[::2], s.detections[::2])
