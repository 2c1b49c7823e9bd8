"""The loaded knowledge base: one validated, immutable object (built by ``loader.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from runknee.knowledge.diary_models import DiaryRules
from runknee.knowledge.exercise_models import Exercise
from runknee.knowledge.models import (
    Condition,
    ContributingFactor,
    Finding,
    Priors,
    RedFlag,
    Source,
    TriageSettings,
    Urgency,
    UrgencyLevel,
)
from runknee.knowledge.plan_models import PlanLibrary


def english(text: str) -> str:
    """The translate function of a base in English, as written: the text itself."""
    return text


@dataclass(frozen=True, eq=False)  # identity hash: cached compilations key on it
class KnowledgeBase:
    """Everything the engine knows, validated. ``version`` is a content hash of the data files."""

    version: str
    sources: dict[str, Source]
    findings: dict[str, Finding]
    conditions: dict[str, Condition]
    priors: Priors
    rules: tuple[RedFlag, ...]
    settings: TriageSettings
    factors: tuple[ContributingFactor, ...]
    urgency_levels: dict[Urgency, UrgencyLevel]
    data_dir: Path
    locations: dict[str, tuple[str, int]]
    exercises: dict[str, Exercise] = field(default_factory=dict)
    plans: PlanLibrary | None = None
    diary: DiaryRules | None = None
    translate: Callable[[str], str] = english
    """The function the runner text was translated with (see
    :mod:`runknee.knowledge.translation`; the identity for English): the facade translates the
    words it reads beside the base with it (figures, drawings, the form check's evidence)."""

    @property
    def finding_ids(self) -> frozenset[str]:
        """All finding ids, for validating cases."""
        return frozenset(self.findings)
