"""Red and amber triage rules: which fire, which are still open, and the urgency they set.

A rule fires *for certain* when definite answers meet it. A finding the runner answered "I don't
know", or answered in a contradictory way, is read as yes as well (clinical brief section 3;
Gilbert 2020 safe-triage definition): the rule then fires *unsure*, at

* its own level when a definite yes stands beside the doubt (a fall onto the knee, and the
  runner cannot tell whether the kneecap is tender), except that calling an ambulance needs
  every part definite (it drops to the emergency department);
* ``urgency_if_unsure`` when only doubtful answers meet it (a "don't know" to "was there an
  injury?" on its own), the level its evidence supports for a possible sign.

So a doubt errs upwards, but one unknown never calls an ambulance.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from runknee.engine.case import Case, State
from runknee.engine.findings import ResolvedFindings
from runknee.engine.logic import Truth
from runknee.engine.result import FiredRule, OpenRule
from runknee.engine.rule_terms import RuleReader, rule_terms
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.expressions import expression_findings
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


def unsure_urgency(rule: RedFlag, beside_a_definite_yes: bool) -> Urgency:
    """The level a rule sets when it fires only because of "don't know" answers."""
    chosen = rule.urgency_if_unsure
    level = rule.urgency if beside_a_definite_yes or chosen is None else chosen
    # An ambulance needs every part of the rule answered for certain.
    if level is Urgency.emergency_ambulance:
        return Urgency.emergency
    return level


@dataclass(frozen=True)
class Triage:
    """The rules that fired, and what is needed to list the ones still open."""

    fired: list[FiredRule]
    reader: RuleReader
    not_certain: list[RedFlag]  # red rules that have not fired for certain

    def open_rules(self, above: Urgency) -> list[OpenRule]:
        """Red rules that asking could still fire at a level above ``above``: for certain, or
        on a "don't know" beside a definite answer (the rule's own level, never an ambulance)."""
        found = []
        for rule in self.not_certain:
            reach = None
            questions: list[str] = []
            if rule.urgency.rank > above.rank:
                questions = self.reader.open_questions(rule)
                reach = rule.urgency if questions else None
            on_doubt = unsure_urgency(rule, beside_a_definite_yes=True)
            if on_doubt.rank > above.rank:
                more = self.reader.open_questions(rule, beside_doubt=True)
                questions += [question for question in more if question not in questions]
                reach = reach or (on_doubt if more else None)
            if reach is not None:
                found.append(
                    OpenRule(id=rule.id, name=rule.name, urgency=reach, questions=questions)
                )
        return found


def evaluate_rules(kb: KnowledgeBase, case: Case, resolved: ResolvedFindings) -> Triage:
    """The rules that fire (most urgent first), certain or on doubt, and the red rules that
    have not fired for certain."""
    reader = RuleReader(kb, case, resolved)
    truth = conservative_lookup(resolved)
    fired: list[FiredRule] = []
    not_certain: list[RedFlag] = []
    for rule in kb.rules:
        certain, doubtful = reader.fires(rule_terms(kb, rule))
        if certain:
            fired.append(_fired(kb, rule, truth, case, rule.urgency, unsure=False))
        elif doubtful:
            beside = any(reader.definite_yes_in(term) for term in doubtful)
            level = unsure_urgency(rule, beside)
            fired.append(_fired(kb, rule, truth, case, level, unsure=True))
        if rule.kind == "red" and not certain:
            not_certain.append(rule)
    fired.sort(key=lambda item: -item.urgency.rank)
    return Triage(fired, reader, not_certain)


def _fired(
    kb: KnowledgeBase,
    rule: RedFlag,
    truth: dict[str, Truth],
    case: Case,
    level: Urgency,
    unsure: bool,
) -> FiredRule:
    findings, uses_age = _rule_parts(kb)[rule.id]
    evidence = [fid for fid in findings if truth.get(fid)]
    if case.age_years is not None and uses_age:
        evidence.append(f"age_years={case.age_years}")
    return FiredRule(
        id=rule.id,
        name=rule.name,
        kind=rule.kind,
        urgency=level,
        advice=rule.advice,
        explanation=rule.explanation,
        findings=evidence,
        sources=list(rule.sources),
        unsure=unsure,
    )


@cache
def _rule_parts(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Per rule id, the findings the rule names (once each, in order) and whether it looks at
    age (cached per knowledge base)."""
    return {
        rule.id: (tuple(dict.fromkeys(expression_findings(rule.when))), _uses_age(rule.when))
        for rule in kb.rules
    }


def _uses_age(expression: Expression) -> bool:
    if isinstance(expression, AgeBetween):
        return True
    if isinstance(expression, AllOf):
        return any(_uses_age(part) for part in expression.all)
    if isinstance(expression, AnyOf):
        return any(_uses_age(part) for part in expression.any)
    return False
