"""Which cause-finding question to ask: the differential, then what the runner can change.

* The differential question is the one with the largest expected information gain about the
  ranked conditions; it stops when the leading condition is likely enough, no question is worth
  asking, or the differential's own question limit is reached (warning-sign questions do not
  count against it).
* Then, once the differential has settled, the questions behind the contributing factors of the
  likely conditions (training changes, shoes, surface, strength work, warm-up, form) and the
  aggravators that best separate the two leading causes, up to a small budget. Without them a
  runner whose story has a changeable cause would hear nothing about it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from runknee.engine.case import Case, State
from runknee.engine.findings import (
    ResolvedFindings,
    gate_lookup,
    question_applies,
    resolve_findings,
    unanswered,
)
from runknee.engine.result import AssessmentResult
from runknee.engine.scoring import (
    PRIOR_SELECTOR,
    Model,
    compile_model,
)
from runknee.i18n import N_, Message
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.expressions import expression_findings
from runknee.knowledge.models import Urgency

_SEPARATING_AGGRAVATORS = 2  # at most this many aggravator questions in the factor stage
_SEPARATION_LOG_RATIO = math.log(2.0)  # twice as common in one leading cause as the other


@dataclass(frozen=True)
class DifferentialStep:
    """The differential's choice: a finding to ask, or why to stop."""

    finding_id: str | None
    reason: Message
    gain_bits: float | None = None


def _entropy(probabilities: list[float]) -> float:
    return -sum(p * math.log2(p) for p in probabilities if p > 0)


def information_gains(
    model: Model, current: list[float], candidates: list[str]
) -> dict[str, float]:
    """Expected entropy reduction (bits) of the differential for each candidate finding.

    In a naive Bayes model one more answer multiplies each condition's probability by
    P(answer | condition), so both possible posteriors follow directly from the current one.
    """
    base = _entropy(current)
    gains: dict[str, float] = {}
    for finding_id in candidates:
        p_given = model.presence[finding_id]
        joint_yes = [prob * p for prob, p in zip(current, p_given, strict=True)]
        p_yes = sum(joint_yes)
        if p_yes <= 0 or p_yes >= 1:
            gains[finding_id] = 0.0
            continue
        yes = [value / p_yes for value in joint_yes]
        no = [(prob - joint) / (1 - p_yes) for prob, joint in zip(current, joint_yes, strict=True)]
        gains[finding_id] = base - p_yes * _entropy(yes) - (1 - p_yes) * _entropy(no)
    return gains


def askable(kb: KnowledgeBase, case: Case, resolved: ResolvedFindings, ids: set[str]) -> list[str]:
    """The findings among ``ids`` that are unanswered and whose question applies, sorted."""
    applies = gate_lookup(kb, case, resolved)
    return sorted(
        fid
        for fid in ids
        if unanswered(kb, case, resolved, fid)
        and question_applies(kb, case, applies, fid) is not False
    )


def differential_questions_asked(kb: KnowledgeBase, case: Case, screen: frozenset[str]) -> int:
    """Answers that count against the differential's limit: every finding answered, except the
    warning-sign questions (``screen``)."""
    return sum(1 for fid in case.findings if fid not in screen)


def differential_step(
    kb: KnowledgeBase,
    case: Case,
    resolved: ResolvedFindings,
    screen: frozenset[str],
    current: list[float],
) -> DifferentialStep:
    """The most informative question about the differential, or why to stop asking;
    ``current`` is the posterior of the resolved answers (the assessment's groundwork)."""
    model = compile_model(kb)
    settings = kb.settings
    top = max(current)
    if top >= settings.stop_when_top_probability:
        leading = N_(
            "The leading explanation is %(percent).0f%% likely; more questions add little."
        )
        return DifferentialStep(None, Message.of(leading, percent=100 * top))
    if differential_questions_asked(kb, case, screen) >= settings.max_questions:
        return DifferentialStep(None, Message.of(N_("The question limit has been reached.")))
    used = {feature.finding for features in model.features for feature in features}
    candidates = askable(kb, case, resolved, used | {PRIOR_SELECTOR})
    if not candidates:
        return DifferentialStep(None, Message.of(N_("Every useful question has been answered.")))
    gains = information_gains(model, current, candidates)
    if resolved.state(PRIOR_SELECTOR) is State.unknown and PRIOR_SELECTOR in gains:
        gains[PRIOR_SELECTOR] = math.inf  # whether there was an injury decides the prior table
    best = max(candidates, key=lambda fid: (gains[fid], fid))
    if gains[best] < settings.stop_when_information_gain_below_bits:
        little = N_("No remaining question is expected to change the picture much.")
        return DifferentialStep(None, Message.of(little))
    gain = None if math.isinf(gains[best]) else round(gains[best], 4)
    return DifferentialStep(best, Message.of(kb.findings[best].help), gain)


