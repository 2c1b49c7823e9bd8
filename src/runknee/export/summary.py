"""Plain-words pieces shared by the FHIR and PDF exports.

Both exports describe the same assessment; keeping the wording here means a reason reads the
same in a FHIR ``rationale`` as on the printed page.
"""

from __future__ import annotations

from collections.abc import Iterable

from runknee.engine.plan_result import CarePlan
from runknee.engine.result import AssessmentResult, Evidence
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.models import Source

BASIC_QUESTIONS = {
    "age_years": "How old are you?",
    "sex": "What sex were you recorded at birth?",
}
"""Questions that are case fields rather than knowledge-base findings."""

ANSWER_WORDS = {"present": "yes", "absent": "no", "unknown": "don't know"}
"""How a finding state reads as an answer."""


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
    return BASIC_QUESTIONS.get(finding_id, finding_id.replace("_", " ").capitalize())


def evidence_words(knowledge: KnowledgeBase, evidence: Evidence) -> str:
    """One piece of evidence as a sentence: the question, the answer and its weight.

    Args:
        knowledge: the knowledge base holding the findings.
        evidence: a supporting or conflicting evidence entry from an assessment.

    Returns:
        For example ``"Is the pain around the kneecap? yes (about 2 times as likely)"``.
    """
    answer = ANSWER_WORDS.get(evidence.state, evidence.state)
    ratio = evidence.likelihood_ratio
    if ratio >= 1:
        weight = f"about {ratio:.1f} times as likely"
    else:
        weight = f"about {1 / ratio:.1f} times less likely" if ratio > 0 else "rules it out"
    return f"{question_text(knowledge, evidence.finding)} {answer} ({weight})"


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
        return "No answer pointed to this condition; its chance comes from how common it is."
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
    link = (source.doi and f"doi:{source.doi}") or source.url or ""
    return f"{source.authors} ({source.year}). {source.title}. {source.published_in}. {link}"
