"""Red flags come first, unknown answers err towards urgency, and urgency never drops."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from runknee.api import Runknee
from runknee.engine.case import State
from runknee.knowledge.lint_triage import present_findings
from runknee.knowledge.loader import default_knowledge_base
from runknee.knowledge.models import Urgency

KB = default_knowledge_base()
# Warning-sign findings: those a red rule needs answered yes. A reassuring finding that a rule
# needs answered no (both calves sore after a hard run) is not a warning sign and may lower urgency.
RED_FINDINGS = sorted(
    {fid for rule in KB.rules if rule.kind == "red" for fid in present_findings(rule.when)}
)
ALL_FINDINGS = sorted(KB.findings)


def _rank(api: Runknee, case: dict[str, Any]) -> int:
    return api.assess(case).urgency.rank


def test_ottawa_positive_fall_goes_to_emergency(api: Runknee) -> None:
    result = api.assess(
        {"age_years": 30, "findings": {"fall_or_blow": "present", "tender_kneecap": "present"}}
    )
    assert result.urgency is Urgency.emergency
    ottawa = next(rule for rule in result.red_flags if rule.id == "ottawa_knee_rule")
    assert "tender_kneecap" in ottawa.findings


def test_ottawa_negative_twist_is_not_an_emergency(api: Runknee) -> None:
    negatives = {
        fid: "absent"
        for fid in (
            "tender_kneecap",
            "tender_fibular_head",
            "cannot_bend_90",
            "cannot_walk_4_steps_now",
            "cannot_walk_4_steps_after_injury",
            "swelling",
            "calf_pain",
            "giving_way",
            "locking",
            "kneecap_out_now",
            "cold_numb_foot",
            "cannot_straight_leg_raise",
            "pain_on_hopping",
        )
    }
    case = {"age_years": 30, "findings": {"twist_planted_foot": "present", **negatives}}
    result = api.assess(case)
    assert result.urgency.rank < Urgency.emergency.rank
    assert not result.red_flags


def test_age_55_after_injury_triggers_ottawa(api: Runknee) -> None:
    result = api.assess({"age_years": 60, "findings": {"injury_event": "present"}})
    assert "ottawa_knee_rule" in {rule.id for rule in result.red_flags}


def test_answer_unknown_on_red_flag_question_errs_towards_urgency(api: Runknee) -> None:
    base = {"swelling": "present", "injury_event": "absent"}
    known = api.assess({"age_years": 35, "findings": {**base, "fever_or_unwell": "absent"}})
    unsure = api.assess({"age_years": 35, "findings": {**base, "fever_or_unwell": "unknown"}})
    assert unsure.urgency.rank > known.urgency.rank
    assert unsure.urgency is Urgency.emergency


def test_contradiction_is_reported_and_read_as_present(api: Runknee) -> None:
    result = api.assess(
        {
            "findings": {
                "injury_event": "absent",
                "fall_or_blow": "present",
                "tender_kneecap": "present",
            }
        }
    )
    assert ["fall_or_blow", "injury_event"] in result.contradictions
    assert result.urgency is Urgency.emergency


def test_septic_joint_pattern_is_an_emergency(api: Runknee) -> None:
    result = api.assess({"findings": {"hot_red_knee": "present", "fever_or_unwell": "present"}})
    assert result.urgency is Urgency.emergency
    assert result.red_flags[0].id == "possible_joint_infection"


def test_calf_swelling_with_breathlessness_calls_an_ambulance(api: Runknee) -> None:
    result = api.assess(
        {"findings": {"calf_swelling": "present", "breathless_or_chest_pain": "present"}}
    )
    assert result.urgency is Urgency.emergency_ambulance


def test_open_red_flags_list_the_questions_still_to_ask(api: Runknee) -> None:
    result = api.assess({"age_years": 25, "findings": {"pain_front_kneecap": "present"}})
    open_ids = {rule.id for rule in result.open_red_flags}
    assert "possible_joint_infection" in open_ids
    assert all(rule.questions for rule in result.open_red_flags)


def test_a_warning_sign_pointing_to_a_serious_condition_counts_before_a_rule_fires(
    api: Runknee,
) -> None:
    # hopping hurts and a bone spot is tender, but nothing is known yet about training or pain on
    # walking, so the bone-stress rule cannot fire: the hopping answer must still be heard
    findings = {
        "injury_event": "absent",
        "pain_on_hopping": "present",
        "pain_above_kneecap": "present",
        "tender_lower_thigh_bone": "present",
    }
    case = {"age_years": 22, "sex": "female", "findings": findings}
    result = api.assess(case)
    assert "bone_stress_warning" not in {rule.id for rule in result.red_flags}
    assert result.conditions[0].id == "stress_fracture"
    assert result.urgency.rank >= Urgency.consultation_24.rank
    without_hopping = {**findings, "pain_on_hopping": "absent"}
    assert api.assess({**case, "findings": without_hopping}).urgency.rank < result.urgency.rank


state_strategy = st.sampled_from(["present", "absent", "unknown"])


@settings(max_examples=150, deadline=None)
@given(
    findings=st.dictionaries(st.sampled_from(ALL_FINDINGS), state_strategy, max_size=25),
    age=st.one_of(st.none(), st.integers(min_value=8, max_value=90)),
    red=st.sampled_from(RED_FINDINGS),
)
def test_adding_a_red_flag_finding_never_lowers_urgency(
    findings: dict[str, str], age: int | None, red: str
) -> None:
    api = Runknee(KB)
    case = {"age_years": age, "findings": findings}
    before = _rank(api, case)
    after = _rank(api, {"age_years": age, "findings": {**findings, red: State.present.value}})
    assert after >= before
