"""The metric functions on hand-built keypoints with known angles (exact)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from runknee.form import geometry as g


def p(x: float, y: float) -> np.ndarray:
    return np.array([x, y], dtype=np.float64)


def test_straight_leg_has_no_flexion_and_a_right_angle_has_ninety() -> None:
    assert g.knee_flexion_deg(p(0, 0), p(0, 100), p(0, 200)) == pytest.approx(0.0)
    assert g.knee_flexion_deg(p(0, 0), p(0, 100), p(100, 100)) == pytest.approx(90.0)
    # 30 degrees of bend: the shank turns 30 degrees off the thigh's line.
    ankle = p(100 * math.sin(math.radians(30)), 100 + 100 * math.cos(math.radians(30)))
    assert g.knee_flexion_deg(p(0, 0), p(0, 100), ankle) == pytest.approx(30.0)


@pytest.mark.parametrize("direction", [1.0, -1.0])
def test_shank_angle_is_positive_with_the_ankle_ahead_in_either_direction(direction: float) -> None:
    knee = p(500, 300)
    ankle = knee + p(direction * 100 * math.tan(math.radians(12)), 100)
    assert g.shank_angle_deg(knee, ankle, direction) == pytest.approx(12.0)
    behind = knee + p(-direction * 50, 50)
    assert g.shank_angle_deg(knee, behind, direction) == pytest.approx(-45.0)


def test_trunk_lean_forward_is_positive() -> None:
    pelvis = p(0, 200)
    shoulders = p(200 * math.tan(math.radians(8)), 0)
    assert g.trunk_lean_deg(pelvis, shoulders, 1.0) == pytest.approx(8.0)
    assert g.trunk_lean_deg(pelvis, shoulders, -1.0) == pytest.approx(-8.0)


def test_head_pitch_down_is_positive() -> None:
    assert g.head_pitch_deg(p(0, 0), p(10, 10), 1.0) == pytest.approx(45.0)
    assert g.head_pitch_deg(p(0, 0), p(-10, 0), -1.0) == pytest.approx(0.0)


def test_heel_ahead_distance() -> None:
    assert g.ahead_distance(p(130, 0), p(100, 50), 1.0) == pytest.approx(30.0)
    assert g.ahead_distance(p(70, 0), p(100, 50), -1.0) == pytest.approx(30.0)


def test_pelvic_drop_positive_when_the_swing_hip_is_lower() -> None:
    stance, swing = p(100, 200), p(200, 200 + 100 * math.tan(math.radians(6)))
    assert g.pelvic_drop_deg(stance, swing) == pytest.approx(6.0)
    assert g.pelvic_drop_deg(swing, stance) == pytest.approx(-6.0)


def test_frontal_knee_angle_sign_follows_the_midline() -> None:
    # Left leg seen from behind: the midline is towards larger x (medial_sign +1).
    hip, ankle = p(100, 0), p(100, 200)
    inwards = p(100 + 100 * math.tan(math.radians(10)), 100)
    outwards = p(100 - 100 * math.tan(math.radians(10)), 100)
    assert g.frontal_knee_angle_deg(hip, inwards, ankle, 1.0) == pytest.approx(20.0)
    assert g.frontal_knee_angle_deg(hip, outwards, ankle, 1.0) == pytest.approx(-20.0)


def test_midline_offset_negative_on_crossover() -> None:
    assert g.midline_offset(p(90, 0), p(100, 0), -1.0) == pytest.approx(10.0)
    assert g.midline_offset(p(105, 0), p(100, 0), -1.0) == pytest.approx(-5.0)


def test_cadence_from_merged_contacts() -> None:
    assert g.cadence_spm([0.0, 1 / 3, 2 / 3, 1.0]) == pytest.approx(180.0)
    assert g.cadence_spm([0.5]) is None
    # One missed contact does not move the median interval.
    assert g.cadence_spm([0.0, 0.4, 0.8, 1.6, 2.0, 2.4]) == pytest.approx(150.0)


def test_functions_work_on_whole_series() -> None:
    hips = np.zeros((5, 2))
    knees = np.tile(p(0, 100), (5, 1))
    ankles = np.tile(p(0, 200), (5, 1))
    assert g.knee_flexion_deg(hips, knees, ankles).shape == (5,)
