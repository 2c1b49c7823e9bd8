"""The analysis on synthetic gait with known contacts: events, cadence, gait, gate, cues."""

from __future__ import annotations

import numpy as np
import pytest

from runknee.form.analysis import analyse_track, prepare
from runknee.form.events import alternation_ratio, side_view_events
from runknee.form.models import ClipInfo, FormReport
from tests.form.form_synthetic import LEG_PX, REACH_PX, contact_times, gait


def clip(times: list[float], fps: float = 60.0) -> ClipInfo:
    return ClipInfo(
        width_px=1280,
        height_px=720,
        frames=len(times),
        duration_s=times[-1],
        fps=fps,
        variable_frame_rate=False,
    )


def analyse(times: list[float], raw: np.ndarray, fps: float = 60.0, **kw: object) -> FormReport:
    return analyse_track(times, raw, clip(times, fps), **kw)  # type: ignore[arg-type]


def value(report: FormReport, metric: str) -> float:
    result = report.metric(metric)
    assert result is not None and result.value is not None, metric
    return result.value


@pytest.mark.parametrize("direction", [1.0, -1.0])
def test_running_with_flight_gives_exact_cadence_contacts_and_landing(direction: float) -> None:
    times, raw = gait(cadence_spm=180, duty=0.35, direction=direction, speed_px_s=60)
    report = analyse(times, raw)
    assert report.ok and report.view == "side" and report.gait == "running"
    assert report.direction == ("right" if direction > 0 else "left")
    assert value(report, "cadence_spm") == pytest.approx(180.0, abs=1.0)
    truth = contact_times(180, 10.0)
    left = report.metric("cadence_spm")
    assert left is not None and left.left is not None and left.right is not None
    found = report.metric("foot_ahead_of_hip_at_contact_leg")
    assert found is not None and found.left is not None
    for stamp in found.left.times_s:  # every contact found is a true one, to the frame
        assert min(abs(stamp - true) for true in truth["left"]) <= 1 / 60
    assert report.steps_left >= 7 and report.steps_right >= 7
    leg = 2 * np.hypot(REACH_PX / 2 + 2.5 - 15, LEG_PX / 2)  # not exact: the knee sits off the line
    assert value(report, "foot_ahead_of_hip_at_contact_leg") == pytest.approx(
        REACH_PX / leg, rel=0.1
    )
    assert found.status == "ok"


def test_contacts_alternate_and_toe_offs_follow_contacts() -> None:
    times, raw = gait(cadence_spm=170, duty=0.4)
    prepared = prepare(np.array(times), raw, 1280, 720, 10.0, True)
    events = side_view_events(prepared.track, prepared.rate_hz, 1.0, 200.0)
    assert alternation_ratio(events) == 1.0
    for stances in events.stances.values():
        for stance in stances:
            if stance.toe_off is not None:
                duty_s = (stance.toe_off - stance.contact) / prepared.rate_hz
                assert duty_s == pytest.approx(0.4 * 120 / 170, abs=0.03)


def test_walking_is_not_mistaken_for_running_and_its_cues_are_not_judged() -> None:
    times, raw = gait(cadence_spm=110, duty=0.62, fps=30.0, seconds=12.0)
    report = analyse(times, raw, fps=30.0)
    assert report.gait == "walking"
    assert value(report, "cadence_spm") == pytest.approx(110.0, abs=1.5)
    assert "walking" in {q.code for q in report.quality}
    assert report.cues and not any(cue.applies or cue.judged for cue in report.cues)


def test_noise_and_dropped_frames_still_give_the_cadence() -> None:
    times, raw = gait(cadence_spm=175, duty=0.33, fps=60.0, seconds=10.0)
    rng = np.random.default_rng(7)
    raw[..., :2] += rng.normal(0.0, 2.0, raw[..., :2].shape)
    raw[100, 29, 0] += 150.0  # one wild heel point
    keep = np.ones(len(times), dtype=bool)
    keep[rng.choice(len(times), 60, replace=False)] = False  # 10% of frames dropped (VFR)
    report = analyse([t for t, k in zip(times, keep, strict=True) if k], raw[keep])
    assert report.gait == "running"
    assert value(report, "cadence_spm") == pytest.approx(175.0, abs=2.0)


def test_low_cadence_running_makes_the_step_rate_cue_apply() -> None:
    times, raw = gait(cadence_spm=150, duty=0.4, seconds=12.0)
    report = analyse(times, raw)
    cues = {cue.id: cue for cue in report.cues}
    assert cues["raise_step_rate"].applies
    assert cues["raise_step_rate"].finding == "low_cadence"
    fast = analyse(*gait(cadence_spm=182, duty=0.35))
    quick = {cue.id: cue for cue in fast.cues}["raise_step_rate"]
    assert quick.judged and not quick.applies  # judged, and it does not apply
    assert cues["raise_step_rate"].judged


def test_a_cue_stored_before_judged_was_kept_reads_it_from_its_reason() -> None:
    report = analyse(*gait(cadence_spm=150, duty=0.4, seconds=12.0))
    stored = report.model_dump(mode="json")
    for cue in stored["cues"]:
        del cue["judged"]
    stored["cues"][0]["reason"] = "not judged: cadence_spm could not be measured"
    older = FormReport.model_validate(stored)
    assert not older.cues[0].judged
    assert all(cue.judged for cue in older.cues[1:] if cue.reason.startswith(("applies", "does")))


def test_short_clip_and_missing_runner_fail_the_gate_with_reasons() -> None:
    times, raw = gait(seconds=0.5)
    short = analyse(times, raw)
    assert not short.ok and short.metrics == []
    assert any(q.blocking for q in short.quality)
    empty = np.full_like(raw, np.nan)
    nobody = analyse(times, empty)
    assert [q.code for q in nobody.quality] == ["no_runner"]


def test_low_frame_rate_blocks_and_a_wrong_view_is_reported() -> None:
    times, raw = gait(fps=15.0)
    assert "low_fps" in {q.code for q in analyse(times, raw, fps=15.0).quality}
    times, raw = gait()
    report = analyse(times, raw, requested_view="back")
    assert "view_mismatch" in {q.code for q in report.quality}


def test_back_view_pelvic_drop_knee_angle_and_crossover() -> None:
    from tests.form.form_synthetic import back_view

    times, raw = back_view(drop_deg=5.0)
    report = analyse(times, raw)
    assert report.ok and report.view == "back" and report.view_detected == "back"
    assert report.gait == "running"
    assert value(report, "pelvic_drop_deg") == pytest.approx(5.0, abs=0.3)
    assert value(report, "knee_frontal_angle_deg") > 0  # knees drawn inwards
    assert value(report, "foot_midline_offset_pct_hip") == pytest.approx(40 / 60 * 100, rel=0.05)
    cues = {cue.id: cue for cue in report.cues}
    assert not cues["level_pelvis"].applies and not cues["feet_apart"].applies
    dropped = analyse(*back_view(drop_deg=9.0))
    assert {cue.id: cue for cue in dropped.cues}["level_pelvis"].applies


def test_front_view_is_not_taken_for_a_back_view() -> None:
    from tests.form.form_synthetic import back_view

    times, raw = back_view()
    mirrored = raw.copy()
    mirrored[..., 0] = 1280 - mirrored[..., 0]  # the runner's left now on the image's right
    report = analyse(times, mirrored)
    assert not report.ok and "view_unknown" in {q.code for q in report.quality}
