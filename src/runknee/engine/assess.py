"""The assessment: red flags first, then the differential, then the factors a runner can change."""

from __future__ import annotations

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
from runknee.engine.triage import evaluate_rules
from runknee.knowledge.lint import expression_findings
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.models import Urgency


def assess(kb: KnowledgeBase, case: Case) -> AssessmentResult:
    """Assess one case. Pure and deterministic: the same case gives the same result."""
    resolved = resolve_findings(kb, case)
    triage = evaluate_rules(kb, case, resolved)
    fired = triage.fired
    probabilities = posterior(kb, case, resolved)
    ranked = rank_conditions(kb, probabilities, resolved.states, kb.settings.max_conditions_shown)
    level, reasons = decide_urgency(kb, fired, urgency_rankings(kb, case, resolved, probabilities))
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


Leading = list[tuple[str, float, Urgency]]  # (condition id, probability, default urgency)

# Warning-sign answers beyond this many are combined in pairs only; by then rules have fired.
_MAX_EXACT_SUBSETS = 8


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
    rankings = []
    for subset in _subsets(red_present):
        logs = base_logs[PRIOR_SELECTOR in subset]
        for fid in subset:
            if fid != PRIOR_SELECTOR:
                logs = [log + extra for log, extra in zip(logs, added[fid], strict=True)]
        rankings.append(_top(kb, normalise(logs)))
    return rankings


def _subsets(items: list[str]) -> list[tuple[str, ...]]:
    """Every subset (the empty one and the whole set included); past a size, pairs only."""
    if len(items) <= _MAX_EXACT_SUBSETS:
        return [c for size in range(len(items) + 1) for c in combinations(items, size)]
    return [(), *combinations(items, 1), *combinations(items, 2), tuple(items)]


def _top(kb: KnowledgeBase, probabilities: list[float]) -> Leading:
    order = sorted(zip(probabilities, kb.conditions.values(), strict=True), key=lambda p: -p[0])
    return [
        (condition.id, probability, condition.default_urgency)
        for probability, condition in order[: kb.settings.max_conditions_shown]
    ]


@cache
def red_flag_findings(kb: KnowledgeBase) -> frozenset[str]:
    """Every finding that a red triage rule refers to."""
    return frozenset(
        fid for rule in kb.rules if rule.kind == "red" for fid in expression_findings(rule.when)
    )


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
            if default.rank >= Urgency.consultation_24.rank and probability >= threshold:
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
