"""The web's progress estimate counts a typical warning-sign screen
(:data:`runknee.web.views.TYPICAL_SCREEN_QUESTIONS`): that figure is the screen's mean length
over the evaluation sets, measured here, so that retuning the screen shows when it drifts."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from runknee.engine.case import Case, State
from runknee.engine.findings import resolve_findings
from runknee.engine.interview import next_question
from runknee.knowledge.loader import default_knowledge_base
from runknee.web.views import TYPICAL_SCREEN_QUESTIONS

EVAL = Path(__file__).parents[1] / "eval"


def _screen_questions(full: Case) -> int:
    """How many warning-sign screen questions a runner who answers from ``full`` is asked
    (answering "no" where the case is silent, as the evaluation's interview does)."""
    kb = default_knowledge_base()
    known = resolve_findings(kb, full).states
    basics = {"age_years": full.age_years, "sex": full.sex}
    given = {name: value for name, value in basics.items() if value is not None}
    declined = [name for name, value in basics.items() if value is None]
    case = Case(facts=full.facts, declined=declined, **given)
    screened = 0
    for _ in range(400):
        step = next_question(kb, case)
        if step.should_stop or step.id is None:
            return screened
        screened += step.stage == "urgency_screen"
        answer = full.findings.get(step.id, known.get(step.id, State.absent))
        case = case.with_answer(step.id, answer)
    raise AssertionError("the interview did not stop")


def test_the_typical_screen_length_is_the_evaluation_sets_mean() -> None:
    cases = [
        Case.model_validate(json.loads(line)["case"])
        for name in ("dev_cases.jsonl", "clinical_cases.jsonl")
        for line in (EVAL / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    mean = statistics.mean(_screen_questions(case) for case in cases)
    assert abs(TYPICAL_SCREEN_QUESTIONS - mean) <= 1.5, f"the screen's mean is now {mean:.1f}"
