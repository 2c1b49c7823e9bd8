"""Choosing the next question.

Order: age and sex (they select the priors and some red-flag rules); then the urgency screen
(unanswered screening questions of triage rules that are still open and could raise urgency,
most urgent rule first, and then the other questions of a rule whose screening part points to
it, so that no warning sign is left open); then the question with the largest expected information gain about
the differential. The interview stops when the screen is done and either the leading condition
is likely enough, no question is worth asking, or the question limit is reached.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict

from runknee.engine.assess import assess
from runknee.engine.case import Case, State
from runknee.engine.findings import (
    ResolvedFindings,
    gate_lookup,
    question_applies,
    resolve_findings,
    unanswered,
)
from runknee.engine.logic import Truth, evaluate
from runknee.engine.scoring import (
    PRIOR_SELECTOR,
    Model,
    _prior_vector,
    compile_model,
    posterior_from,
)
from runknee.engine.triage import conservative_lookup
from runknee.knowledge.lint import expression_findings
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.models import Expression, Urgency


class NextQuestion(BaseModel):
    """The interview's next step."""

    model_config = ConfigDict(frozen=True)

    should_stop: bool
    kind: Literal["age_years", "sex", "finding"] | None = None
    id: str | None = None
    text: str | None = None
    reason: str
    stage: Literal["basics", "urgency_screen", "differential", "done"]
    expected_information_gain_bits: float | None = None
    questions_answered: int


def answered_count(case: Case) -> int:
    """How many questions the runner has answered so far (including "don't know")."""
    basics = sum(1 for field in ("age_years", "sex") if getattr(case, field) is not None)
    return basics + len(case.declined) + len(case.findings)


def next_question(kb: KnowledgeBase, case: Case) -> NextQuestion:
    """Return the next best question for a partial case, or tell the caller to stop."""
    asked = answered_count(case)
    for field, text in (
        ("age_years", "How old are you?"),
        ("sex", "What sex were you recorded at birth?"),
    ):
        if getattr(case, field) is None and field not in case.declined:
            return NextQuestion(
                should_stop=False,
                kind=field,
                id=field,
                text=text,
                stage="basics",
                reason="Age and sex change which knee problems are likely and which warning signs apply.",
                questions_answered=asked,
            )
    resolved = resolve_findings(kb, case)
    screen = _screen_question(kb, case, resolved, "red", _fired_rank(kb, case, resolved))
    if screen is None:
        step = _differential_question(kb, case, resolved, asked)
        if not step.should_stop:
            return step
        # Last, the routine-care checks (e.g. pain for over six weeks), when they could still
        # move the advice up from self-care.
        current = assess(kb, case).urgency.rank
        screen = _screen_question(kb, case, resolved, "amber", current)
        if screen is None:
            return step
    finding_id, rule_name = screen
    finding = kb.findings[finding_id]
    return NextQuestion(
        should_stop=False,
        kind="finding",
        id=finding_id,
        text=finding.question,
        stage="urgency_screen",
        questions_answered=asked,
        reason=f"Checking a warning sign ({rule_name}). {finding.help}",
    )


def _fired_rank(kb: KnowledgeBase, case: Case, resolved: ResolvedFindings) -> int:
    """Urgency rank of the rules fired so far ("don't know" counts as yes, as in triage)."""
    truth = conservative_lookup(resolved)
    fired = [
        rule.urgency.rank
        for rule in kb.rules
        if evaluate(rule.when, truth.get, case.age_years, case.sex) is True
    ]
    return max(fired, default=Urgency.self_care.rank)


def _screen_question(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings, kind: str, current: int
) -> tuple[str, str] | None:
    """The next screening question of an open rule of ``kind`` that could raise urgency."""
    if current >= Urgency.emergency.rank:
        return None  # an emergency answer ends the screen: nothing else changes what to do now
    truth = conservative_lookup(resolved)
    rules = [r for r in kb.rules if r.kind == kind and r.urgency.rank > current]
    for rule in sorted(rules, key=lambda r: -r.urgency.rank):  # stable: file order within a level
        if evaluate(rule.when, truth.get, case.age_years, case.sex) is not None:
            continue
        finding_ids = list(dict.fromkeys(expression_findings(rule.when)))
        for finding_id in finding_ids:
            question = _gate_first(kb, case, resolved, finding_id)
            if question is not None:
                return question, rule.name
        question = _completing_question(kb, case, resolved, truth, rule.when, finding_ids)
        if question is not None:
            return question, rule.name
    return None


