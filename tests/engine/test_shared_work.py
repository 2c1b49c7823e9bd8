"""Work the engine shares between steps: one triage per question, subset scores built on their
prefixes, and the same numbers as working each subset out afresh."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from runknee.engine import assess as assess_module
from runknee.engine import triage
from runknee.engine.assess import urgency_rankings
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
from tests.engine.fixture_kb import case

FRONT_PAIN = case(injury_event="absent", front_pain="present", worse_stairs="present")
# Every warning sign of the fixture base answered yes, the prior selector among them.
EVERY_WARNING_SIGN = case(
    injury_event="present",
    bone_tender="present",
    hot_joint="present",
    fever="present",
    chest_pain="present",
)


def test_next_question_triages_the_case_once(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers: list[object] = []

    class CountingReader(RuleReader):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            readers.append(self)

    settled = _past_the_differential(kb, FRONT_PAIN)
    monkeypatch.setattr(triage, "RuleReader", CountingReader)
    next_question(kb, settled)
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


def _rankings_afresh(kb: KnowledgeBase, one: Case) -> list[list[tuple[str, float, Any]]]:
    """Every subset's scores summed from the base on their own (the slow, obvious way)."""
    resolved = resolve_findings(kb, one)
    red = sorted(
        assess_module.red_flag_findings(kb)
        & {fid for fid, state in resolved.states.items() if state is State.present}
    )
    base = {fid: state for fid, state in resolved.states.items() if fid not in red}
    rankings = []
    for size in range(len(red) + 1):
        for subset in combinations(red, size):
            states = {**base, PRIOR_SELECTOR: State.present} if PRIOR_SELECTOR in subset else base
            logs = log_scores(kb, one, states)
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
    kb: KnowledgeBase,
) -> None:
    resolved = resolve_findings(kb, EVERY_WARNING_SIGN)
    fast = urgency_rankings(
        kb, EVERY_WARNING_SIGN, resolved, posterior(kb, EVERY_WARNING_SIGN, resolved)
    )
    assert len(fast) == 2**5  # five warning-sign yes answers: every subset
    assert fast == _rankings_afresh(
        kb, EVERY_WARNING_SIGN
    )  # equal to the last bit, not approximately
