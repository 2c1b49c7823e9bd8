"""Cross-file checks of the knowledge base (``runknee kb lint``).

Schema checks happen while loading; these checks need the whole base: every id that one file
names must exist in another, every clinical statement must cite a source, and the priors must
cover every condition. Errors stop the knowledge base from loading; warnings are reported.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runknee.errors import KnowledgeIssue
from runknee.knowledge.citations import placeholder_problem
from runknee.knowledge.expressions import expression_findings
from runknee.knowledge.lint_plans import check_exercises, check_plans
from runknee.knowledge.lint_triage import (
    check_figures,
    check_parents,
    check_screening,
    present_findings,
)
from runknee.knowledge.models import (
    AGE_BANDS,
    AllOf,
    AnyOf,
    Condition,
    Expression,
    FindingIs,
    Urgency,
)
from runknee.knowledge.problems import Severity, severity

if TYPE_CHECKING:
    from runknee.knowledge.base import KnowledgeBase

REQUIRED_CONDITIONS = (
    "patellofemoral_pain",
    "iliotibial_band_syndrome",
    "patellar_tendinopathy",
    "quadriceps_tendinopathy",
    "meniscal_tear",
    "ligament_sprain",
    "fracture",
    "stress_fracture",
    "patellar_instability",
    "osteoarthritis",
    "pes_anserine_bursitis",
    "osgood_schlatter",
    "sinding_larsen_johansson",
    "hip_referred_pain",
    "septic_arthritis",
    "inflammatory_arthritis",
    "dvt",
    "bakers_cyst",
    "muscle_overload",
    "slipped_upper_femoral_epiphysis",
    "childhood_hip_disorder",
    "femoral_neck_stress_fracture",
    "extensor_mechanism_rupture",
)


@dataclass(frozen=True)
class LintProblem:
    """One lint finding with its severity (the issue carries the problem id)."""

    severity: Severity
    issue: KnowledgeIssue

    @property
    def code(self) -> str:
        """The problem id, e.g. ``K104`` (see :mod:`runknee.knowledge.problems`)."""
        return self.issue.code


def _negated_findings(expression: Expression) -> Iterator[str]:
    if isinstance(expression, FindingIs) and expression.state == "absent":
        yield expression.finding
    elif isinstance(expression, AllOf | AnyOf):
        parts = expression.all if isinstance(expression, AllOf) else expression.any
        for part in parts:
            yield from _negated_findings(part)


class _Checker:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.problems: list[LintProblem] = []
        self.cited: set[str] = set()

    def report(self, code: str, where: str, message: str) -> None:
        file, line = self.kb.locations.get(where, (str(self.kb.data_dir), 1))
        problem = LintProblem(severity(code), KnowledgeIssue(file, line, message, code))
        if problem not in self.problems:
            self.problems.append(problem)

    def sources(self, where: str, ids: list[str]) -> None:
        for source_id in ids:
            self.cited.add(source_id)
            if source_id not in self.kb.sources:
                self.report("K101", where, f"unknown source id {source_id!r}")

    def findings(self, where: str, ids: Iterator[str] | list[str]) -> None:
        for finding_id in ids:
            if finding_id not in self.kb.findings:
                self.report("K102", where, f"unknown finding id {finding_id!r}")

    def conditions(self, where: str, ids: list[str]) -> None:
        for condition_id in ids:
            if condition_id not in self.kb.conditions:
                self.report("K103", where, f"unknown condition id {condition_id!r}")


def check_references(
    kb: KnowledgeBase, required_conditions: Collection[str] = REQUIRED_CONDITIONS
) -> list[LintProblem]:
    """Run every cross-file check and return the problems found (errors and warnings).

    ``required_conditions`` are the condition ids the base must define (K108): the packaged
    list by default; a small made-up base for the engine tests requires none.
    """
    checker = _Checker(kb)
    _check_findings(checker)
    _check_conditions(checker, required_conditions)
    _check_rules_and_factors(checker)
    _check_priors(checker)
    check_parents(checker)
    check_figures(checker)
    check_screening(checker)
    check_exercises(checker)
    check_plans(checker)
    _check_diary(checker)
    _check_form_evidence(checker)
    for source in kb.sources.values():
        placeholder = placeholder_problem(source)
        if placeholder is not None:
            checker.report("error", f"source:{source.id}", placeholder)
    for source_id in sorted(set(kb.sources) - checker.cited):
        checker.report("K104", f"source:{source_id}", f"source {source_id!r} is never cited")
    return checker.problems


def _check_diary(checker: _Checker) -> None:
    rules = checker.kb.diary
    if rules is None:
        return
    for flag in rules.flags:
        checker.sources("diary", flag.sources)
    checker.sources("diary", rules.load.sources)
    ids = [flag.id for flag in rules.flags]
    for flag_id in sorted({i for i in ids if ids.count(i) > 1}):
        checker.report("error", "diary", f"flag {flag_id!r} is defined twice")


def _check_form_evidence(checker: _Checker) -> None:
    """The form check's metrics and cues (``form/metrics.yaml``) cite known sources, and each
    cue's finding, contributing factor and plan cue exist."""
    path = checker.kb.data_dir / "form" / "metrics.yaml"
    if not path.exists():
        return
    from runknee.knowledge.form_models import load_evidence  # read only when linting

    evidence = load_evidence(path)
    checker.sources("form:method", evidence.method_sources)
    for metric in evidence.metrics:
        checker.sources(f"form:metric:{metric.id}", metric.sources)
    plans = checker.kb.plans  # a knowledge base without plans has no plan cues to link to
    plan_cues = {item.id for item in plans.prevention} if plans is not None else None
    factor_ids = {factor.id for factor in checker.kb.factors}
    for cue in evidence.cues:
        where = f"form:cue:{cue.id}"
        checker.sources(where, cue.sources)
        if cue.finding is not None:
            checker.findings(where, [cue.finding])
        if cue.factor is not None and cue.factor not in factor_ids:
            checker.report("K124", where, f"unknown contributing factor id {cue.factor!r}")
        if cue.plan_cue is not None and plan_cues is not None and cue.plan_cue not in plan_cues:
            checker.report(
                "K146", where, f"unknown plan cue {cue.plan_cue!r} (plans.yaml prevention)"
            )


