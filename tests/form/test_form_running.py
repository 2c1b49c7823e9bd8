"""Everything after the pose model on synthetic running and walking (form_running.py): the
tracker choosing the runner over a passer-by, the filters and events under noise, dropped
frames and hidden feet, the metrics against the known truth, and the quality gate telling
running from walking."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from runknee.form.analysis import analyse_track
from runknee.form.models import FormReport
from runknee.form.tracking import TrackLinker, choose_runner, link_tracks
from tests.form.form_running import (
    FAST_WALK,
    RUNNING,
    WALKING,
    Gait,
    Scene,
    scene,
    truth_contacts,
    two_times_faster,
)

Array = np.ndarray


def after_pose(s: Scene, fps: float) -> FormReport:
    """What the pipeline does with the pose model's output: link, choose, analyse."""
    tracks = link_tracks(s.detections, s.times_s)
    runner, people = choose_runner(tracks, s.times_s)
    assert runner is not None
    return analyse_track(s.times_s, runner.array(len(s.times_s)), s.clip(fps), None, people)


def value(report: FormReport, metric: str) -> float:
    result = report.metric(metric)
    assert result is not None and result.value is not None, metric
    return result.value


def contact_errors_s(gait: Gait, found_s: list[float]) -> Array:
    """Each contact found minus the nearest true contact, seconds."""
    truth = np.array(truth_contacts(gait, max(found_s) + 1.0))
    return np.array([t - truth[np.argmin(np.abs(truth - t))] for t in found_s])


RUNS = [
    Gait(cadence_spm=150, knee_at_contact_deg=22, oscillation_m=0.10),
    RUNNING,
    Gait(cadence_spm=190, knee_at_contact_deg=12, oscillation_m=0.06, reach_m=0.2),
]


@pytest.mark.parametrize("gait", RUNS, ids=lambda g: f"{g.cadence_spm:.0f}spm")
@pytest.mark.parametrize("fps", [60.0, 30.0])
def test_running_with_noise_drops_hidden_feet_and_a_passer_by(gait: Gait, fps: float) -> None:
    s = scene(gait, fps=fps)
    report = after_pose(s, fps)
    assert report.ok and report.view == "side" and report.gait == "running"
    assert report.people_seen == 2
    assert report.runner_frames == int(np.isfinite(s.runner[:, 23, 0]).sum())
    assert report.steps_left >= 7 and report.steps_right >= 7
    assert value(report, "cadence_spm") == pytest.approx(gait.cadence_spm, abs=2.0)
    truth_pct = 100 * gait.oscillation_m / gait.leg_m
    assert value(report, "vertical_oscillation_pct_leg") == pytest.approx(truth_pct, abs=1.5)
    # Known bias (see the xfail below): contacts come 20-35 ms early and the knee reads more bent.
    knee_error = value(report, "knee_flexion_at_contact_deg") - gait.knee_at_contact_deg
    assert 0.0 <= knee_error <= 16.0
    assert value(report, "trunk_lean_deg") == pytest.approx(gait.trunk_lean_deg, abs=1.5)
    heel_ahead = (gait.reach_m - 0.04 * gait.leg_m) / gait.leg_m
    assert value(report, "foot_ahead_of_hip_at_contact_leg") == pytest.approx(heel_ahead, abs=0.03)
    ahead = report.metric("foot_ahead_of_hip_at_contact_leg")
    assert ahead is not None and ahead.left is not None and ahead.right is not None
    merged = sorted(
        [(t, "L") for t in ahead.left.times_s] + [(t, "R") for t in ahead.right.times_s]
    )
    assert sum(a[1] == b[1] for a, b in itertools.pairwise(merged)) <= 1  # they alternate
    errors = contact_errors_s(gait, [t for t, _ in merged])
    assert -0.040 <= float(np.median(errors)) <= 0.0
    assert float(np.mean(np.abs(errors) <= 0.060)) >= 0.9  # the misses: hidden feet, overlap
    codes = {q.code for q in report.quality}
    assert "several_people" in codes and "walking" not in codes
    assert ("fps_for_running" in codes) == (fps < 50)


@pytest.mark.parametrize("gait", [WALKING, FAST_WALK], ids=["walk", "fast-walk"])
@pytest.mark.parametrize("fps", [60.0, 30.0])
def test_walking_and_fast_walking_are_not_called_running(gait: Gait, fps: float) -> None:
    report = after_pose(scene(gait, fps=fps), fps)
    assert report.ok and report.gait == "walking"
    assert value(report, "cadence_spm") == pytest.approx(gait.cadence_spm, abs=2.0)
    assert "walking" in {q.code for q in report.quality}
    assert not any(cue.applies for cue in report.cues)


@pytest.mark.parametrize("gait", [WALKING, FAST_WALK], ids=["walk", "fast-walk"])
def test_a_walk_played_at_double_speed_is_still_a_walk(gait: Gait) -> None:
    """Twice the step rate (224-264 steps/min) but a foot always down: not running."""
    fast = two_times_faster(scene(gait, fps=60.0))
    report = after_pose(fast, 60.0)
    assert value(report, "cadence_spm") == pytest.approx(2 * gait.cadence_spm, abs=4.0)
    assert report.gait == "walking"


def test_the_leader_is_the_runner_and_never_the_passer_by() -> None:
    s = scene(RUNNING, fps=60.0)
    linker = TrackLinker()
    leaders: list[float] = []
    for index, (time_s, found) in enumerate(zip(s.times_s, s.detections, strict=True)):
        linker.add(time_s, found)
        leader = linker.leader()
        if leader is None:
            continue
        leaders.append(time_s)
        runner = s.runner[index]
        assert np.allclose(leader.points[-1][:, :2], runner[:, :2])
    assert leaders and leaders[0] < 3.0  # clear within the first seconds
    assert len(leaders) > 0.8 * len(s.times_s)
    runner_track, people = choose_runner(linker.tracks, s.times_s)
    assert people == 2 and runner_track is not None
    assert runner_track is linker.leader() or linker.leader() is None


def test_a_still_person_never_leads() -> None:
    """Someone standing all clip long (like the man on the cabinet) never leads."""
    s = scene(RUNNING, fps=60.0, passer_by=False)
    still = s.runner[0].copy()
    still[:, 0] += 400.0
    linker = TrackLinker()
    for time_s, people in zip(s.times_s, s.detections, strict=True):
        linker.add(time_s, [still.copy(), *people])
        leader = linker.leader()
        assert leader is None or leader.points[-1][0, 0] < still[0, 0] - 100


@pytest.mark.xfail(
    strict=True,
    reason="known: the heel-ahead peak (Zeni) on 10 Hz filtered points finds running contacts "
    "20-35 ms early, so the knee at contact reads 7-15 degrees more bent than it is",
)
def test_knee_bend_at_contact_is_within_three_degrees() -> None:
    gait = RUNS[2]
    report = after_pose(scene(gait, fps=60.0), 60.0)
    measured = value(report, "knee_flexion_at_contact_deg")
    assert measured == pytest.approx(gait.knee_at_contact_deg, abs=3.0)
