"""The assessment: red flags first, then the differential, then the factors a runner can change."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

from runknee.engine.case import Case, State
from runknee.engine.findings import ResolvedFindings, resolve_findings
from runknee.engine.logic import evaluate
from runknee.engine.result import (
    DISCLAIMER,
    AppliedFactor,
    AssessmentResult,
    FiredRule,
    UrgencyAdvice,
)
from runknee.engine.scoring import (
    PRIOR_SELECTOR,
    log_scores,
    normalise,
    posterior,
    present_log_ratios,
    rank_conditions,
)
from runknee.engine.triage import Triage, evaluate_rules
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.expressions import expression_findings
from runknee.knowledge.models import Urgency

Leading = list[tuple[str, float, Urgency]]  # (condition id, probability, default urgency)

# Warning-sign answers beyond this many are combined in pairs only (and the result is at least
# the emergency department, see assess).
_MAX_EXACT_SUBSETS = 8

# (whether the prior selector is among the yes answers, the other yes answers) -> log scores
_SubsetScores = dict[tuple[bool, tuple[str, ...]], list[float]]


@dataclass(frozen=True)
class Groundwork:
    """What the assessment and the interview's next question both build on, computed once per
    case: the resolved answers, the triage rules, the differential and the urgency rankings."""

    resolved: ResolvedFindings
    triage: Triage
    probabilities: list[float]  # per condition, in knowledge-base order
    rankings: list[Leading]  # see :func:`urgency_rankings`


def groundwork(kb: KnowledgeBase, case: Case) -> Groundwork:
    """Resolve, triage and score one case (the shared first half of every engine answer)."""
    resolved = resolve_findings(kb, case)
    probabilities = posterior(kb, case, resolved)
    rankings = urgency_rankings(kb, case, resolved, probabilities)
    return Groundwork(resolved, evaluate_rules(kb, case, resolved), probabilities, rankings)


def assess(kb: KnowledgeBase, case: Case, ground: Groundwork | None = None) -> AssessmentResult:
    """Assess one case. Pure and deterministic: the same case gives the same result.

    ``ground`` is :func:`groundwork` for this case when the caller has it already.
    """
    if ground is None:
        ground = groundwork(kb, case)
    resolved, triage = ground.resolved, ground.triage
    fired = triage.fired
    ranked = rank_conditions(
        kb, ground.probabilities, resolved.states, kb.settings.max_conditions_shown
    )
    level, reasons = decide_urgency(kb, fired, ground.rankings)
    if _many_warning_signs(kb, resolved) and level.rank < Urgency.emergency.rank:
        # Past the subset cap only pairs are ranked, so a further yes could drop a ranking
        # that a larger group gave; that many warning signs go to the emergency department
        # (no condition's own level is above it, so a yes never lowers the result).
        level, reasons = Urgency.emergency, ["many_warning_signs"]
    # Only a warning sign that could still raise the advice is "not checked yet"; while one
    # is, the advice is never self-care (when unsure, escalate).
    still_open = triage.open_rules(above=level)
    if still_open and level is Urgency.self_care:
        level, reasons = Urgency.consultation, ["open_warning_signs"]
    text = kb.urgency_levels[level]
    return AssessmentResult(
        urgency=level,
        urgency_advice=UrgencyAdvice(
            level=level,
            label=text.label,
            what_to_do=text.what_to_do,
            by_when=text.by_when,
            reasons=reasons,
        ),
        red_flags=fired,
        open_red_flags=still_open,
        conditions=ranked,
        contributing_factors=applicable_factors(kb, case, resolved),
        contradictions=[list(pair) for pair in resolved.contradictions],
        knowledge_version=kb.version,
        disclaimer=DISCLAIMER,
    )


def urgency_rankings(
    kb: KnowledgeBase,
    case: Case,
    resolved: ResolvedFindings,
    shown: list[float] | None = None,
) -> list[Leading]:
    """The rankings that the condition part of urgency looks at.

    The ranking shown to the runner (every answer) counts, and so does the ranking for every
    subset of the warning-sign answers given as yes, added to the other answers. A yes to a
    warning sign therefore never lowers urgency by shifting the differential away from a
    serious condition (adding a yes only adds subsets), while one that points to a serious
    condition, such as pain on hopping to a bone stress injury, is heard even where no rule
    fires yet. ``shown`` is the ranking's probabilities when the caller has them already.
    """
    red_present = sorted(
        red_flag_findings(kb)
        & {fid for fid, state in resolved.states.items() if state is State.present}
    )
    if not red_present:
        return [_top(kb, shown if shown is not None else posterior(kb, case, resolved))]
    base = {fid: st for fid, st in resolved.states.items() if fid not in red_present}
    base_logs = {False: log_scores(kb, case, base)}
    if PRIOR_SELECTOR in red_present:
        base_logs[True] = log_scores(kb, case, {**base, PRIOR_SELECTOR: State.present})
    added = {fid: present_log_ratios(kb, fid) for fid in red_present if fid != PRIOR_SELECTOR}
    # A subset's scores are its prefix's plus its last answer's ratios: the same additions in
    # the same order as summing each subset afresh, so the same numbers, once per prefix.
    scores: _SubsetScores = {(prior, ()): logs for prior, logs in base_logs.items()}
    rankings = []
    for subset in _subsets(red_present):
        key = (PRIOR_SELECTOR in subset, tuple(fid for fid in subset if fid != PRIOR_SELECTOR))
        rankings.append(_top(kb, normalise(_subset_scores(scores, key, added))))
    return rankings


def _subset_scores(
    scores: _SubsetScores, key: tuple[bool, tuple[str, ...]], added: dict[str, tuple[float, ...]]
) -> list[float]:
    """The scores of the subset ``key``: its prefix's (worked out first if need be) plus what
    its last yes adds; remembered in ``scores``."""
    if key not in scores:
        prior, yes = key
        prefix = _subset_scores(scores, (prior, yes[:-1]), added)
        scores[key] = [log + extra for log, extra in zip(prefix, added[yes[-1]], strict=True)]
    return scores[key]


def _many_warning_signs(kb: KnowledgeBase, resolved: ResolvedFindings) -> bool:
    """More warning-sign answers given as yes than :func:`_subsets` ranks in every grouping."""
    present = {fid for fid, state in resolved.states.items() if state is State.present}
    return len(red_flag_findings(kb) & present) > _MAX_EXACT_SUBSETS


def _subsets(items: list[str]) -> list[tuple[str, ...]]:
    """Every subset (the empty one and the whole set included); past a size, pairs only."""
    if len(items) <= _MAX_EXACT_SUBSETS:
        return [c for size in range(len(items) + 1) for c in combinations(items, size)]
    return [(), *combinations(items, 1), *combinations(items, 2), tuple(items)]


def _top(kb: KnowledgeBase, probabilities: list[float]) -> Leading:
    # A stable sort, descending: ties keep the knowledge base's order.
    order = sorted(range(len(probabilities)), key=probabilities.__getitem__, reverse=True)
    leading = _leading_facts(kb)
    return [
        (leading[i][0], probabilities[i], leading[i][1])
        for i in order[: kb.settings.max_conditions_shown]
    ]


@cache
def _leading_facts(kb: KnowledgeBase) -> tuple[tuple[str, Urgency], ...]:
    """Each condition's id and default urgency, in knowledge-base order."""
    return tuple((c.id, c.default_urgency) for c in kb.conditions.values())


