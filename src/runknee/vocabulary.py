"""The words a runner reads for each coded value, in one place.

Every face (web pages, terminal, PDF, FHIR display text) takes its words for an answer, a plan
decision or a pain trend from here, and the urgency labels from ``knowledge/data/urgency.yaml``,
so an edit reaches every face at once. The mappings hold the English, marked with the no-op
``N_`` (they are built at import time); the accessor functions below translate when read, so
faces call those (or ``_()`` on a looked-up value). Each mapping is
complete for its type (``tests/test_vocabulary.py`` checks it). The age and sex questions are
the engine's :data:`runknee.engine.interview.BASIC_QUESTIONS`, re-exported here.
"""

from __future__ import annotations

from typing import Literal

from runknee.choices import Gait, Route, SessionType, Sport, Surface, View
from runknee.engine.advice import rule_label
from runknee.engine.interview import BASIC_QUESTIONS
from runknee.engine.progression import Decision
from runknee.engine.result import AssessmentResult, chance_percent
from runknee.i18n import N_, NP_, _, ngettext, pgettext
from runknee.knowledge.diary_models import EvidenceStrength as DiaryEvidence
from runknee.knowledge.models import EvidenceLevel, EvidenceStrength

Answer = Literal["present", "absent", "unknown", "declined", "female", "male"]
Trend = Literal["too_few", "falling", "steady", "rising"]

ANSWER_WORDS: dict[str, str] = {  # keys: the values of Answer
    "present": N_("Yes"),
    "absent": N_("No"),
    "unknown": N_("I don't know"),
    "declined": N_("Prefer not to say"),
    "female": N_("Female"),
    "male": N_("Male"),
}
"""How a stored answer reads back to the runner (finding states and the basic questions)."""

DECISION_TITLES: dict[Decision, str] = {
    "advance": N_("Moving on"),
    "hold": N_("Staying at this level"),
    "step_back": N_("Going back a step"),
    "pause": N_("Paused: get checked first"),
}
"""A plan decision after a logged session, as a heading."""

DECISIONS_TAKEN: dict[Decision, str] = {
    "advance": N_("Moved on"),
    "hold": N_("Stayed at this level"),
    "step_back": N_("Went back a step"),
    "pause": N_("Paused: get checked first"),
}
"""A logged session's plan decision, in the past tense (the clinician summary)."""

PlanSessionKind = Literal["exercise", "walk_run"]

PLAN_SESSION_WORDS: dict[PlanSessionKind, str] = {
    "exercise": NP_("plan session", "exercise"),
    "walk_run": NP_("plan session", "walk-run"),
}
"""What a logged plan session was, in lower case (it goes inside sentences)."""

TREND_TITLES: dict[Trend, str] = {
    "too_few": N_("Not enough sessions yet"),
    "falling": N_("Going down"),
    "steady": N_("About the same"),
    "rising": N_("Going up"),
}
"""The pain trend over the last sessions, as a short title."""

TREND_SENTENCES: dict[Trend, str] = {
    "too_few": N_("Log three sessions or more to see a trend."),
    "falling": N_("Your pain is going down: well done."),
    "steady": N_("Your pain is about the same as before."),
    "rising": N_("Your pain is going up: stay at this level, and get advice if it keeps rising."),
}
"""The pain trend as a sentence addressed to the runner."""


def answer_words(state: str) -> str:
    """A stored answer as the runner reads it, in the active language (the state itself when
    it has no words)."""
    return _(ANSWER_WORDS[state]) if state in ANSWER_WORDS else state


def decision_title(decision: Decision) -> str:
    """A plan decision as a heading, in the active language."""
    return _(DECISION_TITLES[decision])


def decision_taken(decision: Decision) -> str:
    """A logged session's plan decision in the past tense, in the active language."""
    return _(DECISIONS_TAKEN[decision])


def plan_session_words(kind: str) -> str:
    """What a logged plan session was, in the active language."""
    words = PLAN_SESSION_WORDS.get(kind)  # type: ignore[call-overload]
    return pgettext("plan session", words) if words else kind.replace("_", "-")


def trend_title(trend: Trend) -> str:
    """A pain trend as a short title, in the active language."""
    return _(TREND_TITLES[trend])


def trend_sentence(trend: Trend) -> str:
    """A pain trend as a sentence to the runner, in the active language."""
    return _(TREND_SENTENCES[trend])


def evidence_answer_words(state: str) -> str:
    """An evidence state (present / absent / unknown) as what the runner said."""
    if state == "present":
        return _("you said yes")
    return _("you said no") if state == "absent" else _("you did not know")