def factor_findings(kb: KnowledgeBase, condition_ids: list[str]) -> list[str]:
    """The findings behind the contributing factors that bear on these conditions, one from
    each factor in turn (the knowledge base's factor order), so that a small budget reaches
    every factor before asking a second question about any one of them. Within a factor the
    answer most often yes among runners comes first (the findings' background rates)."""
    wanted = set(condition_ids)
    queues = [
        sorted(
            dict.fromkeys(expression_findings(factor.when)),
            key=lambda fid: -kb.findings[fid].background,
        )
        for factor in kb.factors
        if not factor.related_conditions or wanted & set(factor.related_conditions)
    ]
    found: dict[str, None] = {}
    for depth in range(max((len(q) for q in queues), default=0)):
        found.update(dict.fromkeys(q[depth] for q in queues if depth < len(q)))
    return list(found)


def separating_aggravators(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings, result: AssessmentResult
) -> list[str]:
    """Unasked aggravators that are at least twice as common in one of the two leading causes
    as in the other, most separating first."""
    if len(result.conditions) < 2:
        return []
    model = compile_model(kb)
    first = model.condition_ids.index(result.conditions[0].id)
    second = model.condition_ids.index(result.conditions[1].id)
    aggravators = {fid for fid, f in kb.findings.items() if f.group == "aggravators"}
    scored = []
    for fid in askable(kb, case, resolved, aggravators):
        p = model.presence[fid]
        separation = abs(math.log(p[first] / p[second]))
        if separation >= _SEPARATION_LOG_RATIO:
            scored.append((-separation, fid))
    return [fid for _, fid in sorted(scored)[:_SEPARATING_AGGRAVATORS]]


def factor_question(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings, result: AssessmentResult
) -> str | None:
    """The next question about what the runner can change, within the factor budget.

    Nothing is asked when the advice is to get emergency care: the runner's training can wait.
    """
    if result.urgency.rank >= Urgency.emergency.rank:
        return None
    leading = [condition.id for condition in result.conditions[:3]]
    wanted = factor_findings(kb, leading) + separating_aggravators(kb, case, resolved, result)
    answered = sum(1 for fid in dict.fromkeys(wanted) if fid in case.findings)
    if answered >= kb.settings.max_factor_questions:
        return None
    open_ids = set(askable(kb, case, resolved, set(wanted)))
    return next((fid for fid in wanted if fid in open_ids), None)


def more_questions(kb: KnowledgeBase, case: Case, resolved: ResolvedFindings) -> list[str]:
    """Every remaining question that could still inform the result, grouped by topic (for an
    optional "tell us more" step)."""
    model = compile_model(kb)
    used = {feature.finding for features in model.features for feature in features}
    used |= set(factor_findings(kb, list(kb.conditions)))
    order = {group: index for index, group in enumerate(_GROUP_ORDER)}
    ids = askable(kb, case, resolved, used - {PRIOR_SELECTOR})
    return sorted(ids, key=lambda fid: (order.get(kb.findings[fid].group, 99), fid))


_GROUP_ORDER = (
    "training",
    "aggravators",
    "timing",
    "location",
    "onset",
    "mechanism",
    "swelling",
    "mechanical",
    "self_checks",
    "history",
    "systemic",
)


def factor_questions_left(kb: KnowledgeBase, case: Case) -> list[str]:
    """Questions behind the contributing factors still unanswered and applying to this runner."""
    ids = set(factor_findings(kb, list(kb.conditions)))
    return askable(kb, case, resolve_findings(kb, case), ids)