@cache
def red_flag_findings(kb: KnowledgeBase) -> frozenset[str]:
    """Every finding that a red triage rule refers to."""
    return frozenset(
        fid for rule in kb.rules if rule.kind == "red" for fid in expression_findings(rule.when)
    )


# Levels at which a likely condition outside the lead still sets the urgency.
_SERIOUS = frozenset(level for level in Urgency if level.rank >= Urgency.consultation_24.rank)


def decide_urgency(
    kb: KnowledgeBase, fired: list[FiredRule], rankings: list[Leading]
) -> tuple[Urgency, list[str]]:
    """The most urgent of: fired rules, the leading condition, and any likely serious condition,
    over every ranking given (see :func:`urgency_rankings`)."""
    candidates: list[tuple[Urgency, str]] = [(rule.urgency, f"rule:{rule.id}") for rule in fired]
    threshold = kb.settings.serious_condition_probability
    for ranked in rankings:
        if ranked:
            candidates.append((ranked[0][2], f"leading_condition:{ranked[0][0]}"))
        for condition_id, probability, default in ranked[1:]:
            if default in _SERIOUS and probability >= threshold:
                candidates.append((default, f"possible_serious_condition:{condition_id}"))
    if not candidates:
        return Urgency.consultation, ["no_information"]
    level = max(candidates, key=lambda pair: pair[0].rank)[0]
    reasons = [reason for urgency, reason in candidates if urgency is level]
    return level, list(dict.fromkeys(reasons))


def applicable_factors(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings
) -> list[AppliedFactor]:
    """Contributing factors whose conditions are met by the answers."""
    truth = {fid: state.value == "present" for fid, state in resolved.states.items()}
    return [
        AppliedFactor(
            id=factor.id,
            name=factor.name,
            why_it_matters=factor.why_it_matters,
            advice=factor.advice,
            evidence_strength=factor.evidence_strength,
            related_conditions=list(factor.related_conditions),
            sources=list(factor.sources),
        )
        for factor in kb.factors
        if evaluate(factor.when, truth.get, case.age_years, case.sex) is True
    ]
