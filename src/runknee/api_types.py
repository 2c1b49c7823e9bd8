"""The types and plain helpers the faces need beside the facade, re-exported by :mod:`runknee.api`.

The faces (``web/``, ``cli/``) import only :mod:`runknee.api` and :mod:`runknee.errors`
(``make lint`` checks it). Everything they show is a model defined in the core; this module
names those models in one place, so a face never reaches into ``engine/`` or ``knowledge/``.
"""

from __future__ import annotations

from runknee.engine.advice import NOT_CHECKED, RuleWords, rule_groups, rule_label
from runknee.engine.case import Case
from runknee.engine.evaluation import MODE_WORDS, EvaluationReport
from runknee.engine.interview import NextQuestion
from runknee.engine.plan_result import CarePlan, PainRulePlan
from runknee.engine.result import (
    AssessmentResult,
    Evidence,
    FiredRule,
    OpenRule,
    RankedCondition,
    chance_words,
)
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
from runknee.plan_tracker import PlanOverview, SessionInput

__all__ = [
    "MODE_WORDS",
    "NOT_CHECKED",
    "AllOf",
    "AnyOf",
    "AssessmentResult",
    "CarePlan",
    "Case",
    "Condition",
    "ContributingFactor",
    "EvaluationReport",
    "Evidence",
    "EvidenceStrength",
    "Exercise",
    "Expression",
    "Finding",
    "FindingIs",
    "FiredRule",
    "KnowledgeBase",
    "NextQuestion",
    "OpenRule",
    "PainRulePlan",
    "PlanLibrary",
    "PlanOverview",
    "RankedCondition",
    "RedFlag",
    "RuleWords",
    "SessionInput",
    "Source",
    "TriageSettings",
    "Urgency",
    "UrgencyLevel",
    "chance_words",
    "load_knowledge_base",
    "rule_groups",
    "rule_label",
]
