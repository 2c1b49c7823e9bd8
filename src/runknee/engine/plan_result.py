"""The care plan: what :func:`runknee.engine.plan.build_plan` returns (and the CLI prints as JSON)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from runknee.i18n import Message
from runknee.knowledge.models import EvidenceStrength, Urgency


class _Out(BaseModel):
    # Schemas are built on first use: a command that reads no result does not pay for them.
    model_config = ConfigDict(frozen=True, defer_build=True)


class Action(_Out):
    """Something to do today, or to avoid."""

    id: str
    title: str
    text: str
    caution: str | None
    evidence_strength: EvidenceStrength
    sources: list[str]


class ReviewAdvice(_Out):
    """A warning sign and the level of care it calls for."""

    id: str
    symptom: str
    level: Urgency
    action: str
    sources: list[str]


class ExerciseRef(_Out):
    """An exercise as listed in a programme phase (full details: ``runknee exercises ID``)."""

    id: str
    name: str
    category: str
    dosage: str = Field(description="The dose in words, in English (``dosage_i18n`` to translate).")
    dosage_i18n: Message | None = Field(
        default=None, description="The dose as a sentence to translate and its values."
    )


class PhasePlan(_Out):
    """One programme phase with its criteria to start and to move on."""

    id: str
    name: str
    goal: str
    entry: list[str]
    exit: list[str]
    min_sessions: int
    min_days_between_sessions: int = Field(
        default=1, description="Sessions closer together than this do not count."
    )
    min_span_days: int = Field(
        default=0, description="Days the good sessions must span before moving on."
    )
    exercises: list[ExerciseRef]
    sources: list[str]


class ProgrammePlan(_Out):
    """The exercise programme chosen for the likely condition."""

    id: str
    name: str
    summary: str
    chosen_for: str | None = Field(description="Condition id it was chosen for; None = default.")
    phases: list[PhasePlan]
    sources: list[str]


class StagePlan(_Out):
    """One walk-run stage."""

    id: str
    number: int
    walk_min: float
    run_min: float
    repeats: int
    total_min: float
    text: str = Field(description="The stage in words, in English (``text_i18n`` to translate).")
    text_i18n: Message | None = Field(
        default=None, description="The stage in words as a sentence to translate and its values."
    )


class Criterion(_Out):
    """A check before a step."""

    id: str
    text: str
    sources: list[str]


class RunningPlan(_Out):
    """The walk-run return, or why it should be planned with a professional."""

    mode: Literal["self_guided", "clinician_led"]
    summary: str
    start_criteria: list[Criterion]
    stages: list[StagePlan]
    rest_days_between_runs: int
    repeat_each_stage: int
    rules: list[str]
    sources: list[str]


class PainRulePlan(_Out):
    """The pain-monitoring rule in numbers and words."""

    ok_max_0_10: int
    acceptable_max_0_10: int
    explanation: str
    sources: list[str]


class PreventionItem(_Out):
    """Advice against a recurrence, with why it applies to this runner."""

    id: str
    title: str
    text: str
    evidence_strength: EvidenceStrength
    because: list[str] = Field(description="factor:, finding: or condition: ids that matched.")
    sources: list[str]


class CarePlan(_Out):
    """A self-management plan for one case. Deterministic for a given case and knowledge base.

    When ``limited`` is true (urgency above a routine consultation) the plan only covers what to
    do until the runner is seen: no programme, no return to running, no running pain rule and no
    prevention.
    """

    urgency: Urgency
    limited: bool
    headline: str = Field(
        description="The level of care and the plan: the sentence in English, its values (the "
        "level of care, the programme's name) in the words of the knowledge base it was built with."
    )
    headline_i18n: Message | None = Field(
        default=None,
        description="The headline as a sentence to translate; its values (the level of care, "
        "the programme's name) are the knowledge base's words.",
    )
    conditions_considered: list[str]
    now: list[Action]
    avoid: list[Action]
    review_triggers: list[ReviewAdvice]
    pain_rule: PainRulePlan | None = Field(
        default=None, description="The running pain rule; None in a plan for until seen."
    )
    programme: ProgrammePlan | None
    other_programmes: list[str] = Field(description="Programme ids for other likely conditions.")
    return_to_running: RunningPlan | None
    prevention: list[PreventionItem]
    knowledge_version: str
    disclaimer: str
