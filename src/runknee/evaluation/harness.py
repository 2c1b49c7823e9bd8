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
from runknee.engine.findings import resolve_findings
from runknee.engine.interview import next_question
from runknee.engine.result import AssessmentResult
from runknee.i18n import N_
from runknee.knowledge.base import KnowledgeBase
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


Mode = Literal["whole_absent", "interview_absent", "interview_unknown"]
MODES: tuple[Mode, ...] = ("whole_absent", "interview_absent", "interview_unknown")
MODE_WORDS: dict[str, str] = {  # marked for the catalogue, translated where shown
    "whole_absent": N_("whole case, no where silent"),
    "interview_absent": N_("interview, no where silent"),
    "interview_unknown": N_("interview, don\u2019t know where silent"),
}


class ModeOutcome(BaseModel):
    """How one evaluation mode did on one case: the whole case with its silences answered
    "no", or a simulated interview answered truthfully from the full case."""

    questions: int | None = Field(description="Questions asked (interview modes only).")
    predicted: list[str]
    top1: bool
    top3: bool
    predicted_urgency: Urgency
    urgency_exact: bool
    urgency_safe: bool
    over_triaged: bool
    open_rules: list[str] = Field(description="Warning-sign rules still open when it stopped.")
    missed_warning_signs: list[str] = Field(
        description="Rules that fire on the full case and call for more urgent care than the "
        "interview's result."
    )


class CaseOutcome(BaseModel):
    """How the engine did on one labelled case (whole case, then each interview mode)."""

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
    modes: dict[str, ModeOutcome] = Field(default_factory=dict)


class Figure(BaseModel):
    """A count and its share, e.g. 31/45."""

    hits: int
    total: int
    percent: float


class Figures(BaseModel):
    """The headline figures over a set of outcomes."""

    top1: Figure
    top3: Figure
    urgency_exact: Figure
    urgency_safe: Figure
    over_triage: Figure
    emergency_recall: Figure
    self_care_kept: Figure
    under_triaged: list[str]
    emergency_misses: list[str]


class ModeFigures(Figures):
    """Headline figures for one mode, plus the interview's length and what it left open."""

    median_questions: float | None
    max_questions: int | None
    ended_with_open_rule: list[str]
    missed_warning_signs: list[str]


class EvaluationReport(Figures):
    """Summary figures for whole cases, each interview mode, and every case's outcome."""

    cases: int
    modes: dict[str, ModeFigures]
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


def simulate_interview(
    kb: KnowledgeBase, full: Case, when_silent: State = State.unknown
) -> tuple[int, Case]:
    """Run the interview with a runner who answers truthfully from ``full``.

    Answers come from the full case after its implications and derivations are spread (a fall
    answers the injury question); where the case is silent the runner answers ``when_silent``
    ("no" or "I don't know"). Returns the number of questions asked and the case collected.
    """
    known = resolve_findings(kb, full).states
    case = Case(facts=full.facts)
    for _ in range(400):
        step = next_question(kb, case)
        if step.should_stop or step.id is None:
            return step.questions_answered, case
        if step.kind == "finding":
            answer = full.findings.get(step.id, known.get(step.id, when_silent))
            case = case.with_answer(step.id, answer)
        elif getattr(full, step.id) is not None:
            case = case.model_copy(update={step.id: getattr(full, step.id)})
        else:
            case = case.model_copy(update={"declined": [*case.declined, step.id]})
    raise RuntimeError("interview did not stop within 400 questions")  # pragma: no cover


def _correct_ids(result: AssessmentResult, limit: int) -> list[set[str]]:
    """Each shown condition's id together with its parent id (labels may use either)."""
    return [{c.id, *([c.parent] if c.parent else [])} for c in result.conditions[:limit]]


def _missed_rules(full: AssessmentResult, after: AssessmentResult) -> list[str]:
    """Warning signs that fire for certain on the full case and call for more urgent care
    than the interview's result gave."""
    return sorted(
        rule.id
        for rule in full.red_flags
        if rule.kind == "red" and not rule.unsure and rule.urgency.rank > after.urgency.rank
    )


def complete_case(kb: KnowledgeBase, case: Case, when_silent: State) -> Case:
    """The case with every finding it is silent on answered ``when_silent``."""
    known = resolve_findings(kb, case).states
    findings = dict(case.findings)
    for finding_id in kb.findings:
        if finding_id not in findings and finding_id not in known:
            findings[finding_id] = when_silent
    return case.model_copy(update={"findings": findings})


