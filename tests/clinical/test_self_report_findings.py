"""Findings a runner can report that tell knee problems apart: stopping at once after an injury,
a knobbly knee, psoriasis / bowel disease / a recent infection, and a sore lower thigh bone.

Each moves its condition in the right direction, and each is asked only when its gate is met.
"""

from __future__ import annotations

from typing import Any

import pytest

from runknee.api import Runknee
from runknee.engine.case import Case, State
from runknee.engine.findings import gate_lookup, question_applies, resolve_findings
from runknee.knowledge.loader import default_knowledge_base

NEW_FINDINGS = (
    "could_not_carry_on",
    "bony_knobbly_knee",
    "skin_gut_or_recent_infection",
    "tender_lower_thigh_bone",
)

PIVOT_INJURY: dict[str, Any] = {
    "age_years": 26,
    "sex": "female",
    "findings": {
        "injury_event": "present",
        "sudden_onset": "present",
        "twist_planted_foot": "present",
        "swelling": "present",
    },
}
OLDER_GRADUAL: dict[str, Any] = {
    "age_years": 57,
    "sex": "male",
    "findings": {"injury_event": "absent", "pain_inner_side": "present", "pain_walking": "present"},
}
SWOLLEN_NO_INJURY: dict[str, Any] = {
    "age_years": 31,
    "sex": "male",
    "findings": {"injury_event": "absent", "swelling": "present", "pain_whole_knee": "present"},
}
HOPPING_PAIN: dict[str, Any] = {
    "age_years": 22,
    "sex": "female",
    "findings": {"injury_event": "absent", "pain_on_hopping": "present", "load_spike": "present"},
}


def _with(case: dict[str, Any], finding: str, state: str | None) -> dict[str, Any]:
    findings = dict(case["findings"])
    if state is not None:
        findings[finding] = state
    return {**case, "findings": findings}


def _probabilities(
    api: Runknee, case: dict[str, Any], finding: str, condition: str
) -> dict[str | None, float]:
    """The condition's probability with the finding present, not asked, and absent."""
    return {
        state: api.explain(_with(case, finding, state), condition).assessment.probability
        for state in ("present", None, "absent")
    }


@pytest.mark.parametrize(
    ("case", "finding", "condition"),
    [
        (PIVOT_INJURY, "could_not_carry_on", "ligament_sprain"),
        (PIVOT_INJURY, "could_not_carry_on", "fracture"),
        (PIVOT_INJURY, "could_not_carry_on", "patellar_instability"),
        (OLDER_GRADUAL, "bony_knobbly_knee", "osteoarthritis"),
        (SWOLLEN_NO_INJURY, "skin_gut_or_recent_infection", "inflammatory_arthritis"),
        (HOPPING_PAIN, "tender_lower_thigh_bone", "stress_fracture"),
    ],
)
def test_new_finding_raises_its_condition_when_present_and_lowers_it_when_absent(
    api: Runknee, case: dict[str, Any], finding: str, condition: str
) -> None:
    chances = _probabilities(api, case, finding, condition)
    assert chances["present"] > chances[None] > chances["absent"]


def test_having_to_stop_after_a_pivot_injury_is_cited_as_a_reason(api: Runknee) -> None:
    case = _with(PIVOT_INJURY, "could_not_carry_on", "present")
    sprain = api.explain(case, "ligament_sprain").assessment
    reason = next(e for e in sprain.supporting if e.finding == "could_not_carry_on")
    assert reason.likelihood_ratio > 1 and "runknee_derived" in reason.sources
    # Stopping at once counts only weakly against kneecap pain, an overuse problem.
    chances = _probabilities(api, PIVOT_INJURY, "could_not_carry_on", "patellofemoral_pain")
    assert chances["present"] < chances[None]


def test_having_to_stop_implies_there_was_an_injury() -> None:
    kb = default_knowledge_base()
    case = Case(findings={"could_not_carry_on": State.present})
    assert resolve_findings(kb, case).state("injury_event") is State.present
    no_injury = Case(findings={"injury_event": State.absent})
    assert resolve_findings(kb, no_injury).state("could_not_carry_on") is State.absent


@pytest.mark.parametrize(
    ("finding", "gate_met", "gate_not_met"),
    [
        (
            "could_not_carry_on",
            Case(findings={"injury_event": State.present}),
            Case(findings={"injury_event": State.absent}),
        ),
        ("bony_knobbly_knee", Case(age_years=52), Case(age_years=24)),
        (
            "skin_gut_or_recent_infection",
            Case(findings={"swelling": State.present}),
            Case(findings={"swelling": State.absent}),
        ),
        (
            "tender_lower_thigh_bone",
            Case(findings={"pain_on_hopping": State.present}),
            Case(
                findings={
                    "pain_on_hopping": State.absent,
                    "pain_above_kneecap": State.absent,
                    "pain_hip_groin_thigh": State.absent,
                }
            ),
        ),
    ],
)
def test_new_question_applies_only_when_its_gate_is_met(
    finding: str, gate_met: Case, gate_not_met: Case
) -> None:
    kb = default_knowledge_base()

    def applies(case: Case) -> bool | None:
        lookup = gate_lookup(kb, case, resolve_findings(kb, case))
        return question_applies(kb, case, lookup, finding)

    assert applies(gate_met) is True
    assert applies(gate_not_met) is False