def _check_findings(checker: _Checker) -> None:
    for finding in checker.kb.findings.values():
        where = f"finding:{finding.id}"
        checker.sources(where, finding.sources)
        checker.findings(where, finding.implies)
        if finding.ask_when is not None:
            checker.findings(where, expression_findings(finding.ask_when))
        if finding.derive is not None:
            checker.sources(where, finding.derive.sources)
            if finding.derive.at_least is None and finding.derive.below is None:
                checker.report("K105", where, "derive needs at_least or below")
        if _reaches(checker.kb, finding.id, finding.id, set()):
            checker.report(
                "K106", where, f"{finding.id}: ask_when or implies leads back to it (a cycle)"
            )
        if finding.urgency_screen and not finding.sources:
            checker.report("K107", where, "an urgency-screen question must cite a source")


def _reaches(kb: KnowledgeBase, start: str, target: str, seen: set[str]) -> bool:
    """True when following ask_when and implies from ``start`` leads back to ``target``."""
    finding = kb.findings.get(start)
    if finding is None:
        return False
    gate = list(expression_findings(finding.ask_when)) if finding.ask_when is not None else []
    for next_id in [*finding.implies, *gate]:
        if next_id == target:
            return True
        if next_id not in seen:
            seen.add(next_id)
            if _reaches(kb, next_id, target, seen):
                return True
    return False


