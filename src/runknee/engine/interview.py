"""Choosing the next question.

Order:

1. age and sex (they select the priors and some warning-sign rules);
2. the warning-sign screen: for each red rule that asking could still fire for certain and
   that would raise the urgency (most urgent first), the question that brings it closest to a
   decision (see :mod:`runknee.engine.rule_terms`). A yes to an injury therefore leads on to
   the injury questions that decide urgency, and a "don't know" never ends the screen: only
   definite answers settle a rule;
3. the differential (expected information gain), up to its own question limit;
4. what the runner can change: the contributing factors of the likely causes and the
   aggravators that separate the two leading ones, within a small budget;
5. the reasons to see someone (duration, not settling, function), when they could still lift
   the advice from self-care.

The interview never stops while a warning-sign rule that could still change the urgency is
open, and warning-sign questions do not count against the question limit. When it stops it
lists the remaining questions for an optional "tell us more" step.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from runknee.engine.assess import Groundwork, assess, decide_urgency, groundwork, red_flag_findings
from runknee.engine.case import Case
from runknee.engine.findings import (
    ResolvedFindings,
    gate_lookup,
    question_applies,
    unanswered,
)
from runknee.engine.question_choice import differential_step, factor_question, more_questions
from runknee.engine.triage import unsure_urgency
from runknee.i18n import N_, Message
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.expressions import expression_findings
from runknee.knowledge.models import RedFlag, Urgency

Stage = Literal[
    "basics", "urgency_screen", "differential", "factors", "see_someone", "more", "done"
]

BASIC_QUESTIONS: dict[str, str] = {
    "age_years": N_("How old are you?"),
    "sex": N_("What sex were you recorded at birth?"),
}
BASICS_REASON = N_(
    "Age and sex change which knee problems are likely and which warning signs apply."
)
FACTOR_REASON = N_("Checking what you could change in your training, shoes or running. %(help)s")


class NextQuestion(BaseModel):
    """The interview's next step."""

    model_config = ConfigDict(frozen=True)

    should_stop: bool
    kind: Literal["age_years", "sex", "finding"] | None = None
    id: str | None = None
    text: str | None = None
    reason: str = Field(description="Why it is asked, in English (``reason_i18n`` to translate).")
    reason_i18n: Message | None = Field(
        default=None,
        description="The reason as a sentence to translate and its values (none when it is the "
        "question's own help text, from the knowledge base).",
    )
    stage: Stage
    expected_information_gain_bits: float | None = None
    questions_answered: int
    more_questions: list[str] = Field(
        default_factory=list,
        description="When stopping: questions the runner may still answer to refine the result.",
    )


def answered_count(case: Case) -> int:
    """How many questions the runner has answered so far (including "don't know")."""
    basics = sum(1 for field in BASIC_QUESTIONS if getattr(case, field) is not None)
    return basics + len(case.declined) + len(case.findings)


def next_question(kb: KnowledgeBase, case: Case) -> NextQuestion:
    """Return the next best question for a partial case, or tell the caller to stop."""
    asked = answered_count(case)
    for field, text in BASIC_QUESTIONS.items():
        if getattr(case, field) is None and field not in case.declined:
            return NextQuestion(
                should_stop=False,
                kind="age_years" if field == "age_years" else "sex",
                id=field,
                text=text,
                stage="basics",
                reason=BASICS_REASON,
                reason_i18n=Message.of(BASICS_REASON),
                questions_answered=asked,
            )
    # Triage and the differential are computed once and serve every stage below.
    ground = groundwork(kb, case)
    resolved = ground.resolved
    screen = _rule_question(kb, case, ground, "red", screen_level(kb, ground))
    if screen is not None:
        why = N_("Checking a warning sign (%(sign)s). %(help)s")
        return _finding_step(kb, screen[0], "urgency_screen", asked, why, sign=screen[1])
    step = differential_step(kb, case, resolved, red_flag_findings(kb), ground.probabilities)
    if step.finding_id is not None:
        return _finding_step(kb, step.finding_id, "differential", asked, None, step.gain_bits)
    result = assess(kb, case, ground)
    factor = factor_question(kb, case, resolved, result)
    if factor is not None:
        return _finding_step(kb, factor, "factors", asked, FACTOR_REASON)
    amber = _rule_question(kb, case, ground, "amber", result.urgency)
    if amber is not None:
        why = N_("Checking whether you should see someone (%(sign)s). %(help)s")
        return _finding_step(kb, amber[0], "see_someone", asked, why, sign=amber[1])
    return NextQuestion(
        should_stop=True,
        stage="done",
        reason=step.reason.english,
        reason_i18n=step.reason,
        questions_answered=asked,
        more_questions=more_questions(kb, case, resolved),
    )


