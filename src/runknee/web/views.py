"""Plain-language pieces the page templates use: answers, chances, evidence and sources.

Pure functions over the facade's models, so the templates stay free of logic.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from runknee.api import (
    BASIC_QUESTIONS,
    MAX_AGE_YEARS,
    MIN_AGE_YEARS,
    AssessmentResult,
    Case,
    Evidence,
    Finding,
    FiredRule,
    OpenRule,
    RuleWords,
    Runknee,
    Source,
    Step,
    Urgency,
    age_words,
    citations,
    evidence_answer_words,
    percent_text,
    question_words,
    rule_groups,
    urgency_reason_words,
)
from runknee.api import answer_words as vocabulary_answer_words
from runknee.api import chance_words as chance_words  # used by the templates
from runknee.errors import NotFoundError
from runknee.i18n import N_, _

K = TypeVar("K")


class Translated(Mapping[K, str]):
    """A table of sentences marked with ``N_``, read in the active language: the table is made
    at import time, the language is chosen later."""

    def __init__(self, words: Mapping[K, str]) -> None:
        self._words = dict(words)

    def __getitem__(self, key: K) -> str:
        return _(self._words[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


EMERGENCY_LEVELS = (Urgency.emergency, Urgency.emergency_ambulance)

STAGE_LABELS = Translated(
    {
        "basics": N_("About you"),
        "urgency_screen": N_("Warning signs"),
        "differential": N_("Your symptoms"),
        "factors": N_("What you could change"),
        "see_someone": N_("Whether to see someone"),
        "more": N_("Tell us more"),
        "done": N_("Finished"),
    }
)

AGE_BOUNDS = (MIN_AGE_YEARS, MAX_AGE_YEARS)  # the one place the case model sets them
BASICS_REASON = N_(
    "Age and sex change which knee problems are likely and which warning signs apply."
)

GROUP_WORDS = Translated(
    {
        "training": N_("Your training, shoes and running"),
        "aggravators": N_("What makes it worse"),
        "timing": N_("When it hurts"),
        "location": N_("Where it hurts"),
        "onset": N_("How it started"),
        "mechanism": N_("How it started"),
        "swelling": N_("Swelling"),
        "mechanical": N_("How the knee behaves"),
        "self_checks": N_("Checks you can do yourself"),
        "history": N_("Your history"),
        "systemic": N_("Your general health"),
    }
)


@dataclass(frozen=True)
class HowToCheck:
    """Help for a self-check question: the steps, and a drawing when there is one."""

    text: str
    figure_url: str | None


def _finding(api: Runknee, finding_id: str) -> Finding | None:
    try:
        return api.finding(finding_id)
    except NotFoundError:
        return None


def how_to_check(api: Runknee, finding_id: str | None, show: bool) -> HowToCheck | None:
    """How to check the answer to a self-check question (when asked for, and when it has any)."""
    finding = _finding(api, finding_id or "")
    text = finding.how_to_check if finding is not None else None
    if not show or not text:
        return None
    figure = finding.figure if finding is not None else None
    return HowToCheck(str(text), f"/figures/{figure}.svg" if figure else None)


def more_groups(api: Runknee, finding_ids: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The optional remaining questions as (topic, [(id, question)]) in topic order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for finding_id in finding_ids:
        finding = api.finding(finding_id)
        label = GROUP_WORDS.get(finding.group, finding.group)
        groups.setdefault(label, []).append((finding_id, finding.question))
    return list(groups.items())


def percent(probability: float) -> str:
    """A percentage that agrees with :func:`chance_words` (the one shared rounding)."""
    return percent_text(probability)


def bar_width(probability: float) -> int:
    """Width of a chance bar in percent (at least 1, so a tiny chance still shows)."""
    return max(1, min(100, round(probability * 100)))


def answer_words(step_answer: str | int) -> str:
    """How a stored answer reads back to the runner."""
    if isinstance(step_answer, int) or str(step_answer).isdigit():
        return age_words(int(step_answer))
    return vocabulary_answer_words(str(step_answer))


def state_words(state: str) -> str:
    """An evidence state (present / absent / unknown) as the runner's answer."""
    return evidence_answer_words(state)


def question_text(api: Runknee, finding_id: str) -> str:
    """The question behind a finding id, or the id made readable if there is none."""
    finding = _finding(api, finding_id)
    if finding is not None:
        return finding.question
    if finding_id in BASIC_QUESTIONS:
        return question_words(finding_id)
    return finding_id.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Reason:
    """One answer that moved a condition's chance, in plain words."""

    question: str
    answer: str
    sources: list[str]


def reasons(api: Runknee, evidence: list[Evidence]) -> list[Reason]:
    """Evidence entries as questions and answers a runner recognises."""
    return [
        Reason(question_text(api, item.finding), state_words(item.state), item.sources)
        for item in evidence
    ]


@dataclass(frozen=True)
class FlagView:
    """A fired triage rule with the answers behind it in plain words."""

    rule: FiredRule
    because: list[str]
    from_unknown: bool


