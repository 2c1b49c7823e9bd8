"""Resolve a case's answers into the state of every finding.

Three things happen here, in order:
1. numeric facts fill in derived findings that were not answered (e.g. days since onset >= 42
   sets ``symptoms_over_6_weeks``);
2. implications spread: a present child makes its parent present (a fall is an injury), and an
   absent parent makes its children absent (no injury means no fall);
3. contradictions (a child present while its parent was answered absent) are recorded. The
   present answer wins, because treating the more worrying answer as true is the safe reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from runknee.engine.case import Case, Facts, State
from runknee.engine.logic import evaluate
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import Derivation


@dataclass(frozen=True)
class ResolvedFindings:
    """Every finding's state after derivation and implication."""

    states: dict[str, State]
    answered_unknown: frozenset[str]
    contradictions: tuple[tuple[str, str], ...]

    def state(self, finding_id: str) -> State:
        """The state of one finding (unknown when nothing is known)."""
        return self.states.get(finding_id, State.unknown)


def resolve_findings(kb: KnowledgeBase, case: Case) -> ResolvedFindings:
    """Apply derivations and implications to the case's answers."""
    states: dict[str, State] = {
        fid: st for fid, st in case.findings.items() if st is not State.unknown
    }
    answered_unknown = frozenset(fid for fid, st in case.findings.items() if st is State.unknown)
    derivations, implications = _links(kb)
    for finding_id, rule in derivations:
        if finding_id not in states:
            derived = _derive(rule, case.facts)
            if derived is not None:
                states[finding_id] = derived
    contradictions: list[tuple[str, str]] = []
    changed = True
    while changed:  # implications can chain (child -> parent -> grandparent)
        changed = False
        for child, parent in implications:
            child_state, parent_state = states.get(child), states.get(parent)
            if child_state is State.present and parent_state is not State.present:
                if parent_state is State.absent:
                    contradictions.append((child, parent))
                states[parent] = State.present
                changed = True
            elif parent_state is State.absent and child_state is None:
                states[child] = State.absent
                changed = True
    return ResolvedFindings(states, answered_unknown, tuple(contradictions))


@cache
def _links(
    kb: KnowledgeBase,
) -> tuple[tuple[tuple[str, Derivation], ...], tuple[tuple[str, str], ...]]:
    """The knowledge base's derivations (finding, rule) and implications (child, parent), in
    file order (cached per knowledge base: every assessment walks them)."""
    derivations = tuple((f.id, f.derive) for f in kb.findings.values() if f.derive is not None)
    implications = tuple((f.id, parent) for f in kb.findings.values() for parent in f.implies)
    return derivations, implications


def _derive(rule: Derivation, facts: Facts) -> State | None:
    value = getattr(facts, rule.fact)
    if value is None:
        return None
    meets = (rule.at_least is None or value >= rule.at_least) and (
        rule.below is None or value < rule.below
    )
    return State.present if meets else State.absent


def unanswered(kb: KnowledgeBase, case: Case, resolved: ResolvedFindings, finding_id: str) -> bool:
    """True while nothing (an answer, an implication or a numeric fact) settles the finding."""
    if finding_id in case.findings or finding_id in resolved.states:
        return False
    derive = kb.findings[finding_id].derive
    return derive is None or getattr(case.facts, derive.fact) is None


def gate_lookup(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings
) -> Callable[[str], bool | None]:
    """Answers for deciding whether a question applies (its ``ask_when``).

    A yes is True and a no is False; a question that itself does not apply counts as a no, so
    that "breathless?" is skipped once "calf pain?" was no and "calf swelling?" does not apply.
    """
    present = {fid: state is State.present for fid, state in resolved.states.items()}

    def lookup(finding_id: str) -> bool | None:
        if finding_id in present:
            return present[finding_id]
        gate = kb.findings[finding_id].ask_when
        if gate is not None and evaluate(gate, present.get, case.age_years, case.sex) is False:
            return False
        return None

    return lookup


def question_applies(
    kb: KnowledgeBase, case: Case, lookup: Callable[[str], bool | None], finding_id: str
) -> bool | None:
    """Whether a finding's question applies: True, False, or None while its gate is open."""
    gate = kb.findings[finding_id].ask_when
    if gate is None:
        return True
    return evaluate(gate, lookup, case.age_years, case.sex)
