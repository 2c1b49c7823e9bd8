"""The facade's read-only views of the knowledge base (mixed into :class:`runknee.api.Runknee`)."""

from __future__ import annotations

from runknee.engine.plan import pain_rule_plan, plan_library
from runknee.engine.plan_result import PainRulePlan
from runknee.errors import NotFoundError
from runknee.i18n import active_gettext
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.exercise_models import Exercise
from runknee.knowledge.figures import figure_svg
from runknee.knowledge.loader import in_language
from runknee.knowledge.models import (
    Condition,
    ContributingFactor,
    Finding,
    RedFlag,
    Source,
    TriageSettings,
    Urgency,
    UrgencyLevel,
)
from runknee.knowledge.plan_models import PlanLibrary
from runknee.knowledge.report import KnowledgeReport, knowledge_report


class KnowledgeReads:
    """Questions, factors, rules and settings as the faces need them."""

    _base_knowledge: KnowledgeBase  # the facade's, as loaded (English)

    @property
    def _knowledge(self) -> KnowledgeBase:
        """The knowledge base with its runner text in the active language: the base itself in
        English, else a copy translated once per language and kept (see
        :mod:`runknee.knowledge.translation`); what every engine call and service is given."""
        return in_language(self._base_knowledge, active_gettext())

    def finding(self, finding_id: str) -> Finding:
        """One finding (question) by id (raises :class:`NotFoundError`)."""
        try:
            return self._knowledge.findings[finding_id]
        except KeyError:
            raise NotFoundError("finding", finding_id) from None

    def urgency_label(self, level: Urgency | str) -> str:
        """An urgency level in words ("See a doctor within 24 hours"), never its code."""
        return self._knowledge.urgency_levels[Urgency(level)].label

    def factors(self) -> list[ContributingFactor]:
        """Every contributing factor (training, shoes, strength...)."""
        return list(self._knowledge.factors)

    def rules(self) -> list[RedFlag]:
        """Every triage rule (warning signs and reasons to see someone)."""
        return list(self._knowledge.rules)

    @property
    def settings(self) -> TriageSettings:
        """The interview's and the ranking's tuning numbers."""
        return self._knowledge.settings

    @property
    def urgency_levels(self) -> dict[Urgency, UrgencyLevel]:
        """Each urgency level's words (label, what to do, by when)."""
        return self._knowledge.urgency_levels

    @property
    def plan_library(self) -> PlanLibrary | None:
        """The care-plan library (None for a knowledge base without plans)."""
        return self._knowledge.plans

    def pain_rule(self) -> PainRulePlan:
        """The library's pain rule (for a plan that has none of its own)."""
        return pain_rule_plan(plan_library(self._knowledge))

    @property
    def knowledge_version(self) -> str:
        """Content hash of the knowledge base in use."""
        return self._knowledge.version

    def conditions(self) -> list[Condition]:
        """Every condition in the knowledge base."""
        return list(self._knowledge.conditions.values())

    def condition(self, condition_id: str) -> Condition:
        """One condition by id (raises :class:`NotFoundError`)."""
        try:
            return self._knowledge.conditions[condition_id]
        except KeyError:
            raise NotFoundError.near(
                "condition", condition_id, self._knowledge.conditions
            ) from None

    def findings(self) -> list[Finding]:
        """Every finding (question) in the knowledge base."""
        return list(self._knowledge.findings.values())

    def sources(self) -> list[Source]:
        """The bibliography."""
        return sorted(self._knowledge.sources.values(), key=lambda source: source.id)

    def exercises(self) -> list[Exercise]:
        """Every exercise in the library."""
        return list(self._knowledge.exercises.values())

    def exercise(self, exercise_id: str) -> Exercise:
        """One exercise by id (raises :class:`NotFoundError`)."""
        try:
            return self._knowledge.exercises[exercise_id]
        except KeyError:
            raise NotFoundError.near("exercise", exercise_id, self._knowledge.exercises) from None

    def exercise_svg(self, exercise_id: str) -> str:
        """The stick-figure illustration of one exercise, as an SVG document."""
        from runknee.drawing.exercises import render_exercise

        return render_exercise(self.exercise(exercise_id), self._knowledge.translate)

    def figure_svg(self, figure_id: str) -> str:
        """A how-to-check drawing for a self-check question (raises NotFoundError)."""
        return figure_svg(figure_id, self._knowledge.translate)

    def knowledge_report(self) -> KnowledgeReport:
        """The reviewer's sheet: likelihood ratios with their evidence, rules with sources."""
        return knowledge_report(self._knowledge)
