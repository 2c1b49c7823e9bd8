"""The warning signs added for the safe interview (issue 7, items 4, 5 and 9) fire as cited."""

from __future__ import annotations

from typing import Any

import pytest

from runknee.api import Runknee
from runknee.knowledge.models import Urgency


def _result(
    api: Runknee, age: int, findings: dict[str, str], **extra: Any
) -> tuple[Urgency, set[str]]:
    result = api.assess({"age_years": age, "findings": findings, **extra})
    return result.urgency, {rule.id for rule in result.red_flags}


@pytest.mark.parametrize(
    ("age", "findings", "rule", "level"),
    [
        (
            30,
            {"injury_event": "present", "knee_dislocated_went_back": "present"},
            "knee_dislocation_went_back",
            Urgency.emergency,
        ),
        (
            30,
            {"injury_event": "present", "knee_bent_backwards_pops": "present"},
            "knee_dislocation_went_back",
            Urgency.emergency,
        ),
        (
            60,
            {"sudden_onset": "present", "cold_numb_foot": "present"},
            "cold_pale_numb_foot",
            Urgency.emergency,
        ),
        (
            30,
            {"injury_event": "present", "cold_numb_foot": "present"},
            "cold_or_numb_foot_after_injury",
            Urgency.emergency_ambulance,
        ),
        (
            40,
            {"calf_pain": "present", "previous_clot": "present"},
            "suspected_blood_clot",
            Urgency.emergency,
        ),
        (
            40,
            {"calf_pain": "present", "calf_swelling": "present"},
            "suspected_blood_clot",
            Urgency.emergency,
        ),
        (
            29,
            {"calf_pain": "present", "pregnant_or_recent_birth": "present"},
            "suspected_blood_clot",
            Urgency.emergency,
        ),
        (
            40,
            {"swelling": "present", "skin_break_over_knee": "present"},
            "possible_joint_infection",
            Urgency.emergency,
        ),
        (
            55,
            {"swelling": "present", "diabetes_or_weak_immunity": "present"},
            "possible_joint_infection",
            Urgency.emergency,
        ),
        (
            35,
            {"hot_red_knee": "present", "fever_or_unwell": "absent"},
            "hot_red_knee",
            Urgency.emergency,
        ),
        (
            7,
            {"limp": "present", "fever_or_unwell": "present"},
            "child_limp_with_fever",
            Urgency.emergency,
        ),
        (
            28,
            {"pain_hip_groin_thigh": "present", "pain_walking": "present"},
            "groin_pain_walking_or_at_rest",
            Urgency.emergency,
        ),
    ],
)
def test_new_warning_signs_fire_at_their_level(
    api: Runknee, age: int, findings: dict[str, str], rule: str, level: Urgency
) -> None:
    urgency, fired = _result(api, age, findings)
    assert rule in fired
    assert urgency.rank >= level.rank


def test_sore_calves_after_a_marathon_are_not_sent_to_hospital(api: Runknee) -> None:
    findings = {
        "calf_pain": "present",
        "calf_soreness_both_after_hard_run": "present",
        "calf_swelling": "absent",
        "previous_clot": "absent",
        "active_cancer": "absent",
        "clot_risk_factors": "absent",
        "injury_event": "absent",
    }
    urgency, fired = _result(api, 38, findings)
    assert not fired & {"suspected_blood_clot", "calf_pain_one_leg"}
    assert urgency.rank < Urgency.emergency.rank


def test_calf_pain_alone_is_an_urgent_gp_check_not_a_and_e(api: Runknee) -> None:
    findings = {
        "calf_pain": "present",
        "calf_soreness_both_after_hard_run": "absent",
        "calf_swelling": "absent",
        "previous_clot": "absent",
        "active_cancer": "absent",
        "clot_risk_factors": "absent",
        "injury_event": "absent",
    }
    _, fired = _result(api, 38, findings)
    assert "calf_pain_one_leg" in fired
    assert "suspected_blood_clot" not in fired


def test_young_child_with_a_limp_is_seen_within_a_day(api: Runknee) -> None:
    urgency, fired = _result(api, 7, {"limp": "present", "fever_or_unwell": "absent"})
    assert "young_child_with_limp" in fired
    assert urgency.rank >= Urgency.consultation_24.rank


def test_teenager_with_thigh_pain_and_no_limp_is_checked_for_the_hip(api: Runknee) -> None:
    urgency, fired = _result(api, 13, {"pain_hip_groin_thigh": "present", "limp": "absent"})
    assert "teen_hip_or_thigh_pain" in fired
    assert urgency.rank >= Urgency.consultation_24.rank


def test_groin_pain_on_walking_in_an_older_runner_is_not_the_stress_fracture_rule(
    api: Runknee,
) -> None:
    _, fired = _result(api, 62, {"pain_hip_groin_thigh": "present", "pain_walking": "present"})
    assert "groin_pain_walking_or_at_rest" not in fired


def test_young_persons_bone_lump_or_night_pain_needs_an_x_ray_within_two_days(
    api: Runknee,
) -> None:
    for findings in ({"bone_lump": "present"}, {"night_pain": "present"}):
        urgency, fired = _result(api, 15, findings)
        assert "young_person_bone_pain" in fired
        assert urgency.rank >= Urgency.consultation_24.rank
    _, fired = _result(api, 40, {"night_pain": "present"})
    assert "young_person_bone_pain" not in fired


def test_worst_pain_score_of_seven_or_more_is_a_reason_to_see_someone(api: Runknee) -> None:
    _, fired = _result(api, 30, {}, facts={"worst_pain_0_10": 7})
    assert "severe_worst_pain" in fired
    _, fired = _result(api, 30, {}, facts={"worst_pain_0_10": 6})
    assert "severe_worst_pain" not in fired


@pytest.mark.parametrize(
    ("finding", "rule"),
    [
        ("pain_stops_daily_activities", "pain_stops_daily_activities"),
        ("pain_stops_sport", "pain_stops_sport"),
        ("not_improving_with_rest", "not_settling_with_self_care"),
    ],
)
def test_function_and_self_care_failure_lift_self_care(
    api: Runknee, finding: str, rule: str
) -> None:
    urgency, fired = _result(api, 30, {finding: "present"})
    assert rule in fired
    assert urgency.rank >= Urgency.consultation.rank


def test_a_runner_whose_walking_hurts_is_never_asked_to_hop(api: Runknee) -> None:
    from runknee.engine.case import Case, State

    answers = {"pain_hip_groin_thigh": State.present, "pain_walking": State.present}
    case = Case(age_years=27, sex="female")
    asked = []
    for _ in range(60):
        step = api.next_question(case)
        if step.should_stop or step.id is None:
            break
        asked.append(step.id)
        case = case.with_answer(step.id, answers.get(step.id, State.absent))
    assert "pain_walking" in asked
    assert "pain_on_hopping" not in asked
    assert api.assess(case).urgency is Urgency.emergency