def _check_conditions(checker: _Checker, required: Collection[str]) -> None:
    kb = checker.kb
    for missing in sorted(set(required) - set(kb.conditions)):
        checker.report("K108", "conditions", f"required condition {missing!r} has no file")
    for condition in kb.conditions.values():
        where = f"condition:{condition.id}"
        checker.sources(where, condition.sources)
        checker.sources(where, condition.codes.sources)
        checker.conditions(where, [look.condition for look in condition.look_alikes])
        for link in condition.article_causes:
            checker.sources(where, link.sources)
        _check_review(checker, where, condition)
        seen: set[str] = set()
        for feature in condition.features:
            checker.sources(where, feature.sources)
            checker.findings(where, [feature.finding])
            if feature.finding in seen:
                checker.report("K109", where, f"finding {feature.finding!r} listed twice")
            seen.add(feature.finding)


def _check_review(checker: _Checker, where: str, condition: Condition) -> None:
    """A reviewed file names its reviewer and date; a draft names no date; both say which."""
    if "status" not in condition.model_fields_set:
        checker.report("K143", where, "say status: draft or status: reviewed")
    if condition.status == "reviewed" and not (condition.reviewed_by and condition.reviewed_on):
        checker.report("K141", where, "a reviewed condition needs reviewed_by and reviewed_on")
    if condition.status == "draft" and condition.reviewed_on is not None:
        checker.report("K142", where, "a draft condition must not carry reviewed_on")


def _check_rules_and_factors(checker: _Checker) -> None:
    kb = checker.kb
    checker.sources("settings", kb.settings.sources)
    for rule in kb.rules:
        where = f"rule:{rule.id}"
        checker.sources(where, rule.sources)
        checker.findings(where, expression_findings(rule.when))
        if rule.kind == "red" and rule.urgency.rank < Urgency.consultation_24.rank:
            checker.report("K110", where, "a red rule must be consultation_24 or more urgent")
        if rule.kind == "amber" and rule.urgency is not Urgency.consultation:
            checker.report("K111", where, "an amber rule must have urgency consultation")
        unsure = rule.urgency_if_unsure
        if unsure is Urgency.emergency_ambulance:
            checker.report("K112", where, "urgency_if_unsure can never be an ambulance")
        if unsure is not None and unsure.rank > rule.urgency.rank:
            checker.report("K113", where, "urgency_if_unsure must not exceed the rule's urgency")
        if rule.urgency is Urgency.emergency_ambulance and unsure is None:
            checker.report(
                "K114",
                where,
                "an ambulance rule must set urgency_if_unsure (needs a definite yes)",
            )
    # Findings a red rule needs answered yes; a reassuring answer a rule needs answered no
    # (both calves sore after a race) may lower urgency, but never a warning sign itself.
    red_findings = {
        fid for rule in kb.rules if rule.kind == "red" for fid in present_findings(rule.when)
    }
    for rule in kb.rules:
        for fid in _negated_findings(rule.when):
            if fid in red_findings:
                # Urgency must never drop when a warning sign is answered yes.
                checker.report("K115", f"rule:{rule.id}", f"rule negates red-flag finding {fid!r}")
    for factor in kb.factors:
        where = f"factor:{factor.id}"
        checker.sources(where, factor.sources)
        checker.findings(where, expression_findings(factor.when))
        checker.conditions(where, factor.related_conditions)
    for level in Urgency:
        if level not in kb.urgency_levels:
            checker.report("K116", "urgency", f"urgency level {level.value!r} has no text")


def _check_priors(checker: _Checker) -> None:
    kb = checker.kb
    checker.sources("priors", kb.priors.sources)
    listed = [row.condition for row in kb.priors.table]
    checker.conditions("priors", listed)
    for condition_id in sorted(set(kb.conditions) - set(listed)):
        checker.report("K117", "priors", f"condition {condition_id!r} has no prior")
    for condition_id in sorted({c for c in listed if listed.count(c) > 1}):
        checker.report("K118", "priors", f"condition {condition_id!r} has two priors")
    for row in kb.priors.table:
        for table, cells in (("gradual", row.gradual), ("acute", row.acute)):
            missing = [band for band in AGE_BANDS if band not in cells]
            if missing:
                checker.report(
                    "K119", "priors", f"{row.condition}: {table} lacks {', '.join(missing)}"
                )
