"""Rules as alternatives: which answers could still fire a triage rule, and how surely it fired.

A rule's ``when`` expression is expanded once into disjunctive normal form: a list of *terms*,
each a set of conditions that together fire the rule (the Ottawa knee rule becomes "injury and
age 55+", "injury and tender kneecap", ...). With the answers so far a term is

* **satisfied** when every part holds on definite answers (a yes, a no, an age);
* **satisfied on doubt** when every part holds once "I don't know" answers and contradictions
  are read as yes, the cautious reading (clinical brief section 3);
* **askable** when no part is false and every part still open is a question that applies to
  this runner and has not been answered: asking could still fire the rule for certain.

The interview asks a rule's questions term by term, and a rule is *open* only while it has an
askable term, so a question that can no longer change anything is never asked or listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import product

from runknee.engine.case import Case, State
from runknee.engine.findings import ResolvedFindings, gate_lookup, question_applies, unanswered
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import AgeBetween, AllOf, AnyOf, Expression, FindingIs, RedFlag, SexIs

_MAX_TERMS = 256  # the rules in the knowledge base expand to a few dozen terms at most


@dataclass(frozen=True, slots=True)
class Literal:
    """One part of a term: a finding answered yes (or no), an age range or a sex."""

    finding: str | None = None
    present: bool = True
    age_between: tuple[int, int] | None = None
    sex: str | None = None


Term = tuple[Literal, ...]


def _terms(expression: Expression) -> list[Term]:
    if isinstance(expression, FindingIs):
        return [(Literal(finding=expression.finding, present=expression.state == "present"),)]
    if isinstance(expression, AgeBetween):
        return [(Literal(age_between=expression.age_between),)]
    if isinstance(expression, SexIs):
        return [(Literal(sex=expression.sex),)]
    if isinstance(expression, AnyOf):
        return [term for part in expression.any for term in _terms(part)]
    if isinstance(expression, AllOf):
        combined: list[Term] = [()]
        for part in expression.all:
            combined = [left + right for left, right in product(combined, _terms(part))]
            if len(combined) > _MAX_TERMS:
                raise ValueError("rule expression is too large to expand")
        return combined
    raise TypeError(f"unsupported expression {expression!r}")  # pragma: no cover


@cache
def _all_terms(kb: KnowledgeBase) -> dict[str, tuple[Term, ...]]:
    return {rule.id: tuple(dict.fromkeys(_terms(rule.when))) for rule in kb.rules}


def rule_terms(kb: KnowledgeBase, rule: RedFlag) -> tuple[Term, ...]:
    """The rule's terms, in the order its expression lists them (cached per knowledge base)."""
    return _all_terms(kb)[rule.id]


# A part's value on the answers so far: True, False, "doubt" (an "I don't know" or a
# contradiction, read as yes only by the cautious reading), "ask" (an unanswered question that
# applies, or whose gate is still open) or None (unanswered and cannot be asked now).
PartValue = bool | str | None