def _completing_question(
    kb: KnowledgeBase,
    case: Case,
    resolved: ResolvedFindings,
    truth: dict[str, Truth],
    when: Expression,
    finding_ids: list[str],
) -> str | None:
    """A non-screening question that decides a rule whose screening answers point to it.

    E.g. once hopping hurts, the bone-stress rule turns on a recent jump in training, which is
    not asked up front for every runner; left unasked, the warning sign would stay open. Only
    questions whose answer changes the rule's outcome are asked.
    """
    screening = [fid for fid in finding_ids if kb.findings[fid].urgency_screen]
    if not any(truth.get(fid) is True for fid in screening):
        return None  # every screening answer is no: the rule is not worth more questions
    truth = dict(truth)  # questions left unasked are filled in below
    askable: dict[str, str] = {}
    for finding_id in finding_ids:
        if finding_id in truth:
            continue
        question = None
        if finding_id not in screening:  # screening ones left cannot be asked now
            question = _gate_first(kb, case, resolved, finding_id, screening_only=False)
        if question is None:
            truth[finding_id] = False  # not asked: only what can still be asked keeps it open
        else:
            askable[finding_id] = question
    for finding_id, question in askable.items():
        outcomes = {
            evaluate(when, {**truth, finding_id: answer}.get, case.age_years, case.sex)
            for answer in (True, False)
        }
        if len(outcomes) > 1:
            return question
    return None


def _gate_first(
    kb: KnowledgeBase,
    case: Case,
    resolved: ResolvedFindings,
    finding_id: str,
    screening_only: bool = True,
) -> str | None:
    """The finding itself if it should be asked now; first the question that gates it, if open.

    E.g. "is the kneecap out of place now?" only applies after an injury or a sudden start, so
    those are asked first and the question is skipped when both are no.
    """
    finding = kb.findings[finding_id]
    if screening_only and not finding.urgency_screen:
        return None
    if not unanswered(kb, case, resolved, finding_id):
        return None
    gate = question_applies(kb, case, gate_lookup(kb, case, resolved), finding_id)
    if gate is False:
        return None
    if gate is None and finding.ask_when is not None:
        for gate_id in dict.fromkeys(expression_findings(finding.ask_when)):
            if gate_id != finding_id:
                first = _gate_first(kb, case, resolved, gate_id, screening_only)
                if first is not None:
                    return first
    return finding_id


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


def _differential_question(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings, asked: int
) -> NextQuestion:
    model = compile_model(kb)
    prior = _prior_vector(kb, case.age_years, case.sex, resolved.state(PRIOR_SELECTOR))
    current = posterior_from(model, prior, resolved.states)
    settings = kb.settings
    top = max(current)
    if top >= settings.stop_when_top_probability:
        return _stop(
            asked, f"The leading explanation is {top:.0%} likely; more questions add little."
        )
    if asked >= settings.max_questions:
        return _stop(asked, "The question limit has been reached.")
    used = {feature.finding for features in model.features for feature in features}
    applies = gate_lookup(kb, case, resolved)
    candidates = sorted(
        fid
        for fid in used | {PRIOR_SELECTOR}
        if unanswered(kb, case, resolved, fid)
        and question_applies(kb, case, applies, fid) is not False
    )
    if not candidates:
        return _stop(asked, "Every useful question has been answered.")
    gains = information_gains(model, current, candidates)
    if resolved.state(PRIOR_SELECTOR) is State.unknown and PRIOR_SELECTOR in gains:
        gains[PRIOR_SELECTOR] = math.inf  # whether there was an injury decides the prior table
    best = max(candidates, key=lambda fid: (gains[fid], fid))
    if gains[best] < settings.stop_when_information_gain_below_bits:
        return _stop(asked, "No remaining question is expected to change the picture much.")
    finding = kb.findings[best]
    return NextQuestion(
        should_stop=False,
        kind="finding",
        id=best,
        text=finding.question,
        stage="differential",
        reason=finding.help,
        expected_information_gain_bits=None if math.isinf(gains[best]) else round(gains[best], 4),
        questions_answered=asked,
    )


def _stop(asked: int, reason: str) -> NextQuestion:
    return NextQuestion(should_stop=True, stage="done", reason=reason, questions_answered=asked)
