"""Scoring the engine against labelled cases (``runknee eval``).

Each labelled case gives a gold condition (plus acceptable alternatives) and a gold urgency on
the vignette scale: ``emergency`` (matches emergency_ambulance or emergency), ``urgent``
(consultation_24), ``routine`` (consultation) and ``self_care``.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from runknee.engine.assess import assess
from runknee.engine.case import Case, State
from runknee.engine.interview import next_question
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.models import Urgency

GoldUrgency = Literal["emergency", "urgent", "routine", "self_care"]
GOLD_RANK: dict[str, int] = {"self_care": 0, "routine": 1, "urgent": 2, "emergency": 3}
LEVEL_TO_GOLD: dict[Urgency, GoldUrgency] = {
    Urgency.emergency_ambulance: "emergency",
    Urgency.emergency: "emergency",
    Urgency.consultation_24: "urgent",
    Urgency.consultation: "routine",
    Urgency.self_care: "self_care",
}


class LabelledCase(BaseModel):
    """One line of an evaluation file (other keys, such as the vignette text, are ignored)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    case: Case
    condition: str
    acceptable: list[str] = Field(default_factory=list)
    urgency: GoldUrgency
    source_kind: str | None = None


class CaseOutcome(BaseModel):
    """How the engine did on one labelled case."""

    id: str
    source_kind: str | None = None
    gold_condition: str
    predicted: list[str]
    top1: bool
    top3: bool
    gold_urgency: GoldUrgency
    predicted_urgency: Urgency
    urgency_exact: bool
    urgency_safe: bool
    over_triaged: bool
    interview_questions: int | None = None
    interview_top3: bool | None = None
    interview_urgency_safe: bool | None = None


class Figure(BaseModel):
    """A count and its share, e.g. 31/45."""

    hits: int
    total: int
    percent: float


class EvaluationReport(BaseModel):
    """Summary figures plus every case's outcome."""

    cases: int
    top1: Figure
    top3: Figure
    urgency_exact: Figure
    urgency_safe: Figure
    over_triage: Figure
    emergency_recall: Figure
    self_care_kept: Figure
    under_triaged: list[str]
    emergency_misses: list[str]
    median_interview_questions: float | None
    interview_top3: Figure | None
    interview_urgency_safe: Figure | None
    by_urgency: dict[str, dict[str, Figure]]
    by_source_kind: dict[str, dict[str, Figure]]
    outcomes: list[CaseOutcome]


def _figure(hits: int, total: int) -> Figure:
    return Figure(hits=hits, total=total, percent=round(100 * hits / total, 1) if total else 0.0)


def _breakdown(
    outcomes: list[CaseOutcome], key: Callable[[CaseOutcome], str], groups: list[str]
) -> dict[str, dict[str, Figure]]:
    """Top-1, top-3 and urgency figures for each group of outcomes."""
    result = {}
    for name in groups:
        group = [o for o in outcomes if key(o) == name]
        if group:
            result[name] = {
                "top1": _figure(sum(o.top1 for o in group), len(group)),
                "top3": _figure(sum(o.top3 for o in group), len(group)),
                "urgency_exact": _figure(sum(o.urgency_exact for o in group), len(group)),
                "urgency_safe": _figure(sum(o.urgency_safe for o in group), len(group)),
            }
    return result


def simulate_interview(kb: KnowledgeBase, full: Case) -> tuple[int, Case]:
    """Run the interview answering from ``full`` (unknown where it is silent).

    Returns the number of questions asked and the case the interview collected.
    """
    case = Case(facts=full.facts)
    for _ in range(200):
        step = next_question(kb, case)
        if step.should_stop or step.id is None:
            return step.questions_answered, case
        if step.kind == "finding":
            case = case.with_answer(step.id, full.state(step.id))
        elif getattr(full, step.id) is not None:
            case = case.model_copy(update={step.id: getattr(full, step.id)})
        else:
            case = case.model_copy(update={"declined": [*case.declined, step.id]})
    raise RuntimeError("interview did not stop within 200 questions")  # pragma: no cover


def score_case(kb: KnowledgeBase, item: LabelledCase, with_interview: bool) -> CaseOutcome:
    """Assess one labelled case and compare with its labels."""
    result = assess(kb, item.case)
    predicted = [condition.id for condition in result.conditions]
    correct = {item.condition, *item.acceptable}
    gold_rank = GOLD_RANK[item.urgency]
    predicted_rank = GOLD_RANK[LEVEL_TO_GOLD[result.urgency]]
    interview: dict[str, object] = {}
    if with_interview:
        asked, collected = simulate_interview(kb, item.case)
        after = assess(kb, collected)
        interview = {
            "interview_questions": asked,
            "interview_top3": bool(correct & {c.id for c in after.conditions[:3]}),
            "interview_urgency_safe": GOLD_RANK[LEVEL_TO_GOLD[after.urgency]] >= gold_rank,
        }
    return CaseOutcome(
        id=item.id,
        source_kind=item.source_kind,
        gold_condition=item.condition,
        predicted=predicted,
        top1=bool(predicted) and predicted[0] in correct,
        top3=bool(correct & set(predicted[:3])),
        gold_urgency=item.urgency,
        predicted_urgency=result.urgency,
        urgency_exact=predicted_rank == gold_rank,
        urgency_safe=predicted_rank >= gold_rank,
        over_triaged=predicted_rank > gold_rank,
        **interview,
    )


def evaluate_cases(
    kb: KnowledgeBase,
    items: list[LabelledCase],
    with_interview: bool = True,
    progress: Callable[[int], None] | None = None,
) -> EvaluationReport:
    """Score every labelled case and summarise."""
    outcomes = []
    for number, item in enumerate(items, start=1):
        outcomes.append(score_case(kb, item, with_interview))
        if progress is not None:
            progress(number)
    total = len(outcomes)
    emergencies = [o for o in outcomes if o.gold_urgency == "emergency"]
    self_care = [o for o in outcomes if o.gold_urgency == "self_care"]
    questions = [o.interview_questions for o in outcomes if o.interview_questions is not None]
    by_urgency = _breakdown(outcomes, lambda o: o.gold_urgency, list(GOLD_RANK))
    kinds = sorted({o.source_kind for o in outcomes if o.source_kind})
    by_source_kind = _breakdown(outcomes, lambda o: o.source_kind or "", kinds)
    return EvaluationReport(
        cases=total,
        top1=_figure(sum(o.top1 for o in outcomes), total),
        top3=_figure(sum(o.top3 for o in outcomes), total),
        urgency_exact=_figure(sum(o.urgency_exact for o in outcomes), total),
        urgency_safe=_figure(sum(o.urgency_safe for o in outcomes), total),
        over_triage=_figure(sum(o.over_triaged for o in outcomes), total),
        emergency_recall=_figure(sum(o.urgency_exact for o in emergencies), len(emergencies)),
        self_care_kept=_figure(sum(o.urgency_exact for o in self_care), len(self_care)),
        under_triaged=[o.id for o in outcomes if not o.urgency_safe],
        emergency_misses=[o.id for o in emergencies if not o.urgency_exact],
        median_interview_questions=statistics.median(questions) if questions else None,
        interview_top3=_figure(sum(bool(o.interview_top3) for o in outcomes), total)
        if questions
        else None,
        interview_urgency_safe=(
            _figure(sum(bool(o.interview_urgency_safe) for o in outcomes), total)
            if questions
            else None
        ),
        by_urgency=by_urgency,
        by_source_kind=by_source_kind,
        outcomes=outcomes,
    )


__all__ = ["EvaluationReport", "LabelledCase", "State", "evaluate_cases", "simulate_interview"]
