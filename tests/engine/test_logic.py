"""Three-valued rule logic: unknown parts keep an expression open instead of deciding it."""

from __future__ import annotations

from runknee.engine.assess import assess
from runknee.engine.logic import Truth, evaluate
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import AgeBetween, AllOf, AnyOf, Expression, FindingIs, SexIs
from tests.engine.fixture_kb import case

ANSWERS: dict[str, Truth] = {"yes": True, "no": False}


def _value(expression: Expression, age: int | None = None, sex: str | None = None) -> Truth:
    return evaluate(expression, ANSWERS.get, age, sex)


def test_findings_ages_and_sex() -> None:
    assert _value(FindingIs(finding="yes")) is True
    assert _value(FindingIs(finding="yes", state="absent")) is False
    assert _value(FindingIs(finding="no", state="absent")) is True
    assert _value(FindingIs(finding="open")) is None
    assert _value(AgeBetween(age_between=(10, 17)), age=12) is True
    assert _value(AgeBetween(age_between=(10, 17)), age=18) is False
    assert _value(AgeBetween(age_between=(10, 17))) is None
    assert _value(SexIs(sex="female"), sex="female") is True
    assert _value(SexIs(sex="female"), sex="male") is False
    assert _value(SexIs(sex="female")) is None


def test_all_and_any_decide_only_when_the_known_parts_do() -> None:
    yes, no, open_ = FindingIs(finding="yes"), FindingIs(finding="no"), FindingIs(finding="open")
    assert _value(AllOf(all=[yes, open_])) is None
    assert _value(AllOf(all=[no, open_])) is False
    assert _value(AllOf(all=[yes, yes])) is True
    assert _value(AnyOf(any=[no, open_])) is None
    assert _value(AnyOf(any=[yes, open_])) is True
    assert _value(AnyOf(any=[no, no])) is False


def test_a_contributing_factor_applies_when_its_answers_are_given(kb: KnowledgeBase) -> None:
    factors = assess(kb, case(load_spike="present")).contributing_factors
    assert [(f.id, f.related_conditions) for f in factors] == [
        ("too_much_too_soon", ["alpha_pain"])
    ]
    assert assess(kb, case(load_spike="absent")).contributing_factors == []
    assert assess(kb, case(load_spike="unknown")).contributing_factors == []
