"""Red and amber triage rules: which fire, which are still open, and the urgency they set.

A rule fires *for certain* when definite answers meet it. A finding the runner answered "I don't
know", or answered in a contradictory way, is read as yes as well (clinical brief section 3;
Gilbert 2020 safe-triage definition), but a rule that fires only on that cautious reading sets
the level its evidence supports for an unsure answer (``urgency_if_unsure``, never a call for an
ambulance): a doubt errs upwards without turning one unknown into an ambulance.
"""

from __future__ import annotations

from runknee.engine.case import Case, State
from runknee.engine.findings import ResolvedFindings
from runknee.engine.logic import Truth
from runknee.engine.result import FiredRule, OpenRule
from runknee.engine.rule_terms import RuleReader, rule_terms
from runknee.knowledge.lint import expression_findings
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.models import AgeBetween, AllOf, AnyOf, Expression, RedFlag, Urgency


def conservative_lookup(resolved: ResolvedFindings) -> dict[str, Truth]:
    """Finding -> truth for triage: unknown answers and contradictions count as present."""
    truth: dict[str, Truth] = {
        fid: state is State.present for fid, state in resolved.states.items()
    }
    for fid in resolved.answered_unknown:
        if fid not in truth:
            truth[fid] = True
    for child, parent in resolved.contradictions:
        truth[child] = truth[parent] = True
    return truth


def unsure_urgency(rule: RedFlag) -> Urgency:
    """The level a rule sets when it fires only because of "don't know" answers."""
    chosen: Urgency | None = getattr(rule, "urgency_if_unsure", None)
    level = chosen if chosen is not None else rule.urgency
    # An ambulance needs at least one definite yes that fires the rule.
    if level is Urgency.emergency_ambulance:
        return Urgency.emergency
    return level


def evaluate_rules(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings
) -> tuple[list[FiredRule], list[OpenRule]]:
    """Return the rules that fire (most urgent first) and every red rule that asking could
    still fire for certain (callers keep those that would raise the urgency)."""
    reader = RuleReader(kb, case, resolved)
    truth = conservative_lookup(resolved)
    fired: list[FiredRule] = []
    candidates: list[OpenRule] = []
    for rule in kb.rules:
        terms = rule_terms(kb, rule)
        certain = any(reader.satisfied(term, allow_doubt=False) for term in terms)
        if certain or any(reader.satisfied(term, allow_doubt=True) for term in terms):
            fired.append(_fired(rule, truth, case, unsure=not certain))
        if rule.kind == "red" and not certain:
            questions = reader.open_questions(rule)
            if questions:
                candidates.append(
                    OpenRule(id=rule.id, name=rule.name, urgency=rule.urgency, questions=questions)
                )
    fired.sort(key=lambda item: -item.urgency.rank)
    return fired, candidates


def _fired(rule: RedFlag, truth: dict[str, Truth], case: Case, unsure: bool) -> FiredRule:
    evidence = [fid for fid in dict.fromkeys(expression_findings(rule.when)) if truth.get(fid)]
    if case.age_years is not None and _uses_age(rule.when):
        evidence.append(f"age_years={case.age_years}")
    return FiredRule(
        id=rule.id,
        name=rule.name,
        kind=rule.kind,
        urgency=unsure_urgency(rule) if unsure else rule.urgency,
        advice=rule.advice,
        explanation=rule.explanation,
        findings=evidence,
        sources=list(rule.sources),
        unsure=unsure,
    )


def _uses_age(expression: Expression) -> bool:
    if isinstance(expression, AgeBetween):
        return True
    if isinstance(expression, AllOf):
        return any(_uses_age(part) for part in expression.all)
    if isinstance(expression, AnyOf):
        return any(_uses_age(part) for part in expression.any)
    return False