def likelihood_words(ratio: float) -> str:
    """How much an answer changes a condition's chance, from its likelihood ratio: the ratio
    itself in words, not a band (no threshold to source)."""
    if ratio >= 1:
        return _("about %(ratio).1f times as likely") % {"ratio": ratio}
    if ratio > 0:
        return _("about %(ratio).1f times less likely") % {"ratio": 1 / ratio}
    return _("rules it out")


def age_words(age_years: int) -> str:
    """An age as the runner reads it ("1 year", "31 years"), in the active language."""
    return ngettext("%(count)s year", "%(count)s years", age_years) % {"count": age_years}


def question_words(field: str) -> str:
    """A basic question (age, sex) in the active language."""
    return _(BASIC_QUESTIONS[field])


def percent_text(probability: float) -> str:
    """The percentage as the runner reads it: "under 1%", "4%", "31%" (the engine's rounding,
    :func:`runknee.engine.result.chance_percent`)."""
    value = chance_percent(probability)
    return _("under 1%") if value < 1 else f"{value}%"


def chance_words(probability: float) -> str:
    """Plain words for a chance, always agreeing with :func:`percent_text` (0.31 reads as
    "about 3 in 10" next to "31%"), in the active language.

    Natural frequencies are easier to read correctly than percentages; the CLI, the web pages
    and the exports all use this wording. From the shown percentage: under 5 is "less than 1 in
    20", 5-7 "about 1 in 20", 8-14 "about 1 in 10", then the nearest tenth ("about 3 in 10"
    for 25-34), and 95 or more "more than 9 in 10".
    """
    value = chance_percent(probability)
    if value < 5:
        return _("less than 1 in 20")
    if value < 8:
        return _("about 1 in 20")
    if value >= 95:
        return _("more than 9 in 10")
    return _("about %(tenths)s in 10") % {"tenths": (value + 5) // 10}


def urgency_reason_words(result: AssessmentResult, condition_names: dict[str, str]) -> list[str]:
    """Why the urgency is what it is, in words (the engine gives coded reasons); the one
    wording for the pages, the terminal and the exports, in the active language."""
    rules = {rule.id: rule.name for rule in result.red_flags}
    words = []
    for reason in result.urgency_advice.reasons:
        kind, _sep, ident = reason.partition(":")
        name = condition_names.get(ident, ident.replace("_", " "))
        if kind == "rule":
            values = {"label": _(rule_label(result, ident))}
            values["rule"] = rules.get(ident, ident.replace("_", " "))
            words.append(_("%(label)s: %(rule)s.") % values)
        elif kind == "leading_condition":
            words.append(
                _("This is the usual advice for the most likely cause (%(condition)s).")
                % {"condition": name}
            )
        elif kind == "possible_serious_condition":
            words.append(
                _("%(condition)s is possible and needs to be ruled out.") % {"condition": name}
            )
        elif kind in REASON_SENTENCES:
            words.append(_(REASON_SENTENCES[kind]))
    return words


REASON_SENTENCES = {
    "open_warning_signs": N_(
        "Some warning signs have not been checked yet, so runknee does not say you can "
        "look after it yourself: answer the questions listed below."
    ),
    "many_warning_signs": N_(
        "You answered yes to many warning signs: together they need to be seen today."
    ),
    "no_information": N_("There were not enough answers to say more, so runknee plays safe."),
}
"""The urgency reasons that need no name, as sentences."""


STRENGTH_WORDS: dict[EvidenceStrength, str] = {
    EvidenceStrength.strong: N_("Strong evidence"),
    EvidenceStrength.moderate: N_("Moderate evidence"),
    EvidenceStrength.limited: N_("Limited evidence"),
    EvidenceStrength.against: N_("Evidence says this does not help"),
}
"""How strong the evidence behind a piece of advice is (a factor, a plan action)."""

SOURCE_CHECK_WORDS: dict[EvidenceLevel, str] = {
    EvidenceLevel.verified: NP_("source check", "verified"),
    EvidenceLevel.secondary: NP_("source check", "secondary"),
    EvidenceLevel.unchecked: NP_("source check", "unchecked"),
    EvidenceLevel.derived: NP_("source check", "derived"),
}
"""How well a source's figures were checked, as the bibliography says it."""

DIARY_EVIDENCE_WORDS: dict[DiaryEvidence, str] = {
    "weak": NP_("diary evidence", "weak"),
    "moderate": NP_("diary evidence", "moderate"),
    "clinical_practice": NP_("diary evidence", "clinical practice"),
    "runners_own_choice": NP_("diary evidence", "runners own choice"),
}
"""How strong the evidence behind a diary flag is ("Evidence: %(level)s.")."""

SPORT_WORDS: dict[Sport, str] = {
    "running": NP_("sport", "running"),
    "walking": NP_("sport", "walking"),
    "hiking": NP_("sport", "hiking"),
    "cycling": NP_("sport", "cycling"),
    "swimming": NP_("sport", "swimming"),
    "rowing": NP_("sport", "rowing"),
    "other": NP_("sport", "other"),
}
"""A diary activity's sport, in lower case (it goes inside sentences)."""

SURFACE_WORDS: dict[Surface, str] = {
    Surface.road: NP_("surface", "road"),
    Surface.trail: NP_("surface", "trail"),
    Surface.track: NP_("surface", "track"),
    Surface.treadmill: NP_("surface", "treadmill"),
    Surface.grass: NP_("surface", "grass"),
}
"""Where a run was done."""

ROUTE_WORDS: dict[Route, str] = {
    Route.flat: NP_("route", "flat"),
    Route.hilly: NP_("route", "hilly"),
    Route.cambered: NP_("route", "cambered"),
}
"""The shape of a run's ground."""

SESSION_TYPE_WORDS: dict[SessionType, str] = {
    SessionType.easy: NP_("session type", "easy"),
    SessionType.long: NP_("session type", "long"),
    SessionType.intervals: NP_("session type", "intervals"),
    SessionType.hills: NP_("session type", "hills"),
    SessionType.race: NP_("session type", "race"),
    SessionType.other: NP_("session type", "other"),
}
"""What kind of session a run was."""

VIEW_WORDS: dict[View, str] = {
    "side": NP_("camera view", "side"),
    "back": NP_("camera view", "back"),
}
"""Where a form check's camera stood ("%(view)s view")."""

GAIT_WORDS: dict[Gait, str] = {
    "running": NP_("gait", "running"),
    "walking": NP_("gait", "walking"),
    "unknown": NP_("gait", "unknown"),
}
"""Whether a form check's clip shows running or walking."""


def strength_words(strength: EvidenceStrength | str) -> str:
    """How strong the evidence behind advice is, in the active language."""
    return _(STRENGTH_WORDS[EvidenceStrength(strength)])


def source_check_words(level: EvidenceLevel | str) -> str:
    """How well a source was checked, in the active language."""
    return pgettext("source check", SOURCE_CHECK_WORDS[EvidenceLevel(level)])


def diary_evidence_words(level: str) -> str:
    """How strong the evidence behind a diary flag is, in the active language (a level it has
    no words for reads as its code, spaced)."""
    words = DIARY_EVIDENCE_WORDS.get(level)  # type: ignore[call-overload]
    return pgettext("diary evidence", words) if words else level.replace("_", " ")


def sport_words(sport: str) -> str:
    """A diary activity's sport in the active language; a sport runknee has no words for
    (kept from an export as its own name) reads as that name, spaced."""
    words = SPORT_WORDS.get(sport)  # type: ignore[call-overload]
    return pgettext("sport", words) if words else sport.replace("_", " ")


def surface_words(surface: Surface | str) -> str:
    """Where a run was done, in the active language."""
    return pgettext("surface", SURFACE_WORDS[Surface(surface)])


def route_words(route: Route | str) -> str:
    """The shape of a run's ground, in the active language."""
    return pgettext("route", ROUTE_WORDS[Route(route)])


def session_type_words(session_type: SessionType | str) -> str:
    """What kind of session a run was, in the active language."""
    return pgettext("session type", SESSION_TYPE_WORDS[SessionType(session_type)])


def view_words(view: View | None) -> str:
    """Where a form check's camera stood, in the active language ("unknown" when not known)."""
    return pgettext("camera view", VIEW_WORDS[view]) if view else _("unknown")


def gait_words(gait: Gait) -> str:
    """Whether a clip shows running or walking, in the active language."""
    return pgettext("gait", GAIT_WORDS[gait])


__all__ = [
    "ANSWER_WORDS",
    "BASIC_QUESTIONS",
    "DECISIONS_TAKEN",
    "DECISION_TITLES",
    "DIARY_EVIDENCE_WORDS",
    "GAIT_WORDS",
    "PLAN_SESSION_WORDS",
    "ROUTE_WORDS",
    "SESSION_TYPE_WORDS",
    "SOURCE_CHECK_WORDS",
    "SPORT_WORDS",
    "STRENGTH_WORDS",
    "SURFACE_WORDS",
    "TREND_SENTENCES",
    "TREND_TITLES",
    "VIEW_WORDS",
    "Answer",
    "PlanSessionKind",
    "Trend",
    "answer_words",
    "chance_words",
    "decision_taken",
    "decision_title",
    "diary_evidence_words",
    "evidence_answer_words",
    "gait_words",
    "likelihood_words",
    "percent_text",
    "plan_session_words",
    "question_words",
    "route_words",
    "session_type_words",
    "source_check_words",
    "sport_words",
    "strength_words",
    "surface_words",
    "trend_sentence",
    "trend_title",
    "urgency_reason_words",
    "view_words",
]
