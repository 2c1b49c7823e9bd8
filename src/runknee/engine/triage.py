"""Red and amber triage rules: which fire, which are still open, and the urgency they set.

A finding the runner answered "I don't know", or answered in a contradictory way, counts as
present here: when answers are missing or contradictory on a red-flag question the engine errs
towards the more urgent level (clinical brief section 3; Gilbert 2020 safe-triage definition).
"""

from __future__ import annotations

from runknee.engine.case import Case, State
from runknee.engine.findings import ResolvedFindings, gate_lookup, question_applies
from runknee.engine.logic import Truth, evaluate
from runknee.engine.result import FiredRule, OpenRule
from runknee.knowledge.lint import expression_findings
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.models import AgeBetween, AllOf, AnyOf, Expression, RedFlag


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


def evaluate_rules(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings
) -> tuple[list[FiredRule], list[OpenRule]]:
    """Return the rules that fire (most urgent first) and the red rules still open."""
    truth = conservative_lookup(resolved)
    applies = gate_lookup(kb, case, resolved)
    fired: list[FiredRule] = []
    still_open: list[OpenRule] = []
    for rule in kb.rules:
        outcome = evaluate(rule.when, truth.get, case.age_years, case.sex)
        if outcome is True:
            fired.append(_fired(rule, truth, case))
        elif outcome is None and rule.kind == "red":
            questions = [
                fid
                for fid in dict.fromkeys(expression_findings(rule.when))
                if truth.get(fid) is None and question_applies(kb, case, applies, fid) is not False
            ]
            if questions:  # a rule whose only open questions do not apply is settled
                still_open.append(
                    OpenRule(id=rule.id, name=rule.name, urgency=rule.urgency, questions=questions)
                )
    fired.sort(key=lambda item: -item.urgency.rank)
    return fired, still_open


def _fired(rule: RedFlag, truth: dict[str, Truth], case: Case) -> FiredRule:
    evidence = [fid for fid in dict.fromkeys(expression_findings(rule.when)) if truth.get(fid)]
    if case.age_years is not None and _uses_age(rule.when):
        evidence.append(f"age_years={case.age_years}")
    return FiredRule(
        id=rule.id,
        name=rule.name,
        kind=rule.kind,
        urgency=rule.urgency,
        advice=rule.advice,
        explanation=rule.explanation,
        findings=evidence,
        sources=list(rule.sources),
    )


def _uses_age(expression: Expression) -> bool:
    if isinstance(expression, AgeBetween):
        return True
    if isinstance(expression, AllOf):
        return any(_uses_age(part) for part in expression.all)
    if isinstance(expression, AnyOf):
        return any(_uses_age(part) for part in expression.any)
    return False
