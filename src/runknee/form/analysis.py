"""From the runner's raw keypoints to a :class:`FormReport`: cleaning, view and gait, the
quality gate, metrics and cues. Pure: no video, no model; the tests feed it synthetic tracks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from runknee.form import signal
from runknee.form.events import (
    GaitEvents,
    back_view_events,
    duty_factor,
    leg_length_px,
    mid_shoulder,
    pelvis,
    side_view_events,
    travel_direction,
)
from runknee.form.evidence import FormEvidence, evaluate_cues, load_evidence
from runknee.form.geometry import head_pitch_deg, knee_flexion_deg, trunk_lean_deg
from runknee.form.landmarks import (
    LEFT_EAR,
    LEFT_SHOULDER,
    LEG,
    NOSE,
    RIGHT_EAR,
    RIGHT_SHOULDER,
    WHOLE_BODY,
)
from runknee.form.metrics import MIN_STEPS_PER_SIDE, back_view_metrics, side_view_metrics
from runknee.form.models import ClipInfo, FormReport, Gait, QualityIssue, Series, View
from runknee.form.quality import issue
from runknee.i18n import N_

Array = NDArray[np.float64]

MIN_RUNNER_S = 1.0
MIN_FPS = 24.0
"""Below this frame rate the metrics are not given (runknee_derived, runknee's own estimate:
at 24 fps a running stance of about 0.2 s spans some 5 frames, the fewest in which a contact,
a toe-off and a midstance can still be told apart)."""
GOOD_FPS_RUNNING = 50.0
"""Running filmed at less gets a warning (runknee_derived, runknee's own estimate: a frame
then lasts 20 ms or more, so a value read at contact can be a frame off; at 30 fps the
synthetic runner's knee at landing reads up to 5 degrees too bent, under 2 at 60 fps)."""
RUNNING_DUTY_FACTOR = 0.5
"""Side view: running when stance time over stride time is below this, that is when there is
a flight phase with neither foot down (the definition of running against walking, whose
stances overlap; runknee_derived for the cut itself, and the duty factor is measured with
the running pass's contacts and toe-offs, see events.py)."""
RUNNING_CADENCE_SPM = 140.0
WALKING_CADENCE_SPM = 135.0
"""Back view, where toe-off cannot be seen: running from RUNNING_CADENCE_SPM steps/min,
walking up to WALKING_CADENCE_SPM, undecided between (runknee_derived, runknee's own
estimate: everyday walking is about 100-130 steps/min, easy running 150 and more)."""
MIN_STEPS_PER_SIDE_TO_REPORT = 2
MAX_GAP_S = 0.25
SIDE_ON_WIDTH_RATIO = 0.35
CONTACT_CUTOFF_HZ = 20.0
"""Cut-off for the points whose values are read at a contact (knee, shank, heel ahead). The
knee starts to bend at touch-down, a corner that a 10 Hz filter rounds off: on the synthetic
runner it read the knee 2-5 degrees more bent at contact; at 20 Hz under 2. These values are
means over steps, which average the extra noise out (runknee_derived). Capped at 0.45 times
the frame rate (13.5 Hz at 30 fps) like every cut-off."""


@dataclass(frozen=True)
class PassSettings:
    """How one analysis pass filters the keypoints and times the contacts."""

    cutoff_hz: float
    contacts_by_height: bool


RUNNING = PassSettings(cutoff_hz=10.0, contacts_by_height=True)
WALKING = PassSettings(cutoff_hz=6.0, contacts_by_height=False)


@dataclass(frozen=True)
class Prepared:
    """A cleaned track on a uniform grid."""

    times: Array
    track: Array
    rate_hz: float
    swaps_fixed: int
    observed: NDArray[np.bool_]
    """(samples, landmarks): the point was found in the nearest frame, not hidden."""
    at_contact: Array
    """The track low-passed at :data:`CONTACT_CUTOFF_HZ`, for values read at a contact."""


def prepare(
    times_s: Array, raw: Array, width_px: int, height_px: int, cutoff_hz: float, side_view: bool
) -> Prepared:
    """Resample, reject outliers and off-frame points, fill short gaps, unswap legs (side
    view) and low-pass filter. ``raw`` is (frames, 33, 3): x px, y px, visibility."""
    points = np.array(raw[..., :2], dtype=np.float64, copy=True)
    visible = raw[..., 2] >= 0.1
    margin_x, margin_y = 0.05 * width_px, 0.05 * height_px
    inside = (
        (points[..., 0] > -margin_x)
        & (points[..., 0] < width_px + margin_x)
        & (points[..., 1] > -margin_y)
        & (points[..., 1] < height_px + margin_y)
    )
    points[~(visible & inside)] = np.nan
    rate = signal.uniform_rate_hz(times_s)
    grid, uniform = signal.resample_uniform(times_s, points, rate)
    cleaned = signal.hampel(uniform, window=max(5, round(rate / 30.0 * 7) | 1))
    # Seen: found in the nearest real frame (labels as the model gave them). A point rejected
    # as an outlier was still seen; a hidden one was not.
    observed = np.isfinite(points[_nearest_frames(np.asarray(times_s), grid), :, 0])
    cleaned = signal.fill_gaps(cleaned, max(1, round(MAX_GAP_S * rate)))
    swaps = 0
    if side_view:
        cleaned, swaps = signal.unswap_left_right(cleaned)
    smooth = signal.lowpass(cleaned, rate, cutoff_hz)
    sharp = smooth
    if side_view:  # only the legs' points are read at contact
        legs = sorted({index for leg in LEG.values() for index in leg.values()})
        sharp = smooth.copy()
        sharp[:, legs] = signal.lowpass(cleaned[:, legs], rate, CONTACT_CUTOFF_HZ)
    return Prepared(grid, smooth, rate, swaps, observed, sharp)


def _nearest_frames(times_s: Array, grid: Array) -> NDArray[np.intp]:
    """For each grid time, the index of the nearest frame time (both sorted)."""
    after = np.clip(np.searchsorted(times_s, grid), 1, times_s.size - 1)
    before = after - 1
    closer = np.abs(times_s[before] - grid) <= np.abs(times_s[after] - grid)
    return np.where(closer, before, after)


def detect_view(raw: Array) -> View | None:
    """Side when the shoulders are narrow next to the torso; back when wide with the runner's
    left shoulder on the image's left; None for a front view or no data."""
    shoulders = raw[:, LEFT_SHOULDER, :2] - raw[:, RIGHT_SHOULDER, :2]
    torso = np.hypot(*(mid_shoulder(raw[..., :2]) - pelvis(raw[..., :2])).T)
    with np.errstate(all="ignore"):
        ratio = float(np.nanmedian(np.abs(shoulders[:, 0]) / torso))
        left_on_left = float(np.nanmedian(np.sign(-shoulders[:, 0])))
    if not np.isfinite(ratio):
        return None
    if ratio < SIDE_ON_WIDTH_RATIO:
        return "side"
    return "back" if left_on_left > 0 else None


def whole_body_share(raw: Array, width_px: int, height_px: int) -> float:
    """Share of the runner's frames with every key point visible and inside the frame."""
    found = np.isfinite(raw[:, 0, 0])
    if not found.any():
        return 0.0
    body = raw[found][:, list(WHOLE_BODY)]
    ok = (
        (body[..., 2] >= 0.5)
        & (body[..., 0] >= 0)
        & (body[..., 0] <= width_px)
        & (body[..., 1] >= 0)
        & (body[..., 1] <= height_px)
    ).all(axis=1)
    return float(ok.mean())


def _standing_head_baseline(prepared: Prepared, direction: float, leg_px: float) -> float | None:
    """Median head pitch over frames where the runner stands still and straight (>= 0.5 s)."""
    track = prepared.track
    speed = np.abs(np.gradient(pelvis(track)[:, 0])) * prepared.rate_hz / leg_px
    straight = np.ones(track.shape[0], dtype=bool)
    for leg in LEG.values():
        flexion = knee_flexion_deg(
            track[:, leg["hip"]], track[:, leg["knee"]], track[:, leg["ankle"]]
        )
        straight &= np.nan_to_num(flexion, nan=90.0) < 10.0
    standing = straight & (np.nan_to_num(speed, nan=9.0) < 0.3)
    if standing.sum() < 0.5 * prepared.rate_hz:
        return None
    ear = (track[:, LEFT_EAR] + track[:, RIGHT_EAR]) / 2.0
    pitch = head_pitch_deg(ear[standing], track[standing, NOSE], direction)
    value = float(np.nanmedian(pitch))
    return value if np.isfinite(value) else None


def _gait(events: GaitEvents, rate_hz: float, cadence: float | None, view: View) -> Gait:
    if view == "side":
        duty = duty_factor(events, rate_hz)
        if duty is None:
            return "unknown"
        return "running" if duty < RUNNING_DUTY_FACTOR else "walking"
    if cadence is None:
        return "unknown"
    if cadence >= RUNNING_CADENCE_SPM:
        return "running"
    return "walking" if cadence <= WALKING_CADENCE_SPM else "unknown"


def _series(prepared: Prepared, events: GaitEvents, view: View, direction: float) -> list[Series]:
    step = max(1, prepared.times.size // 300)
    times = [round(float(t), 3) for t in prepared.times[::step]]

    def clean(values: Array) -> list[float | None]:
        return [round(float(v), 2) if np.isfinite(v) else None for v in values[::step]]

    track = prepared.track
    flexion = {
        side: knee_flexion_deg(track[:, leg["hip"]], track[:, leg["knee"]], track[:, leg["ankle"]])
        for side, leg in LEG.items()
    }
    contacts = {
        side: [round(s.contact_s(prepared.times), 3) for s in events.stances[side]] for side in LEG
    }
    series = [
        Series(
            id="knee_flexion_deg",
            label=N_("Knee bend"),
            unit="degrees",
            times_s=times,
            left=clean(flexion["left"]),
            right=clean(flexion["right"]),
            contacts_left_s=contacts["left"],
            contacts_right_s=contacts["right"],
        )
    ]
    if view == "side":
        lean = trunk_lean_deg(pelvis(track), mid_shoulder(track), direction)
        series.append(
            Series(
                id="trunk_lean_deg",
                label=N_("Trunk lean"),
                unit="degrees",
                times_s=times,
                left=clean(lean),
                right=clean(lean),
                contacts_left_s=contacts["left"],
                contacts_right_s=contacts["right"],
            )
        )
    return series


def analyse_track(
    times_s: list[float],
    raw: Array,
    clip: ClipInfo,
    requested_view: View | None = None,
    people_seen: int = 1,
    evidence: FormEvidence | None = None,
) -> FormReport:
    """The whole analysis of one runner's raw keypoints (``raw``: frames x 33 x 3)."""
    evidence = evidence or load_evidence()
    found = np.isfinite(raw[:, 0, 0])
    problems: list[QualityIssue] = []
    base = {"clip": clip, "runner_frames": int(found.sum()), "people_seen": people_seen}
    if found.sum() < max(2, MIN_RUNNER_S * clip.fps):
        problems.append(issue("no_runner"))
        return FormReport(
            ok=False,
            view=requested_view,
            view_detected=None,
            gait="unknown",
            quality=problems,
            **base,
        )
    first, last = np.flatnonzero(found)[[0, -1]]
    times = np.asarray(times_s, dtype=np.float64)[first : last + 1]
    raw = raw[first : last + 1]
    detected = detect_view(raw)
    view = requested_view or detected
    if people_seen > 1:
        problems.append(issue("several_people", people=people_seen))
    if clip.fps < MIN_FPS:
        problems.append(issue("low_fps", fps=clip.fps, needed=MIN_FPS))
    if whole_body_share(raw, clip.width_px, clip.height_px) < 0.6:
        problems.append(issue("body_cut_off"))
    if detected is None:
        problems.append(issue("view_unknown"))
    elif requested_view is not None and detected != requested_view:
        problems.append(issue("view_mismatch", requested=requested_view, detected=detected))
    if view is None or any(p.blocking for p in problems):
        return FormReport(
            ok=False, view=view, view_detected=detected, gait="unknown", quality=problems, **base
        )
    # First pass as running: a running-safe cut-off and contacts timed by the foot's height
    # (events.py); a walk is measured again at the walking cut-off with the peaks' contacts,
    # the method validated in walking (zeni2008), which the pose model's noise on a real
    # walker's far foot moves less than the height method (runknee_derived).
    report = _measure(times, raw, clip, view, detected, RUNNING, evidence, problems, base)
    if report.gait == "walking":
        report = _measure(times, raw, clip, view, detected, WALKING, evidence, problems, base)
    return report.model_copy(update={"cues": evaluate_cues(evidence, report)})


def _measure(
    times: Array,
    raw: Array,
    clip: ClipInfo,
    view: View,
    detected: View | None,
    settings: PassSettings,
    evidence: FormEvidence,
    problems: list[QualityIssue],
    base: dict[str, object],
) -> FormReport:
    problems = list(problems)
    prepared = prepare(
        times, raw, clip.width_px, clip.height_px, settings.cutoff_hz, view == "side"
    )
    leg_px = leg_length_px(prepared.track)
    direction, direction_word = travel_direction(prepared.track, leg_px)
    if view == "side":
        events = side_view_events(
            prepared.track,
            prepared.rate_hz,
            direction,
            leg_px,
            settings.contacts_by_height,
            prepared.observed,
        )
    else:
        events = back_view_events(prepared.track, prepared.rate_hz, leg_px)
    steps = {side: len(events.stances[side]) for side in LEG}
    common = {
        **base,
        "view": view,
        "view_detected": detected,
        "direction": direction_word,
        "steps_left": steps["left"],
        "steps_right": steps["right"],
    }
    if min(steps.values()) < MIN_STEPS_PER_SIDE_TO_REPORT:
        problems.append(issue("too_few_steps", left=steps["left"], right=steps["right"]))
        return FormReport(ok=False, gait="unknown", quality=problems, **common)
    if view == "side":
        baseline = _standing_head_baseline(prepared, direction, leg_px)
        metrics = side_view_metrics(
            evidence,
            prepared.track,
            prepared.times,
            events,
            direction,
            leg_px,
            baseline,
            prepared.at_contact,
        )
    else:
        metrics = back_view_metrics(evidence, prepared.track, prepared.times, events)
    cadence = next((m.value for m in metrics if m.id == "cadence_spm"), None)
    if cadence is None:
        from runknee.form.geometry import cadence_spm

        cadence = cadence_spm(events.contact_times_s(prepared.times))
    gait = _gait(events, prepared.rate_hz, cadence, view)
    if min(steps.values()) < MIN_STEPS_PER_SIDE:
        values = {"left": steps["left"], "right": steps["right"], "needed": MIN_STEPS_PER_SIDE}
        problems.append(issue("few_steps", **values))
    if gait == "walking":
        problems.append(issue("walking"))
    elif gait == "running" and clip.fps < GOOD_FPS_RUNNING:
        problems.append(issue("fps_for_running", fps=clip.fps))
    return FormReport(
        ok=True,
        gait=gait,
        quality=problems,
        metrics=metrics,
        series=_series(prepared, events, view, direction),
        **common,
    )
