"""The assessment result: what the engine returns, and what the CLI and API print as JSON."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field

from runknee.i18n import N_
from runknee.knowledge.models import EvidenceStrength, Urgency


class _Out(BaseModel):
    # Schemas are built on first use: a command that reads no result does not pay for them.
    model_config = ConfigDict(frozen=True, defer_build=True)


class FiredRule(_Out):
    """A triage rule that fired, with the answers that fired it."""

    id: str
    name: str
    kind: str
    urgency: Urgency
    advice: str
    explanation: str
    findings: list[str] = Field(description="Finding ids (and age) that made the rule fire.")
    sources: list[str]
    unsure: bool = Field(
        default=False,
        description='True when the rule fired only because an answer was "I don\'t know" '
        "(or contradictory); its urgency is then the level set for an unsure answer.",
    )


class OpenRule(_Out):
    """A red-flag rule that the answers so far neither fire nor rule out."""

    id: str
    name: str
    urgency: Urgency
    questions: list[str] = Field(
        description="Unanswered finding ids that apply to this runner and could still fire it."
    )


class Evidence(_Out):
    """One finding's effect on one condition, as a likelihood ratio with its sources."""

    finding: str
    state: str
    likelihood_ratio: float
    sources: list[str]


class RankedCondition(_Out):
    """One entry in the differential."""

    id: str
    name: str
    probability: float
    default_urgency: Urgency
    parent: str | None = Field(
        default=None,
        description="The broader condition id this one was split from (labels for it still count).",
    )
    supporting: list[Evidence]
    conflicting: list[Evidence]
    unasked: list[Evidence] = Field(
        description="Unanswered findings that would move this condition most, with the ratio if present."
    )


class AppliedFactor(_Out):
    """A contributing factor the runner can change."""

    id: str
    name: str
    why_it_matters: str
    advice: str
    evidence_strength: EvidenceStrength
    related_conditions: list[str]
    sources: list[str]


class UrgencyAdvice(_Out):
    """The urgency level in plain words."""

    level: Urgency
    label: str
    what_to_do: str
    by_when: str
    reasons: list[str]


class AssessmentResult(_Out):
    """Everything an assessment returns. Deterministic for a given case and knowledge base."""

    urgency: Urgency
    urgency_advice: UrgencyAdvice
    red_flags: list[FiredRule]
    open_red_flags: list[OpenRule]
    conditions: list[RankedCondition]
    contributing_factors: list[AppliedFactor]
    contradictions: list[list[str]] = Field(
        description="Pairs [child, parent] answered inconsistently; the present answer was used."
    )
    knowledge_version: str
    disclaimer: str


def chance_percent(probability: float) -> int:
    """The whole percentage shown for a chance: rounded, except below 5 % where it is rounded
    down (4.9 % shows as 4 %, so it never reads as 5 % next to "less than 1 in 20").
    Below 1 % this is 0 (shown as "under 1%")."""
    if probability < 0.05:
        return max(0, math.floor(probability * 100 + 1e-9))
    return min(100, math.floor(probability * 100 + 0.5 + 1e-9))


DISCLAIMER = N_(
    "runknee is for education and self-management. It does not diagnose; it suggests what is "
    "likely and how urgently to get help. If you are worried, or things get worse, contact a "
    "health professional."
)
