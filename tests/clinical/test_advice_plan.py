"""The "until you are seen" plan follows the urgency and the suspected cause (issue 7, item 7).

No ibuprofen with a suspected joint infection or blood clot, no "keep moving" with a suspected
fracture, bone stress injury or tendon rupture, and no running pain rule or return to running
once the urgency is above a routine consultation.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from runknee.api import Runknee
from runknee.engine.advice import suspected_conditions, suspicions
from runknee.engine.plan_result import CarePlan
from runknee.engine.result import AssessmentResult
from runknee.knowledge.loader import default_knowledge_base
from runknee.knowledge.models import Urgency
from tests.advice_cases import (
    BONE_STRESS,
    CALF_CLOT,
    OTTAWA_WITH_AMBER,
    SEPTIC_KNEE,
    TENDON_RUPTURE,
)
from tests.case_strategies import valid_cases

NSAID_WORDS = ("ibuprofen", "anti-inflammator", "naproxen", "diclofenac")
MOVING_WORDS = ("keep moving", "keep active", "cross-trainer", "long complete rest")
RUNNING_RULE_WORDS = ("pain rule", "out of 10", "walk-run")

# Independent of the code under test: which rules and conditions mean an infection or a clot.
INFECTION_OR_CLOT_RULES = {
    "possible_joint_infection",
    "hot_red_knee",
    "suspected_blood_clot",
    "possible_clot_in_lung",
}
INFECTION_OR_CLOT_CONDITIONS = {"septic_arthritis", "dvt"}


def _suggested(plan: CarePlan) -> str:
    """Everything the plan tells the runner to do (not what it says to avoid)."""
    parts = [f"{a.title} {a.text} {a.caution or ''}" for a in plan.now]
    return " ".join(parts).lower()


def _everything(plan: CarePlan) -> str:
    parts = [plan.headline, _suggested(plan)]
    parts += [f"{a.title} {a.text}" for a in plan.avoid]
    parts += [f"{t.symptom} {t.action}" for t in plan.review_triggers]
    return " ".join(parts).lower()


def _nsaid_caution_suspected(api: Runknee, result: AssessmentResult) -> bool:
    threshold = default_knowledge_base().settings.serious_condition_probability
    conditions = {c.id for c in result.conditions if c.probability >= threshold}
    conditions |= {result.conditions[0].id} if result.conditions else set()
    rules = {rule.id for rule in result.red_flags}
    return bool(rules & INFECTION_OR_CLOT_RULES or conditions & INFECTION_OR_CLOT_CONDITIONS)


@pytest.mark.parametrize("case", [SEPTIC_KNEE, CALF_CLOT], ids=["septic", "clot"])
def test_suspected_infection_or_clot_plan_never_suggests_ibuprofen(
    api: Runknee, case: dict[str, Any]
) -> None:
    plan = api.plan(case)
    suggested = _suggested(plan)
    assert not any(word in suggested for word in NSAID_WORDS), suggested
    avoid = " ".join(f"{a.title} {a.text}" for a in plan.avoid).lower()
    assert "anti-inflammatory" in avoid  # it says why not, instead
    assert "pain_relief" not in {a.id for a in plan.now}


def test_septic_knee_is_a_suspected_infection(api: Runknee) -> None:
    result = api.assess(SEPTIC_KNEE)
    assert "septic_arthritis" in suspected_conditions(default_knowledge_base(), result)
    assert "joint_infection" in suspicions(default_knowledge_base(), result)


@pytest.mark.parametrize(
    "case",
    [OTTAWA_WITH_AMBER, BONE_STRESS, TENDON_RUPTURE],
    ids=["ottawa", "bone_stress", "tendon_rupture"],
)
def test_suspected_broken_bone_or_torn_tendon_plan_has_no_keep_moving(
    api: Runknee, case: dict[str, Any]
) -> None:
    plan = api.plan(case)
    assert plan.limited
    text = _everything(plan)
    assert not any(word in text for word in MOVING_WORDS), text
    assert "protect" not in {a.id for a in plan.now}
    assert "weight_off" in {a.id for a in plan.now}


@pytest.mark.parametrize(
    "case",
    [OTTAWA_WITH_AMBER, SEPTIC_KNEE, CALF_CLOT, BONE_STRESS, TENDON_RUPTURE],
    ids=["ottawa", "septic", "clot", "bone_stress", "tendon_rupture"],
)
def test_until_seen_plan_has_no_running_rule(api: Runknee, case: dict[str, Any]) -> None:
    plan = api.plan(case)
    assert plan.urgency.rank > Urgency.consultation.rank
    assert plan.pain_rule is None
    assert plan.return_to_running is None
    text = _everything(plan)
    assert not any(word in text for word in RUNNING_RULE_WORDS), text


def test_self_care_plan_keeps_the_pain_rule_and_general_advice(api: Runknee) -> None:
    from tests.example_cases import KNEECAP

    plan = api.plan(KNEECAP)
    assert not plan.limited
    assert plan.pain_rule is not None
    assert {"protect", "pain_relief"} <= {a.id for a in plan.now}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_cases)
def test_plan_never_contradicts_urgency_or_suspected_cause(
    api: Runknee, data: dict[str, Any]
) -> None:
    result = api.assess(data)
    plan = api.plan(data)
    if result.urgency.rank > Urgency.consultation.rank:
        assert plan.pain_rule is None
        assert plan.return_to_running is None
        assert plan.programme is None
        text = _everything(plan)
        assert not any(word in text for word in RUNNING_RULE_WORDS), text
    if _nsaid_caution_suspected(api, result):
        suggested = _suggested(plan)
        assert not any(word in suggested for word in NSAID_WORDS), suggested
