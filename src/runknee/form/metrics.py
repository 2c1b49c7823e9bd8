"""Per-step form metrics from a filtered track and its gait events, averaged per leg.

Each function returns a list of :class:`MetricResult`; a metric that the clip cannot support
(too few steps, a missing toe-off) says so in its status and note instead of guessing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from runknee.form import geometry as g
from runknee.form.events import GaitEvents, Stance, mid_shoulder, pelvis
from runknee.form.evidence import FormEvidence
from runknee.form.landmarks import LEFT_EAR, LEFT_HIP, LEG, NOSE, RIGHT_EAR, RIGHT_HIP
from runknee.form.models import MetricResult, SideValue
from runknee.i18n import N_, NN_, Message

Array = NDArray[np.float64]
MIN_STEPS_PER_SIDE = 7
"""Fewer steps than this per leg give an unstable mean (Dingenen et al. 2018)."""

StepValue = Callable[[Stance], float | None]


def summarise(
    evidence: FormEvidence,
    metric_id: str,
    per_side: dict[str, list[tuple[float, float]]],
    overall: float | None = None,
    note: str = "",
) -> MetricResult:
    """Average (time, value) pairs per leg into a :class:`MetricResult`."""
    meta = evidence.metric(metric_id)
    sides: dict[str, SideValue | None] = {}
    everything: list[float] = []
    for side in ("left", "right"):
        pairs = [(t, v) for t, v in per_side.get(side, []) if np.isfinite(v)]
        values = [v for _, v in pairs]
        everything += values
        sides[side] = (
            SideValue(
                mean=round(float(np.mean(values)), 3),
                sd=round(float(np.std(values, ddof=1)) if len(values) > 1 else 0.0, 3),
                steps=len(values),
                times_s=[round(t, 3) for t, _ in pairs],
            )
            if values
            else None
        )
    if not everything:
        return MetricResult(
            id=metric_id,
            label=meta.label,
            unit=meta.unit,
            status="not_measurable",
            note=(missing := Message.of(note or _NOT_MEASURED)).english,
            note_i18n=missing,
        )
    fewest = min((s.steps if s else 0) for s in sides.values())
    status = "ok" if fewest >= MIN_STEPS_PER_SIDE else "few_steps"
    said = Message.of(note) if note else None
    if status == "few_steps" and not note:
        said = Message.of(_FEW_STEPS, count_key="steps", steps=fewest, needed=MIN_STEPS_PER_SIDE)
    value = overall if overall is not None else float(np.mean(everything))
    return MetricResult(
        id=metric_id,
        label=meta.label,
        unit=meta.unit,
        status=status,
        value=round(value, 3),
        sd=round(float(np.std(everything, ddof=1)), 3) if len(everything) > 1 else 0.0,
        left=sides["left"],
        right=sides["right"],
        note=said.english if said else "",
        note_i18n=said,
    )


_FEW_STEPS = NN_(
    "only %(steps)s step on one leg; at least %(needed)s per leg are needed for a stable value, "
    "so treat this as indicative",
    "only %(steps)s steps on one leg; at least %(needed)s per leg are needed for a stable value, "
    "so treat this as indicative",
)
_NOT_MEASURED = N_("no step in the clip could be measured for this")


def value_at(values: Array, position: float) -> Array:
    """``values`` (samples first) linearly interpolated at a fractional sample index."""
    low = min(max(int(np.floor(position)), 0), values.shape[0] - 1)
    high = min(low + 1, values.shape[0] - 1)
    share = min(max(position - low, 0.0), 1.0)
    if share == 0.0 or high == low:  # on a sample: a missing neighbour does not matter
        return np.asarray(values[low], dtype=np.float64)
    return np.asarray(values[low] * (1.0 - share) + values[high] * share, dtype=np.float64)


def _per_step(
    events: GaitEvents, times: Array, fn: StepValue
) -> dict[str, list[tuple[float, float]]]:
    out: dict[str, list[tuple[float, float]]] = {"left": [], "right": []}
    for side, stances in events.stances.items():
        for stance in stances:
            value = fn(stance)
            if value is not None and np.isfinite(value):
                out[side].append((stance.contact_s(times), float(value)))
    return out


def side_view_metrics(
    evidence: FormEvidence,
    track: Array,
    times: Array,
    events: GaitEvents,
    direction: float,
    leg_px: float,
    head_baseline_deg: float | None,
    at_contact: Array | None = None,
) -> list[MetricResult]:
    """Cadence, landing, knee, trunk, head and bounce metrics for a side view.

    Values at contact are read from ``at_contact`` (the points filtered less, default
    ``track``), only at contacts where the leg was seen.
    """
    centre = pelvis(track)
    sharp = track if at_contact is None else at_contact
    sharp_centre = pelvis(sharp)
    shoulders = mid_shoulder(track)
    ear = (track[:, LEFT_EAR] + track[:, RIGHT_EAR]) / 2.0

    def leg(stance: Stance, name: str) -> Array:
        return np.asarray(track[:, LEG[stance.side][name]], dtype=np.float64)

    def knee_flexion(stance: Stance) -> Array:
        return g.knee_flexion_deg(leg(stance, "hip"), leg(stance, "knee"), leg(stance, "ankle"))

    # Values at contact are read between samples at the refined contact time: at 60 fps one
    # frame is 17 ms, in which a landing knee can move several degrees.
    def at_contact_point(s: Stance, name: str) -> Array:
        return value_at(sharp[:, LEG[s.side][name]], s.contact_position)

    def ahead(s: Stance) -> float | None:
        if not s.contact_seen:
            return None
        hip = value_at(sharp_centre, s.contact_position)
        return float(g.ahead_distance(at_contact_point(s, "heel"), hip, direction)) / leg_px

    def shank(s: Stance) -> float | None:
        if not s.contact_seen:
            return None
        knee, ankle = at_contact_point(s, "knee"), at_contact_point(s, "ankle")
        return float(g.shank_angle_deg(knee, ankle, direction))

    def knee_ic(s: Stance) -> float | None:
        if not s.contact_seen:
            return None
        hip, knee = at_contact_point(s, "hip"), at_contact_point(s, "knee")
        return float(g.knee_flexion_deg(hip, knee, at_contact_point(s, "ankle")))

    def knee_peak(s: Stance) -> float | None:
        return (
            None
            if s.toe_off is None
            else float(np.nanmax(knee_flexion(s)[s.contact : s.toe_off + 1]))
        )

    def trunk(s: Stance) -> float | None:
        if s.toe_off is None:
            return None
        return float(g.trunk_lean_deg(centre[s.midstance], shoulders[s.midstance], direction))

    def head(s: Stance) -> float | None:
        if s.toe_off is None or head_baseline_deg is None:
            return None
        window = slice(s.contact, s.toe_off + 1)
        pitch = g.head_pitch_deg(ear[window], track[window, NOSE], direction)
        return float(np.nanmean(pitch)) - head_baseline_deg

    contacts = {side: events.contacts(side) for side in ("left", "right")}

    def bounce(s: Stance) -> float | None:
        later = [c for c in contacts[s.side] if c > s.contact]
        if not later:
            return None
        stride = centre[s.contact : later[0] + 1, 1]
        return float(np.nanmax(stride) - np.nanmin(stride)) / leg_px * 100.0

    rate: dict[str, list[tuple[float, float]]] = {"left": [], "right": []}
    for side in ("left", "right"):
        stamps = events.contact_times_s(times, side)
        for a, b in itertools.pairwise(stamps):
            rate[side].append((a, 120.0 / (b - a)))
    cadence = g.cadence_spm(events.contact_times_s(times))
    head_note = (
        ""
        if head_baseline_deg is not None
        else N_("needs about a second of standing upright, side on, at the start of the clip")
    )
    return [
        summarise(evidence, "cadence_spm", rate, cadence),
        summarise(evidence, "foot_ahead_of_hip_at_contact_leg", _per_step(events, times, ahead)),
        summarise(evidence, "shank_angle_at_contact_deg", _per_step(events, times, shank)),
        summarise(evidence, "knee_flexion_at_contact_deg", _per_step(events, times, knee_ic)),
        summarise(evidence, "knee_flexion_peak_stance_deg", _per_step(events, times, knee_peak)),
        summarise(evidence, "trunk_lean_deg", _per_step(events, times, trunk)),
        summarise(evidence, "head_pitch_deg", _per_step(events, times, head), note=head_note),
        summarise(evidence, "vertical_oscillation_pct_leg", _per_step(events, times, bounce)),
    ]


def back_view_metrics(
    evidence: FormEvidence, track: Array, times: Array, events: GaitEvents
) -> list[MetricResult]:
    """Pelvic drop, knee frontal-plane angle and crossover for a view from behind.

    From behind, the runner's left side is on the image's left (smaller x)."""
    centre = pelvis(track)
    hip_width = float(np.nanmedian(np.abs(track[:, LEFT_HIP, 0] - track[:, RIGHT_HIP, 0])))
    lateral = {"left": -1.0, "right": 1.0}

    def window(s: Stance) -> slice:
        return slice(s.contact, (s.toe_off if s.toe_off is not None else s.contact) + 1)

    def drop(s: Stance) -> float:
        other = "right" if s.side == "left" else "left"
        angles = g.pelvic_drop_deg(
            track[window(s), LEG[s.side]["hip"]], track[window(s), LEG[other]["hip"]]
        )
        return float(np.nanmax(angles))

    def fppa(s: Stance) -> float:
        leg = LEG[s.side]
        w = window(s)
        angles = g.frontal_knee_angle_deg(
            track[w, leg["hip"]], track[w, leg["knee"]], track[w, leg["ankle"]], -lateral[s.side]
        )
        return float(angles[np.nanargmax(np.abs(angles))])

    def offset(s: Stance) -> float | None:
        if not np.isfinite(hip_width) or hip_width <= 0:
            return None
        value = g.midline_offset(
            track[s.midstance, LEG[s.side]["ankle"]], centre[s.midstance], lateral[s.side]
        )
        return float(value) / hip_width * 100.0

    return [
        summarise(evidence, "pelvic_drop_deg", _per_step(events, times, drop)),
        summarise(evidence, "knee_frontal_angle_deg", _per_step(events, times, fppa)),
        summarise(evidence, "foot_midline_offset_pct_hip", _per_step(events, times, offset)),
    ]