def _mode_outcome(
    kb: KnowledgeBase, item: LabelledCase, mode: Mode, full: AssessmentResult
) -> ModeOutcome:
    silent = State.unknown if mode == "interview_unknown" else State.absent
    asked: int | None = None
    if mode == "whole_absent":
        collected = complete_case(kb, item.case, silent)
    else:
        asked, collected = simulate_interview(kb, item.case, silent)
    after = assess(kb, collected)
    correct = {item.condition, *item.acceptable}
    shown = _correct_ids(after, 3)
    gold, got = GOLD_RANK[item.urgency], GOLD_RANK[LEVEL_TO_GOLD[after.urgency]]
    return ModeOutcome(
        questions=asked,
        predicted=[c.id for c in after.conditions],
        top1=bool(shown) and bool(correct & shown[0]),
        top3=any(correct & ids for ids in shown),
        predicted_urgency=after.urgency,
        urgency_exact=got == gold,
        urgency_safe=got >= gold,
        over_triaged=got > gold,
        open_rules=[rule.id for rule in after.open_red_flags],
        missed_warning_signs=_missed_rules(full, after),
    )


def score_case(kb: KnowledgeBase, item: LabelledCase, with_interview: bool) -> CaseOutcome:
    """Assess one labelled case and compare with its labels (and, optionally, simulate the
    interview in both answer modes)."""
    result = assess(kb, item.case)
    correct = {item.condition, *item.acceptable}
    shown = _correct_ids(result, 3)
    gold_rank = GOLD_RANK[item.urgency]
    predicted_rank = GOLD_RANK[LEVEL_TO_GOLD[result.urgency]]
    modes = {
        mode: _mode_outcome(kb, item, mode, result)
        for mode in MODES
        if with_interview or not mode.startswith("interview")
    }
    return CaseOutcome(
        id=item.id,
        source_kind=item.source_kind,
        gold_condition=item.condition,
        predicted=[c.id for c in result.conditions],
        top1=bool(shown) and bool(correct & shown[0]),
        top3=any(correct & ids for ids in shown),
        gold_urgency=item.urgency,
        predicted_urgency=result.urgency,
        urgency_exact=predicted_rank == gold_rank,
        urgency_safe=predicted_rank >= gold_rank,
        over_triaged=predicted_rank > gold_rank,
        modes=modes,
    )


Scored = tuple[str, GoldUrgency, bool, bool, bool, bool, bool]  # id, gold, top1, top3, ...


def _figures(rows: list[Scored]) -> dict[str, object]:
    """Headline figures from (id, gold urgency, top1, top3, exact, safe, over) rows."""
    total = len(rows)
    emergencies = [r for r in rows if r[1] == "emergency"]
    self_care = [r for r in rows if r[1] == "self_care"]
    return {
        "top1": _figure(sum(r[2] for r in rows), total),
        "top3": _figure(sum(r[3] for r in rows), total),
        "urgency_exact": _figure(sum(r[4] for r in rows), total),
        "urgency_safe": _figure(sum(r[5] for r in rows), total),
        "over_triage": _figure(sum(r[6] for r in rows), total),
        "emergency_recall": _figure(sum(r[4] for r in emergencies), len(emergencies)),
        "self_care_kept": _figure(sum(r[4] for r in self_care), len(self_care)),
        "under_triaged": [r[0] for r in rows if not r[5]],
        "emergency_misses": [r[0] for r in emergencies if not r[4]],
    }


def _mode_figures(outcomes: list[CaseOutcome], mode: str) -> ModeFigures:
    pairs = [(o, o.modes[mode]) for o in outcomes]
    rows: list[Scored] = [
        (o.id, o.gold_urgency, i.top1, i.top3, i.urgency_exact, i.urgency_safe, i.over_triaged)
        for o, i in pairs
    ]
    questions = [i.questions for _, i in pairs if i.questions is not None]
    return ModeFigures(
        **_figures(rows),
        median_questions=statistics.median(questions) if questions else None,
        max_questions=max(questions) if questions else None,
        ended_with_open_rule=[o.id for o, i in pairs if i.open_rules],
        missed_warning_signs=[o.id for o, i in pairs if i.missed_warning_signs],
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
    rows: list[Scored] = [
        (o.id, o.gold_urgency, o.top1, o.top3, o.urgency_exact, o.urgency_safe, o.over_triaged)
        for o in outcomes
    ]
    kinds = sorted({o.source_kind for o in outcomes if o.source_kind})
    modes = {mode: _mode_figures(outcomes, mode) for mode in outcomes[0].modes} if outcomes else {}
    return EvaluationReport(
        **_figures(rows),
        cases=len(outcomes),
        modes=modes,
        by_urgency=_breakdown(outcomes, lambda o: o.gold_urgency, list(GOLD_RANK)),
        by_source_kind=_breakdown(outcomes, lambda o: o.source_kind or "", kinds),
        outcomes=outcomes,
    )


__all__ = [
    "EvaluationReport",
    "LabelledCase",
    "ModeFigures",
    "State",
    "evaluate_cases",
    "simulate_interview",
]
