"""A reviewer's view of the knowledge base (``runknee kb report``).

Per condition: its review status, and for each finding how often a runner with the condition says
yes (``p_present``), how often runners with knee pain say yes (``background``), the likelihood
ratios these give, and the evidence level of the sources behind both numbers. A number that rests
only on runknee's own estimates (sources whose evidence is ``derived``) is flagged. Per triage
rule: the questions it asks about and its sources.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.expressions import expression_findings
from runknee.knowledge.models import Condition, EvidenceLevel, Feature

_STRENGTH = [EvidenceLevel.verified, EvidenceLevel.secondary, EvidenceLevel.unchecked]


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True)


class FeatureRow(_Row):
    """One finding of one condition, with its likelihood ratios."""

    finding: str
    question: str
    p_present: float
    background: float
    lr_positive: float
    lr_negative: float
    evidence: EvidenceLevel
    background_evidence: EvidenceLevel | None
    estimate_only: bool
    sources: list[str]


class ConditionReport(_Row):
    """One condition: its review status and its findings."""

    id: str
    name: str
    status: str
    reviewed_by: str | None
    reviewed_on: date | None
    features: list[FeatureRow]


class RuleReport(_Row):
    """One triage rule: the questions it asks about and the sources it cites."""

    id: str
    name: str
    kind: str
    urgency: str
    questions: list[str]
    sources: list[str]
    evidence: EvidenceLevel


class KnowledgeReport(_Row):
    """The whole review sheet."""

    knowledge_version: str
    conditions: list[ConditionReport]
    rules: list[RuleReport]


def _best(kb: KnowledgeBase, source_ids: list[str]) -> EvidenceLevel | None:
    """The strongest evidence level among the sources (``derived`` when only estimates)."""
    levels = {kb.sources[s].evidence for s in source_ids if s in kb.sources}
    for level in _STRENGTH:
        if level in levels:
            return level
    return EvidenceLevel.derived if levels else None


def _feature(kb: KnowledgeBase, feature: Feature) -> FeatureRow:
    finding = kb.findings[feature.finding]
    p, b = feature.p_present, finding.background
    evidence = _best(kb, feature.sources) or EvidenceLevel.derived
    background = _best(kb, finding.sources)
    return FeatureRow(
        finding=finding.id,
        question=finding.question,
        p_present=p,
        background=b,
        lr_positive=round(p / b, 2),
        lr_negative=round((1 - p) / (1 - b), 2),
        evidence=evidence,
        background_evidence=background,
        estimate_only=evidence is EvidenceLevel.derived
        and background in (None, EvidenceLevel.derived),
        sources=list(feature.sources),
    )


def _condition(kb: KnowledgeBase, condition: Condition) -> ConditionReport:
    return ConditionReport(
        id=condition.id,
        name=condition.clinical_name,
        status=condition.status,
        reviewed_by=condition.reviewed_by,
        reviewed_on=condition.reviewed_on,
        features=[_feature(kb, feature) for feature in condition.features],
    )


def knowledge_report(kb: KnowledgeBase) -> KnowledgeReport:
    """Build the review sheet for a loaded knowledge base."""
    return KnowledgeReport(
        knowledge_version=kb.version,
        conditions=[_condition(kb, c) for c in sorted(kb.conditions.values(), key=lambda c: c.id)],
        rules=[
            RuleReport(
                id=rule.id,
                name=rule.name,
                kind=rule.kind,
                urgency=rule.urgency.value,
                questions=list(dict.fromkeys(expression_findings(rule.when))),
                sources=list(rule.sources),
                evidence=_best(kb, rule.sources) or EvidenceLevel.derived,
            )
            for rule in kb.rules
        ],
    )
