"""Schemas for the care-plan content (``data/plans.yaml``).

Everything clinical about a care plan lives in data: today's actions, what to avoid, the review
triggers with their level of care, the exercise programmes and their phases, the walk-run table,
the pain-monitoring thresholds and the prevention advice. The engine only selects and applies.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from runknee.knowledge.models import (
    EvidenceStrength,
    Expression,
    RunnerText,
    SnakeId,
    SourceIds,
    Strict,
    Text,
    Urgency,
)

Pain = Annotated[int, Field(ge=0, le=10)]


class PainRule(Strict):
    """The pain-monitoring model: how much pain during loading is fine, and what must settle."""

    ok_max_0_10: Pain
    acceptable_max_0_10: Pain
    creep_ignored_at_or_below_0_10: Pain
    explanation: RunnerText
    sources: SourceIds

    @model_validator(mode="after")
    def _ordered(self) -> PainRule:
        if not self.ok_max_0_10 <= self.acceptable_max_0_10:
            raise ValueError("ok_max_0_10 must not exceed acceptable_max_0_10")
        return self


class PlanSettings(Strict):
    """Thresholds for choosing a programme, with their sources."""

    programme_min_probability: Annotated[float, Field(gt=0, lt=1)]
    conditions_considered: Annotated[int, Field(ge=1, le=5)]
    pain_rule: PainRule
    sources: SourceIds


class PlanAdvice(Strict):
    """One action for today, or one thing to avoid.

    ``when`` limits it to runners whose answers match (e.g. swelling). ``show_in`` says which plan
    shows it: the full self-care plan, the short plan for while waiting to be seen (urgency above
    a routine consultation), or both. ``if_suspected`` shows it only when one of these suspicion
    groups is raised; ``unless_suspected`` hides it when one is (see :class:`Suspicion`).
    """

    id: SnakeId
    title: RunnerText
    text: RunnerText
    caution: RunnerText | None = None
    when: Expression | None = None
    show_in: Literal["full", "until_seen", "both"] = "full"
    if_suspected: list[SnakeId] = Field(default_factory=list)
    unless_suspected: list[SnakeId] = Field(default_factory=list)
    evidence_strength: EvidenceStrength
    sources: SourceIds


class Suspicion(Strict):
    """A cause that changes what to do until the runner is seen (say, no ibuprofen with a
    suspected joint infection). It is raised when one of ``rules`` fired, or one of
    ``conditions`` is suspected: the leading condition, or one at or above the knowledge base's
    ``serious_condition_probability``. Advice names it in ``if_suspected``/``unless_suspected``.
    """

    id: SnakeId
    name: Text
    conditions: list[SnakeId] = Field(default_factory=list)
    rules: list[SnakeId] = Field(default_factory=list)
    sources: SourceIds

    @model_validator(mode="after")
    def _raised_by_something(self) -> Suspicion:
        if not (self.conditions or self.rules):
            raise ValueError("give at least one condition or rule id")
        return self


class ReviewTrigger(Strict):
    """A change that means getting help, and how urgently.

    Fires on symptoms (``when``, over finding ids) or on no improvement after a number of days.
    """

    id: SnakeId
    symptom: RunnerText
    when: Expression | None = None
    no_improvement_after_days: Annotated[int, Field(ge=1, le=120)] | None = None
    level: Urgency
    action: RunnerText
    sources: SourceIds

    @model_validator(mode="after")
    def _one_condition(self) -> ReviewTrigger:
        if (self.when is None) == (self.no_improvement_after_days is None):
            raise ValueError("give exactly one of when or no_improvement_after_days")
        return self


class PhaseTiming(Strict):
    """How a phase's good sessions must be spread out in time before it moves on.

    A session sooner than ``min_days_between_sessions`` after the last exercise session is logged
    but does not count; the phase moves on only when its good sessions span at least
    ``min_span_days`` (from the day of the first counted session to the day of the last).
    """

    min_days_between_sessions: Annotated[int, Field(ge=1, le=7)]
    min_span_days: Annotated[int, Field(ge=0, le=180)]
    sources: SourceIds


class Phase(Strict):
    """One phase of an exercise programme, with the criteria to start and to move on."""

    id: SnakeId
    name: RunnerText
    goal: RunnerText
    entry: Annotated[list[RunnerText], Field(min_length=1)]
    exit: Annotated[list[RunnerText], Field(min_length=1)]
    exercises: Annotated[list[SnakeId], Field(min_length=1)]
    min_sessions: Annotated[int, Field(ge=1, le=60)]
    timing: PhaseTiming
    sources: SourceIds


class Programme(Strict):
    """An exercise programme for one or more conditions (or the default for the rest)."""

    id: SnakeId
    name: RunnerText
    summary: RunnerText
    conditions: list[SnakeId]
    default: bool = False
    phases: Annotated[list[Phase], Field(min_length=1)]
    sources: SourceIds


class Criterion(Strict):
    """A check the runner can do before a step (e.g. 30 minutes of brisk walking, pain-free)."""

    id: SnakeId
    text: RunnerText
    sources: SourceIds


class WalkRunStage(Strict):
    """One stage of the walk-run table. ``walk_min: 0`` with one repeat is a continuous run."""

    id: SnakeId
    walk_min: Annotated[float, Field(ge=0, le=10)]
    run_min: Annotated[float, Field(gt=0, le=60)]
    repeats: Annotated[int, Field(ge=1, le=20)]

    @property
    def total_min(self) -> float:
        """Minutes of walking and running together (warm-up walk not included)."""
        return (self.walk_min + self.run_min) * self.repeats


class ReturnToRunning(Strict):
    """The graded return: who may start, the stages, and the rules for moving between them."""

    summary: RunnerText
    start_criteria: Annotated[list[Criterion], Field(min_length=1)]
    stages: Annotated[list[WalkRunStage], Field(min_length=2)]
    rest_days_between_runs: Annotated[int, Field(ge=1, le=3)]
    repeat_each_stage: Annotated[int, Field(ge=1, le=6)]
    rules: Annotated[list[RunnerText], Field(min_length=1)]
    clinician_led_for: list[SnakeId]
    clinician_led_text: RunnerText
    sources: SourceIds


class PreventionAdvice(Strict):
    """Advice to prevent a recurrence, shown only when the runner's answers make it relevant.

    It applies when any listed contributing factor fired, the ``findings`` expression is true, or
    one of ``conditions`` is the leading condition.
    """

    id: SnakeId
    title: RunnerText
    text: RunnerText
    evidence_strength: EvidenceStrength
    factors: list[SnakeId] = Field(default_factory=list)
    findings: Expression | None = None
    conditions: list[SnakeId] = Field(default_factory=list)
    sources: SourceIds


class PlanLibrary(Strict):
    """The whole of ``plans.yaml``."""

    settings: PlanSettings
    suspicions: list[Suspicion] = Field(default_factory=list)
    now: Annotated[list[PlanAdvice], Field(min_length=1)]
    avoid: Annotated[list[PlanAdvice], Field(min_length=1)]
    review_triggers: Annotated[list[ReviewTrigger], Field(min_length=1)]
    programmes: Annotated[list[Programme], Field(min_length=1)]
    return_to_running: ReturnToRunning
    prevention: list[PreventionAdvice]