def flag_views(api: Runknee, case: Case, rules: list[FiredRule]) -> list[FlagView]:
    """Fired rules, each with the answers that fired it and whether a 'don't know' did.

    The engine lists age for every rule that uses it; age is only named when no answer is.
    """
    words = {"present": _("yes"), "absent": _("no"), "unknown": _("I don\u2019t know")}
    views = []
    for rule in rules:
        because = [
            _("%(question)s \u2013 %(answer)s")
            % {"question": question_text(api, item), "answer": words[case.findings[item].value]}
            for item in rule.findings
            if item in case.findings
        ]
        if not because and case.age_years is not None:
            because.append(_("Your age (%(age)s)") % {"age": case.age_years})
        from_unknown = any(case.findings.get(item) == "unknown" for item in rule.findings)
        views.append(FlagView(rule, because, from_unknown))
    return views


@dataclass(frozen=True)
class FlagGroup:
    """Fired rules under one heading (see :func:`runknee.engine.advice.rule_groups`).

    ``instructions`` is False for the "also noted" group: those rules are less urgent than the
    result, so the page shows what was noticed and why it matters, never their own advice.
    """

    words: RuleWords
    flags: list[FlagView]
    instructions: bool


def flag_groups(api: Runknee, case: Case, result: AssessmentResult) -> list[FlagGroup]:
    """The fired rules grouped as warning signs, reasons to see someone and also noted."""
    return [
        FlagGroup(group.words, flag_views(api, case, group.rules), group.instructions)
        for group in rule_groups(result)
    ]


@dataclass(frozen=True)
class OpenSign:
    """A warning sign not yet checked, with the questions (in words) that would settle it."""

    rule: OpenRule
    questions: list[str]


def open_signs(api: Runknee, result: AssessmentResult) -> list[OpenSign]:
    """The result's open warning-sign rules, each with its remaining questions as text."""
    return [
        OpenSign(rule, list(dict.fromkeys(question_text(api, q) for q in rule.questions)))
        for rule in result.open_red_flags
    ]


def training_questions_left(api: Runknee, case: Case) -> int:
    """How many questions behind "things you can change" are still unanswered (so the page
    offers them rather than saying that no training habit was found)."""
    return len(api.training_questions_left(case))


def is_limited(result: AssessmentResult) -> bool:
    """True when the result says to be seen sooner than a routine appointment."""
    return result.urgency.rank > Urgency.consultation.rank


def is_emergency(result: AssessmentResult) -> bool:
    """True when the result says to get emergency help now or today."""
    return result.urgency in EMERGENCY_LEVELS


def urgency_reasons(api: Runknee, result: AssessmentResult) -> list[str]:
    """Why the urgency is what it is, in plain words (the engine gives coded reasons)."""
    names = {condition.id: lower_first(condition.lay_name) for condition in api.conditions()}
    return urgency_reason_words(result, names)


def source_label(source: Source) -> str:
    """A short citation such as 'Stiell et al. (1996)' (see :mod:`runknee.knowledge.citations`)."""
    return citations.short_citation(source)


def source_link(source: Source) -> str | None:
    """The DOI as a link, else the URL, else nothing."""
    if source.doi:
        return f"https://doi.org/{source.doi}"
    return source.url


def progress_total(api: Runknee, answered: int) -> int:
    """An honest upper estimate of how many questions the interview will ask in all.

    The engine stops adaptively, usually well before its limits: the two basics, the
    differential's limit, the questions about training and a typical warning-sign screen
    (:data:`TYPICAL_SCREEN_QUESTIONS`, which does not count against the limit). The estimate
    never falls below the current question number.
    """
    settings = api.settings
    limit = 2 + settings.max_questions + settings.max_factor_questions + TYPICAL_SCREEN_QUESTIONS
    return max(limit, answered + 1)


TYPICAL_SCREEN_QUESTIONS = 12
"""The warning-sign screen's mean length over the evaluation sets, answering "no" where a case
is silent; ``tests/clinical/test_interview_length.py`` measures it and fails when it drifts more
than 1.5 questions from this figure.
The knowledge gives only the screen's longest possible length (every screening question), far
above what a runner is asked, so the figure is measured rather than computed."""


def step_rows(steps: list[Step]) -> list[tuple[str, str, str]]:
    """(question id, question text, answer words) for the answers summary."""
    return [(step.question_id, step.text, answer_words(step.answer)) for step in steps]


def case_rows(api: Runknee, case: Case) -> list[tuple[str, str]]:
    """(question, answer) pairs for a saved case, in a stable order."""
    rows = []
    if case.age_years is not None:
        rows.append((question_words("age_years"), age_words(case.age_years)))
    if case.sex is not None:
        rows.append((question_words("sex"), vocabulary_answer_words(case.sex)))
    rows.extend(
        (question_words(field), vocabulary_answer_words("declined")) for field in case.declined
    )
    for finding_id, state in case.findings.items():
        rows.append((question_text(api, finding_id), answer_words(state.value)))
    return rows


def local_time(moment: datetime) -> str:
    """A saved time in this computer's time zone, e.g. '3 May 2026, 14:05'."""
    local = moment.astimezone()
    return f"{local.day} {local:%B %Y, %H:%M}"


def lower_first(text: str) -> str:
    """Lower-case the first letter, to use a label mid-sentence."""
    return text[:1].lower() + text[1:]


def first_sentence(text: str) -> str:
    """The first sentence of a description, for summaries."""
    head, dot, _rest = text.partition(". ")
    return head + "." if dot else text