def _finding_step(
    kb: KnowledgeBase,
    finding_id: str,
    stage: Stage,
    asked: int,
    why: str | None,
    gain_bits: float | None = None,
    **values: str,
) -> NextQuestion:
    """A question about a finding; ``why`` (with a ``%(help)s`` placeholder for the finding's
    help text) says why it is asked, or none: the help text alone."""
    finding = kb.findings[finding_id]
    reason = Message.of(why, help=finding.help, **values) if why else None
    return NextQuestion(
        should_stop=False,
        kind="finding",
        id=finding_id,
        text=finding.question,
        stage=stage,
        questions_answered=asked,
        reason=reason.english.strip() if reason else finding.help.strip(),
        reason_i18n=reason,
        expected_information_gain_bits=gain_bits,
    )


def screen_level(kb: KnowledgeBase, ground: Groundwork) -> Urgency:
    """The urgency that definite answers already call for: rules fired for certain and the
    differential. A rule fired only by "don't know" answers does not end the screen."""
    certain = [rule for rule in ground.triage.fired if not rule.unsure]
    level, _ = decide_urgency(kb, certain, ground.rankings)
    return level


def _rule_question(
    kb: KnowledgeBase, case: Case, ground: Groundwork, kind: str, current: Urgency
) -> tuple[str, str] | None:
    """The next question of a ``kind`` rule that asking could still fire above ``current``:
    for certain, or else on a "don't know" beside a definite answer when that would raise
    the result; most urgent rule first (file order within a level)."""
    rules = [r for r in kb.rules if r.kind == kind and r.urgency.rank > current.rank]
    if not rules:
        return None
    reader, resolved = ground.triage.reader, ground.resolved
    for rule in sorted(rules, key=lambda r: -r.urgency.rank):
        finding_id = reader.next_question(rule)
        if finding_id is None and _doubt_could_raise(ground, rule, current):
            finding_id = reader.next_question(rule, beside_doubt=True)
        if finding_id is not None:
            question = _gate_first(kb, case, resolved, finding_id)
            if question is not None:
                return question, rule.name
    return None


def _doubt_could_raise(ground: Groundwork, rule: RedFlag, current: Urgency) -> bool:
    """True when a yes beside the rule's doubtful answer would raise the result: above
    ``current`` and above every rule fired already (doubtful ones included)."""
    on_doubt = unsure_urgency(rule, beside_a_definite_yes=True)
    fired = max((item.urgency.rank for item in ground.triage.fired), default=current.rank)
    return on_doubt.rank > max(current.rank, fired)


def _gate_first(
    kb: KnowledgeBase, case: Case, resolved: ResolvedFindings, finding_id: str
) -> str | None:
    """The finding itself if it should be asked now; first the question that gates it, if open.

    E.g. "is the kneecap out of place now?" only applies after an injury or a sudden start, so
    those are asked first and the question is skipped when both are no.
    """
    if not unanswered(kb, case, resolved, finding_id):
        return None
    gate = question_applies(kb, case, gate_lookup(kb, case, resolved), finding_id)
    if gate is False:
        return None
    ask_when = kb.findings[finding_id].ask_when
    if gate is None and ask_when is not None:
        for gate_id in dict.fromkeys(expression_findings(ask_when)):
            if gate_id != finding_id:
                first = _gate_first(kb, case, resolved, gate_id)
                if first is not None:
                    return first
    return finding_id
