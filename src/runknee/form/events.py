"""Gait events from filtered keypoints on a uniform time grid.

Side view: initial contact (IC) at the peaks of how far the heel is ahead of the pelvis, and
toe-off (TO) at the peaks of how far the toe is behind it (Zeni et al. 2008's
coordinate method, as used by OpenCap and Pose2Sim); each side's stance runs from an IC to
the next TO. In running those peaks come before contact and after toe-off, so each is refined
by the height of the foot (:mod:`runknee.form.landing`). Running is told from walking by the
duty factor (stance time over stride time): below one half there is a flight phase, when
neither foot is on the ground.

Back view: a leg's stance is where its ankle is lower in the image than the other ankle;
midstance is where that difference peaks.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray
from scipy.signal import find_peaks

from runknee.form.landing import refine_stance
from runknee.form.landmarks import LEFT_HIP, LEFT_SHOULDER, LEG, RIGHT_HIP, RIGHT_SHOULDER

Array = NDArray[np.float64]

MIN_STEP_S = 0.25
"""The shortest time between two contacts of the same foot that is still believed."""


@dataclass(frozen=True)
class Stance:
    """One stance phase of one leg, as sample indices on the uniform grid."""

    side: str
    contact: int
    toe_off: int | None
    midstance: int
    contact_at: float = -1.0
    """The contact as a fractional sample index (refined between samples); -1: ``contact``."""
    toe_off_at: float = -1.0
    """The toe-off as a fractional sample index; -1: ``toe_off``."""
    contact_seen: bool = True
    """False when the leg was hidden around the contact (its points bridged over a gap), so
    that its time, and the values read there, are guesses."""

    @property
    def contact_position(self) -> float:
        """The contact as a fractional sample index."""
        return self.contact_at if self.contact_at >= 0 else float(self.contact)

    @property
    def toe_off_position(self) -> float | None:
        """The toe-off as a fractional sample index, or None without a toe-off."""
        if self.toe_off is None:
            return None
        return self.toe_off_at if self.toe_off_at >= 0 else float(self.toe_off)

    def contact_s(self, times: Array) -> float:
        """The contact time in seconds on the uniform grid ``times``."""
        step = float(times[1] - times[0]) if times.size > 1 else 0.0
        return float(times[0]) + self.contact_position * step


@dataclass
class GaitEvents:
    """Every stance of both legs, in time order per side."""

    stances: dict[str, list[Stance]] = field(default_factory=lambda: {"left": [], "right": []})

    def contacts(self, side: str) -> list[int]:
        """Initial-contact sample indices of one side."""
        return [s.contact for s in self.stances[side]]

    def contact_times_s(self, times: Array, side: str | None = None) -> list[float]:
        """Refined contact times in seconds (one side, or both merged), sorted."""
        sides = [side] if side else ["left", "right"]
        return sorted(s.contact_s(times) for name in sides for s in self.stances[name])


def pelvis(track: Array) -> Array:
    """Midpoint of the two hip points, per frame."""
    return np.asarray((track[:, LEFT_HIP] + track[:, RIGHT_HIP]) / 2.0, dtype=np.float64)


def mid_shoulder(track: Array) -> Array:
    """Midpoint of the two shoulder points, per frame."""
    return np.asarray((track[:, LEFT_SHOULDER] + track[:, RIGHT_SHOULDER]) / 2.0, dtype=np.float64)


def leg_length_px(track: Array) -> float:
    """Median hip-knee plus knee-ankle length over both legs and all frames, pixels."""
    lengths = []
    for leg in LEG.values():
        thigh = np.hypot(*(track[:, leg["hip"]] - track[:, leg["knee"]]).T)
        shank = np.hypot(*(track[:, leg["knee"]] - track[:, leg["ankle"]]).T)
        lengths.append(thigh + shank)
    value = float(np.nanmedian(np.concatenate(lengths)))
    return value if np.isfinite(value) else float("nan")


def travel_direction(track: Array, leg_px: float) -> tuple[float, str]:
    """+1 or -1 for the direction of travel (or facing, when running in place), and a word."""
    centre = pelvis(track)[:, 0]
    finite = centre[np.isfinite(centre)]
    if finite.size >= 2 and abs(finite[-1] - finite[0]) > leg_px:
        return (1.0, "right") if finite[-1] > finite[0] else (-1.0, "left")
    pointing = [track[:, leg["toe"], 0] - track[:, leg["heel"], 0] for leg in LEG.values()]
    facing = float(np.nanmedian(np.concatenate(pointing)))
    if not np.isfinite(facing):
        return 1.0, "unknown"
    return (1.0 if facing >= 0 else -1.0), "in_place"


def _peaks(signal: Array, rate_hz: float, prominence: float) -> list[int]:
    filled = np.where(
        np.isfinite(signal), signal, np.nanmin(signal) if np.isfinite(signal).any() else 0
    )
    found, _ = find_peaks(
        filled, distance=max(1, round(MIN_STEP_S * rate_hz)), prominence=prominence
    )
    return [int(i) for i in found if np.isfinite(signal[i]) and signal[i] > 0]


def refine_peak(signal: Array, index: int) -> float:
    """Sub-sample position of a peak by fitting a parabola through it and its neighbours."""
    if index <= 0 or index >= signal.size - 1:
        return float(index)
    a, b, c = signal[index - 1], signal[index], signal[index + 1]
    curvature = a - 2 * b + c
    if not np.isfinite(curvature) or curvature >= 0:
        return float(index)
    return float(index + 0.5 * (a - c) / curvature)


def side_view_events(
    track: Array,
    rate_hz: float,
    direction: float,
    leg_px: float,
    by_height: bool = True,
    observed: NDArray[np.bool_] | None = None,
) -> GaitEvents:
    """Initial contacts and toe-offs of both feet in a side view.

    With ``by_height`` (running), each contact and toe-off found at a peak is moved to where
    the foot reaches or leaves the ground (:func:`runknee.form.landing.refine_stance`);
    without it (walking, where Zeni et al. 2008 validated the peaks) the peaks stand.
    ``observed`` (samples, landmarks) marks the points seen rather than bridged over a gap:
    a contact with its leg unseen nearby gets ``contact_seen`` False.
    """
    centre = pelvis(track)[:, 0]
    events = GaitEvents()
    for side, leg in LEG.items():
        heel_ahead = direction * (track[:, leg["heel"], 0] - centre)
        toe_behind = -direction * (track[:, leg["toe"], 0] - centre)
        heights = [track[:, leg["heel"], 1], track[:, leg["toe"], 1]]
        contacts = _peaks(heel_ahead, rate_hz, 0.2 * leg_px)
        toe_offs = _peaks(toe_behind, rate_hz, 0.2 * leg_px)
        for index, contact in enumerate(contacts):
            limit = contacts[index + 1] if index + 1 < len(contacts) else track.shape[0]
            later = [t for t in toe_offs if contact < t < limit]
            toe_off = later[0] if later else None
            middle = (contact + toe_off) // 2 if toe_off is not None else contact
            at = refine_peak(heel_ahead, contact)
            stance = Stance(side, contact, toe_off, middle, at)
            if by_height:
                landed, left = refine_stance(heights, contact, toe_off, limit, rate_hz, leg_px)
                stance = _moved(stance, landed, left)
            if observed is not None and not _seen(observed, leg, stance.contact_position):
                stance = replace(stance, contact_seen=False)
            events.stances[side].append(stance)
    return events


CONTACT_SEEN_SAMPLES = 2
"""A contact counts as seen when every point of its leg was seen this many samples either
side of it (runknee_derived: the filter spreads a bridged stretch about that far)."""


def _seen(observed: NDArray[np.bool_], leg: dict[str, int], position: float) -> bool:
    centre = round(position)
    lo, hi = max(0, centre - CONTACT_SEEN_SAMPLES), centre + CONTACT_SEEN_SAMPLES + 1
    return bool(observed[lo:hi, list(leg.values())].all())


def _moved(stance: Stance, contact_at: float | None, toe_off_at: float | None) -> Stance:
    """The stance with its contact and toe-off moved to the refined positions given."""
    at = stance.contact_at if contact_at is None else contact_at
    off_at = stance.toe_off_at if toe_off_at is None else toe_off_at
    contact = round(at)
    toe_off = round(off_at) if off_at >= 0 else stance.toe_off
    middle = (contact + toe_off) // 2 if toe_off is not None else contact
    return Stance(stance.side, contact, toe_off, middle, at, off_at)


def back_view_events(track: Array, rate_hz: float, leg_px: float) -> GaitEvents:
    """Stances of both feet in a back view: where each ankle is the lower of the two."""
    events = GaitEvents()
    for side, other in (("left", "right"), ("right", "left")):
        lower = track[:, LEG[side]["ankle"], 1] - track[:, LEG[other]["ankle"], 1]
        for peak in _peaks(lower, rate_hz, 0.05 * leg_px):
            start = peak
            while start > 0 and np.isfinite(lower[start - 1]) and lower[start - 1] > 0:
                start -= 1
            stop = peak
            while stop + 1 < lower.size and np.isfinite(lower[stop + 1]) and lower[stop + 1] > 0:
                stop += 1
            events.stances[side].append(Stance(side, start, stop, peak))
    return events


def duty_factor(events: GaitEvents, rate_hz: float) -> float | None:
    """Mean stance time over mean stride time (same-foot contact to contact), or None."""
    stance: list[float] = []
    stride: list[float] = []
    for stances in events.stances.values():
        for s in stances:
            off = s.toe_off_position
            if off is not None:
                stance.append((off - s.contact_position) / rate_hz)
        contacts = [s.contact_position for s in stances]
        stride += [(b - a) / rate_hz for a, b in itertools.pairwise(contacts)]
    if not stance or not stride:
        return None
    return float(np.mean(stance) / np.mean(stride))


def alternation_ratio(events: GaitEvents) -> float:
    """Share of successive contacts (both feet merged) that switch foot: 1.0 alternates fully."""
    labelled = sorted(
        [(s.contact, side) for side, stances in events.stances.items() for s in stances]
    )
    if len(labelled) < 2:
        return 0.0
    switches = sum(1 for a, b in itertools.pairwise(labelled) if a[1] != b[1])
    return switches / (len(labelled) - 1)
