"""Issue 7: the interview is as safe as the engine behind it.

Each test here names the problem it guards against; each failed on the engine before the fix.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from case_strategies import valid_cases
from runknee.api import Runknee
from runknee.engine.case import Case, State
from runknee.engine.evaluation import simulate_interview
from runknee.knowledge.loader import default_knowledge_base
from runknee.knowledge.models import Urgency

KB = default_knowledge_base()
SERIOUS = Urgency.consultation_24.rank


def _injury_with_pop_swelling_and_giving_way() -> Case:
    return Case(
        age_years=28,
        sex="male",
        findings={
            "injury_event": State.present,
            "twist_planted_foot": State.present,
            "pop_at_injury": State.present,
            "swelling_within_2h": State.present,
            "giving_way": State.present,
        },
    )


def test_1_injury_questions_that_decide_urgency_are_asked() -> None:
    full = _injury_with_pop_swelling_and_giving_way()
    _, collected = simulate_interview(KB, full, State.absent)
    asked = set(collected.findings)
    assert {"swelling_within_2h"} <= asked or {"pop_at_injury", "giving_way"} <= asked
    api = Runknee(knowledge=KB)
    after, whole = api.assess(collected), api.assess(full)
    assert after.open_red_flags == []
    assert after.urgency.rank >= whole.urgency.rank >= Urgency.consultation_24.rank


def test_1_a_kneecap_that_slipped_out_and_went_back_is_not_left_open() -> None:
    full = Case(
        age_years=16,
        sex="female",
        findings={
            "injury_event": State.present,
            "kneecap_shifted": State.present,
            "swelling_within_2h": State.present,
            "kneecap_out_now": State.absent,
        },
    )
    _, collected = simulate_interview(KB, full, State.absent)
    api = Runknee(knowledge=KB)
    after = api.assess(collected)
    assert after.open_red_flags == []
    assert after.urgency.rank >= api.assess(full).urgency.rank


@settings(max_examples=200, deadline=None)
@given(valid_cases)
def test_2_urgency_follows_the_ranking_shown_to_the_runner(case: dict[str, Any]) -> None:
    result = Runknee(knowledge=KB).assess(case)
    leading = result.conditions[0]
    assert result.urgency.rank >= leading.default_urgency.rank
    threshold = KB.settings.serious_condition_probability
    for condition in result.conditions:
        if condition.default_urgency.rank >= SERIOUS and condition.probability >= threshold:
            assert result.urgency.rank >= condition.default_urgency.rank, condition.id


def test_3_nothing_answered_is_not_self_care() -> None:
    result = Runknee(knowledge=KB).assess({})
    assert result.urgency is not Urgency.self_care
    assert result.open_red_flags


@settings(max_examples=200, deadline=None)
@given(valid_cases)
def test_3_open_warning_signs_are_real_and_never_self_care(case: dict[str, Any]) -> None:
    api = Runknee(knowledge=KB)
    result = api.assess(case)
    if result.open_red_flags:
        assert result.urgency is not Urgency.self_care
    for rule in result.open_red_flags:
        # only a rule that could still raise the advice is open, and it names questions
        assert rule.urgency.rank > result.urgency.rank
        assert rule.questions
        for finding_id in rule.questions:
            assert finding_id not in case.get("findings", {})


def test_3_a_truthful_interview_leaves_no_rule_open_in_either_answer_mode() -> None:
    full = Case(
        age_years=34,
        sex="female",
        findings={"injury_event": State.absent, "pain_front_kneecap": State.present},
    )
    for silent in (State.absent, State.unknown):
        _, collected = simulate_interview(KB, full, silent)
        assert Runknee(knowledge=KB).assess(collected).open_red_flags == [], silent


def test_6_dont_know_about_an_injury_does_not_call_an_ambulance_or_end_the_screen() -> None:
    api = Runknee(knowledge=KB)
    case = Case(age_years=30, sex="male", findings={"injury_event": State.unknown})
    assert api.assess(case).urgency is not Urgency.emergency_ambulance
    step = api.next_question(case)
    assert not step.should_stop and step.stage == "urgency_screen"


def test_6_dont_know_on_a_calf_question_does_not_call_an_ambulance() -> None:
    api = Runknee(knowledge=KB)
    case = {
        "age_years": 40,
        "sex": "female",
        "findings": {"calf_pain": "unknown", "breathless_or_chest_pain": "unknown"},
    }
    assert api.assess(case).urgency is not Urgency.emergency_ambulance


@settings(max_examples=200, deadline=None)
@given(valid_cases)
def test_6_an_ambulance_needs_a_definite_yes(case: dict[str, Any]) -> None:
    result = Runknee(knowledge=KB).assess(case)
    if result.urgency is Urgency.emergency_ambulance:
        assert any(
            rule.urgency is Urgency.emergency_ambulance and not rule.unsure
            for rule in result.red_flags
        )


def test_warning_sign_questions_do_not_count_against_the_question_limit() -> None:
    # A runner who answers "don't know" to everything still gets every warning sign asked.
    _, collected = simulate_interview(KB, Case(age_years=40, sex="male"), State.unknown)
    result = Runknee(knowledge=KB).assess(collected)
    assert result.open_red_flags == []
