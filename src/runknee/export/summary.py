"""Plain-words pieces shared by the FHIR and PDF exports.

Both exports describe the same assessment; keeping the wording here means a reason reads the
same in a FHIR ``rationale`` as on the printed page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from runknee.engine.case import Case
from runknee.engine.plan_result import CarePlan
from runknee.engine.result import AssessmentResult, Evidence
from runknee.i18n import N_, _
from runknee.knowledge import citations
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.models import RedFlag, Source
from runknee.vocabulary import BASIC_QUESTIONS, age_words, answer_words, likelihood_words
from runknee.vocabulary import urgency_reason_words as reason_words

__all__ = ["BASIC_QUESTIONS"]  # re-exported for the FHIR resources


def question_text(knowledge: KnowledgeBase, finding_id: str) -> str:
    """The question behind a finding id, or the id made readable when there is none.

    Args:
        knowledge: the knowledge base holding the findings.
        finding_id: a finding id, or ``age_years`` / ``sex``.

    Returns:
        The question as the runner saw it.
    """
    finding = knowledge.findings.get(finding_id)
    if finding is not None:
        return finding.question
    if finding_id in BASIC_QUESTIONS:
        return _(BASIC_QUESTIONS[finding_id])
    return finding_id.replace("_", " ").capitalize()


def evidence_words(knowledge: KnowledgeBase, evidence: Evidence) -> str:
    """One piece of evidence as a sentence: the question, the answer and its weight.

    Args:
        knowledge: the knowledge base holding the findings.
        evidence: a supporting or conflicting evidence entry from an assessment.

    Returns:
        For example ``"Is the pain around the kneecap? yes (about 2 times as likely)"``.
    """
    answer = answer_words(evidence.state)
    weight = likelihood_words(evidence.likelihood_ratio)
    question = question_text(knowledge, evidence.finding)
    values = {"question": question, "answer": answer, "weight": weight}
    return _("%(question)s %(answer)s (%(weight)s)") % values


def rationale(knowledge: KnowledgeBase, supporting: list[Evidence], limit: int = 3) -> str:
    """The top supporting reasons for a condition, in words, joined into one text.

    Args:
        knowledge: the knowledge base holding the findings.
        supporting: the condition's supporting evidence, strongest first.
        limit: how many reasons to give.

    Returns:
        The reasons separated by semicolons, or a note that no answer pointed to it.
    """
    if not supporting:
        return _("No answer pointed to this condition; its chance comes from how common it is.")
    return "; ".join(evidence_words(knowledge, item) for item in supporting[:limit])


def cited_source_ids(result: AssessmentResult, plan: CarePlan | None = None) -> list[str]:
    """Every source id the assessment (and plan) cites, sorted.

    Args:
        result: the assessment.
        plan: the care plan, when there is one.

    Returns:
        Sorted, de-duplicated source ids.
    """
    groups: list[Iterable[str]] = [rule.sources for rule in result.red_flags]
    groups += [f.sources for f in result.contributing_factors]
    for condition in result.conditions:
        groups += [e.sources for e in condition.supporting + condition.conflicting]
    if plan is not None:
        groups += [item.sources for item in plan.now + plan.avoid]
        groups += [item.sources for item in plan.review_triggers]
        groups += [item.sources for item in plan.prevention]
        if plan.pain_rule is not None:
            groups.append(plan.pain_rule.sources)
        if plan.programme is not None:
            groups.append(plan.programme.sources)
            groups += [phase.sources for phase in plan.programme.phases]
        if plan.return_to_running is not None:
            groups.append(plan.return_to_running.sources)
    return sorted({source for group in groups for source in group})


def cited_sources(
    knowledge: KnowledgeBase, result: AssessmentResult, plan: CarePlan | None = None
) -> list[Source]:
    """The bibliography entries behind :func:`cited_source_ids` (unknown ids are skipped)."""
    return [knowledge.sources[s] for s in cited_source_ids(result, plan) if s in knowledge.sources]


def source_line(source: Source) -> str:
    """One bibliography entry as a line of text (authors, year, title, where, link)."""
    return citations.full_citation(source)


def urgency_reason_words(knowledge: KnowledgeBase, result: AssessmentResult) -> list[str]:
    """Why the urgency is what it is, in words (the engine gives coded reasons)."""
    names = {c.id: c.lay_name for c in knowledge.conditions.values()}
    return reason_words(result, names)


def answers_given(knowledge: KnowledgeBase, case: Case) -> list[tuple[str, str]]:
    """Every answer in the case as (question, answer), in the order given; "I don't know"
    shows as such."""
    rows: list[tuple[str, str]] = []
    for basic in ("age_years", "sex"):
        if basic in case.declined:
            rows.append((_(BASIC_QUESTIONS[basic]), answer_words("declined")))
    for finding_id, state in case.findings.items():
        rows.append((question_text(knowledge, finding_id), _(STATE_WORDS[state.value])))
    for fact, amount in case.facts.model_dump(exclude_none=True).items():
        name = _(FACT_WORDS[fact]) if fact in FACT_WORDS else fact.replace("_", " ").capitalize()
        rows.append((name, f"{amount:g}"))
    return rows


STATE_WORDS = {"present": N_("Yes"), "absent": N_("No"), "unknown": N_("Don't know")}


def runner_words(case: Case) -> str:
    """Age and sex in a few words ("31 years, female"; "age not given")."""
    age = age_words(case.age_years) if case.age_years is not None else _("age not given")
    sex = answer_words(case.sex).lower() if case.sex is not None else _("sex not given")
    return _("%(age)s, %(sex)s") % {"age": age, "sex": sex}


FACT_WORDS = {
    "days_since_onset": N_("Days since the pain started"),
    "weekly_distance_km": N_("Running distance per week (km)"),
}


def warning_signs_checked(
    knowledge: KnowledgeBase, result: AssessmentResult
) -> list[tuple[RedFlag, str]]:
    """Every warning-sign rule (red) with its result for these answers, most pressing first:
    ``present``, ``possible`` (a "don't know"), ``not_checked`` or ``not_present`` (a key of
    :data:`CHECK_WORDS`; rules are kept whole, so no two can merge under one translated name)."""
    fired = {rule.id: rule for rule in result.red_flags}
    still_open = {rule.id for rule in result.open_red_flags}
    rows = []
    for rule in knowledge.rules:
        if rule.kind != "red":
            continue
        if rule.id in fired:
            status = "possible" if fired[rule.id].unsure else "present"
        elif rule.id in still_open:
            status = "not_checked"
        else:
            status = "not_present"
        rows.append((rule, status))
    order = {"present": 0, "possible": 1, "not_checked": 2}
    rows.sort(key=lambda row: order.get(row[1], 3))
    return rows


CHECK_WORDS = {
    "present": N_("PRESENT"),
    "possible": N_("POSSIBLE (a 'don't know' answer)"),
    "not_checked": N_("not checked"),
    "not_present": N_("not present"),
}
"""A warning sign's result for these answers, as the summary prints it."""


def short_citation(source: Source) -> str:
    """A short citation such as 'Stiell et al. (1996)' (see :mod:`runknee.knowledge.citations`)."""
    return citations.short_citation(source)


@dataclass(frozen=True)
class SessionRow:
    """One logged session as the summary prints it."""

    number: int
    on: date
    kind: str
    pain_during: int
    pain_after: int
    pain_next_morning: int | None
    decision: str


@dataclass(frozen=True)
class FollowedPlan:
    """A plan the runner is following: where they are and what they logged."""

    started: datetime
    headline: str
    phase: str | None
    exercises: list[str]
    stage: str | None
    trend: str
    sessions: list[SessionRow] = field(default_factory=list)
