"""The types the faces need beside the facade (re-exported by :mod:`runknee.api`), and helpers.

The faces (``web/``, ``cli/``) import only :mod:`runknee.api` and :mod:`runknee.errors`
(``make lint`` checks it). Everything they show is a model defined in the core; this module
names those models in one place, so a face never reaches into ``engine/`` or ``knowledge/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from runknee.engine.advice import (
    NOT_CHECKED,
    RuleWords,
    rule_groups,
    rule_label,
)
from runknee.engine.case import MAX_AGE_YEARS, MIN_AGE_YEARS, Case
from runknee.engine.interview import NextQuestion
from runknee.engine.plan_result import CarePlan, PainRulePlan
from runknee.engine.result import (
    AssessmentResult,
    Evidence,
    FiredRule,
    OpenRule,
    RankedCondition,
)
from runknee.errors import CaseInputError, FieldError
from runknee.knowledge import citations
from runknee.knowledge.exercise_models import Exercise
from runknee.knowledge.loader import KnowledgeBase, load_knowledge_base
from runknee.knowledge.models import (
    AllOf,
    AnyOf,
    Condition,
    ContributingFactor,
    EvidenceStrength,
    Expression,
    Finding,
    FindingIs,
    RedFlag,
    Source,
    TriageSettings,
    Urgency,
    UrgencyLevel,
)
from runknee.knowledge.plan_models import PlanLibrary
from runknee.knowledge.report import KnowledgeReport
from runknee.vocabulary import (
    ANSWER_WORDS,
    BASIC_QUESTIONS,
    DECISION_TITLES,
    TREND_SENTENCES,
    TREND_TITLES,
    age_words,
    answer_words,
    chance_words,
    decision_taken,
    decision_title,
    diary_evidence_words,
    evidence_answer_words,
    gait_words,
    likelihood_words,
    percent_text,
    plan_session_words,
    question_words,
    route_words,
    session_type_words,
    source_check_words,
    sport_words,
    strength_words,
    surface_words,
    trend_sentence,
    trend_title,
    urgency_reason_words,
    view_words,
)

__all__ = [
    "ANSWER_WORDS",
    "BASIC_QUESTIONS",
    "DECISION_TITLES",
    "MAX_AGE_YEARS",
    "MIN_AGE_YEARS",
    "NOT_CHECKED",
    "TREND_SENTENCES",
    "TREND_TITLES",
    "AllOf",
    "AnyOf",
    "AssessmentResult",
    "CarePlan",
    "Case",
    "Clock",
    "Condition",
    "ContributingFactor",
    "Evidence",
    "EvidenceStrength",
    "Exercise",
    "Explanation",
    "Expression",
    "Finding",
    "FindingIs",
    "FiredRule",
    "KnowledgeBase",
    "KnowledgeReport",
    "NextQuestion",
    "OpenRule",
    "PainRulePlan",
    "PlanLibrary",
    "RankedCondition",
    "RedFlag",
    "RuleWords",
    "Source",
    "TriageSettings",
    "Urgency",
    "UrgencyLevel",
    "age_words",
    "answer_words",
    "case_json_schema",
    "chance_words",
    "citations",
    "decision_taken",
    "decision_title",
    "diary_evidence_words",
    "evidence_answer_words",
    "gait_words",
    "likelihood_words",
    "load_knowledge_base",
    "percent_text",
    "plan_session_words",
    "question_words",
    "route_words",
    "rule_groups",
    "rule_label",
    "session_type_words",
    "source_check_words",
    "sport_words",
    "strength_words",
    "surface_words",
    "trend_sentence",
    "trend_title",
    "urgency_reason_words",
    "utc_now",
    "view_words",
]


def case_json_schema(finding_ids: Iterable[str]) -> dict[str, Any]:
    """The JSON Schema of a case (committed as ``docs/case.schema.json``).

    The finding keys are restricted to the knowledge base's finding ids.
    """
    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://runknee.invalid/case.schema.json"
    schema["properties"]["findings"]["propertyNames"] = {"enum": sorted(finding_ids)}
    return schema


class Explanation(BaseModel):
    """Why a condition is (or is not) likely for a case."""

    model_config = ConfigDict(frozen=True)

    condition: Condition
    rank: int
    assessment: RankedCondition
    sources: list[Source]
    knowledge_version: str


Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


ModelT = TypeVar("ModelT", bound=BaseModel)


def validated_input(model: type[ModelT], data: ModelT | dict[str, Any], where: str) -> ModelT:
    """Validate API input into ``model``, turning errors into :class:`CaseInputError`."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CaseInputError(
            [
                FieldError(".".join([where, *map(str, e["loc"])]), str(e["msg"]))
                for e in exc.errors()
            ]
        ) from None