class RuleReader:
    """Reads rule terms against one case's answers (build one per assessment step)."""

    def __init__(self, kb: KnowledgeBase, case: Case, resolved: ResolvedFindings) -> None:
        self.kb = kb
        self.case = case
        self.resolved = resolved
        self._applies: Callable[[str], bool | None] = gate_lookup(kb, case, resolved)
        self._doubt = set(resolved.answered_unknown)
        for child, parent in resolved.contradictions:
            self._doubt.update((child, parent))
        self._findings: dict[str, PartValue] = {}

    def part(self, literal: Literal, ask: bool = True) -> PartValue:
        """The value of one part of a term. Without ``ask``, a part that is neither answered
        nor doubtful is None (whether its question applies is not worked out)."""
        if literal.finding is not None:
            value = self._finding(literal.finding) if ask else self._answer(literal.finding)
            if value is True or value is False:
                return value is literal.present
            return value
        case = self.case
        if literal.age_between is not None:
            if case.age_years is None:
                return None
            low, high = literal.age_between
            return low <= case.age_years <= high
        return None if case.sex is None else case.sex == literal.sex

    def _answer(self, finding: str) -> PartValue:
        """True / False for a definite yes / no, "doubt", or None when neither."""
        if finding in self._doubt:
            return "doubt"
        state = self.resolved.states.get(finding)
        if state is None or state is State.unknown:
            return None
        return state is State.present

    def _finding(self, finding: str) -> PartValue:
        """Like :meth:`_answer`, but an open finding is "ask" when its question applies now
        (remembered, as terms share their findings)."""
        if finding in self._findings:
            return self._findings[finding]
        value = self._answer(finding)
        if value is None and unanswered(self.kb, self.case, self.resolved, finding):
            applies = question_applies(self.kb, self.case, self._applies, finding)
            value = None if applies is False else "ask"
        self._findings[finding] = value
        return value

    def fires(self, terms: tuple[Term, ...]) -> tuple[bool, list[Term]]:
        """Whether some term is satisfied on definite answers, and the terms satisfied once
        doubtful answers are read as yes (each part is read once for both)."""
        certain = False
        doubtful: list[Term] = []
        doubt, states = self._doubt, self.resolved.states
        for term in terms:
            definite = True
            for literal in term:
                finding = literal.finding
                if finding is None:
                    value = self.part(literal, ask=False)
                elif finding in doubt:
                    value = "doubt"
                else:  # :meth:`part` without ask, inlined: every rule's every term comes here
                    state = states.get(finding)
                    if state is None or state is State.unknown:
                        value = None
                    else:
                        value = (state is State.present) is literal.present
                if value is not True:
                    if value != "doubt":
                        break
                    definite = False
            else:
                doubtful.append(term)
                certain = certain or definite
        return certain, doubtful

    def definite_yes_in(self, term: Term) -> bool:
        """True when some finding in the term is a definite answer that meets it."""
        return any(literal.finding is not None and self.part(literal) is True for literal in term)

    def askable_parts(self, term: Term, beside_doubt: bool = False) -> list[str] | None:
        """The open questions of a term that asking could still complete, or None when the
        term cannot be completed for certain by asking (a part is false, doubtful, or open but
        not askable).

        With ``beside_doubt``, only terms with a doubtful part count, and their open questions
        are those whose answers would fire the rule on doubt *beside a definite answer*, which
        keeps the rule's own level (a "don't know" to swelling, then a fever: a joint infection
        is still possible, so the fever question must be asked)."""
        questions: list[str] = []
        doubtful = False
        for literal in term:
            finding = literal.finding
            if finding is None:
                if self.part(literal) is not True:
                    return None
                continue
            value = self._findings[finding] if finding in self._findings else self._finding(finding)
            if value is True or value is False:
                if value is not literal.present:
                    return None
            elif value == "ask":
                questions.append(finding)
            elif beside_doubt and value == "doubt":
                doubtful = True
            else:
                return None
        if beside_doubt and not doubtful:
            return None
        return questions

    def open_questions(self, rule: RedFlag, beside_doubt: bool = False) -> list[str]:
        """Every question that could still fire ``rule`` for certain (or, with
        ``beside_doubt``, on doubt beside a definite answer), in the rule's order."""
        found: dict[str, None] = {}
        for term in rule_terms(self.kb, rule):
            parts = self.askable_parts(term, beside_doubt)
            if parts:
                found.update(dict.fromkeys(parts))
        return list(found)

    def next_question(self, rule: RedFlag, beside_doubt: bool = False) -> str | None:
        """The question that moves ``rule`` closest to a decision: the first open part of the
        askable term with the fewest open parts (ties: the rule's own order)."""
        best: list[str] | None = None
        for term in rule_terms(self.kb, rule):
            parts = self.askable_parts(term, beside_doubt)
            if parts and (best is None or len(parts) < len(best)):
                best = parts
        return None if best is None else best[0]
