"""Work the engine shares between steps: one triage per question, subset scores built on their
prefixes, and the same numbers as working each subset out afresh."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from runknee.api import Runknee
from runknee.engine import assess as assess_module
from runknee.engine import triage
from runknee.engine.assess import groundwork, urgency_rankings
from runknee.engine.case import Case, State
from runknee.engine.findings import resolve_findings
from runknee.engine.interview import next_question
from runknee.engine.rule_terms import RuleReader
from runknee.engine.scoring import (
    PRIOR_SELECTOR,
    log_scores,
    normalise,
    posterior,
    present_log_ratios,
)
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.loader import default_knowledge_base

KNEECAP_PAIN = {
    "age_years": 30,
    "sex": "female",
    "findings": {
        "injury_event": "absent",
        "pain_front_kneecap": "present",
        "worse_squatting": "present",
        "worse_stairs_down": "present",
        "worse_prolonged_sitting": "present",
    },
}

# Several warning-sign answers given as yes, the prior selector among them.
MANY_WARNING_SIGNS = {
    "age_years": 40,
    "sex": "male",
    "findings": {
        "injury_event": "present",
        "pain_on_hopping": "present",
        "calf_swelling": "present",
        "hot_red_knee": "present",
        "locking": "present",
        "fever_or_unwell": "present",
    },
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_knowledge_base()


def test_next_question_triages_the_case_once(
    api: Runknee, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers: list[object] = []

    class CountingReader(RuleReader):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            readers.append(self)

    case = _past_the_differential(kb, api.case(KNEECAP_PAIN))
    monkeypatch.setattr(triage, "RuleReader", CountingReader)
    next_question(kb, case)
    assert len(readers) == 1


def _past_the_differential(kb: KnowledgeBase, case: Case) -> Case:
    """The case with every screen and differential question answered no."""
    question = next_question(kb, case)
    while question.stage in {"urgency_screen", "differential"}:
        assert question.id is not None
        case = case.with_answer(question.id, State.absent)
        question = next_question(kb, case)
    assert question.stage in {"factors", "see_someone", "done"}  # every stage is looked at
    return case


def test_assess_with_its_groundwork_equals_assess_alone(api: Runknee, kb: KnowledgeBase) -> None:
    for data in (KNEECAP_PAIN, MANY_WARNING_SIGNS, {}):
        case = api.case(data)
        assert assess_module.assess(kb, case, groundwork(kb, case)) == assess_module.assess(
            kb, case
        )


def _rankings_afresh(kb: KnowledgeBase, case: Case) -> list[list[tuple[str, float, Any]]]:
    """Every subset's scores summed from the base on their own (the slow, obvious way)."""
    resolved = resolve_findings(kb, case)
    red = sorted(
        assess_module.red_flag_findings(kb)
        & {fid for fid, state in resolved.states.items() if state is State.present}
    )
    base = {fid: state for fid, state in resolved.states.items() if fid not in red}
    rankings = []
    for size in range(len(red) + 1):
        for subset in combinations(red, size):
            states = {**base, PRIOR_SELECTOR: State.present} if PRIOR_SELECTOR in subset else base
            logs = log_scores(kb, case, states)
            for fid in subset:
                if fid != PRIOR_SELECTOR:
                    logs = [a + b for a, b in zip(logs, present_log_ratios(kb, fid), strict=True)]
            order = sorted(
                zip(normalise(logs), kb.conditions.values(), strict=True), key=lambda p: -p[0]
            )
            rankings.append(
                [(c.id, p, c.default_urgency) for p, c in order[: kb.settings.max_conditions_shown]]
            )
    return rankings


def test_subset_rankings_are_the_numbers_of_each_subset_worked_out_afresh(
    api: Runknee, kb: KnowledgeBase
) -> None:
    case = api.case(MANY_WARNING_SIGNS)
    resolved = resolve_findings(kb, case)
    fast = urgency_rankings(kb, case, resolved, posterior(kb, case, resolved))
    assert len(fast) >= 2**6  # six warning-sign yes answers (and implied ones): every subset
    assert fast == _rankings_afresh(kb, case)  # equal to the last bit, not approximately
