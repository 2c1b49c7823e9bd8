"""The words a runner reads for each coded value, in one place.

Every face (web pages, terminal, PDF, FHIR display text) takes its words for an answer, a plan
decision or a pain trend from here, and the urgency labels from ``knowledge/data/urgency.yaml``,
so an edit reaches every face at once and one catalogue can later be translated. Each mapping is
complete for its type (``tests/test_vocabulary.py`` checks it). The age and sex questions are
the engine's :data:`runknee.engine.interview.BASIC_QUESTIONS`, re-exported here.
"""

from __future__ import annotations

from typing import Literal

from runknee.engine.interview import BASIC_QUESTIONS
from runknee.engine.progression import Decision

Answer = Literal["present", "absent", "unknown", "declined", "female", "male"]
Trend = Literal["too_few", "falling", "steady", "rising"]

ANSWER_WORDS: dict[str, str] = {  # keys: the values of Answer
    "present": "Yes",
    "absent": "No",
    "unknown": "I don't know",
    "declined": "Prefer not to say",
    "female": "Female",
    "male": "Male",
}
"""How a stored answer reads back to the runner (finding states and the basic questions)."""

DECISION_TITLES: dict[Decision, str] = {
    "advance": "Moving on",
    "hold": "Staying at this level",
    "step_back": "Going back a step",
    "pause": "Paused: get checked first",
}
"""A plan decision after a logged session, as a heading."""

TREND_TITLES: dict[Trend, str] = {
    "too_few": "Not enough sessions yet",
    "falling": "Going down",
    "steady": "About the same",
    "rising": "Going up",
}
"""The pain trend over the last sessions, as a short title."""

TREND_SENTENCES: dict[Trend, str] = {
    "too_few": "Log three sessions or more to see a trend.",
    "falling": "Your pain is going down: well done.",
    "steady": "Your pain is about the same as before.",
    "rising": "Your pain is going up: stay at this level, and get advice if it keeps rising.",
}
"""The pain trend as a sentence addressed to the runner."""


def evidence_answer_words(state: str) -> str:
    """An evidence state (present / absent / unknown) as what the runner said."""
    return {"present": "you said yes", "absent": "you said no"}.get(state, "you did not know")


def likelihood_words(ratio: float) -> str:
    """How much an answer changes a condition's chance, from its likelihood ratio: the ratio
    itself in words, not a band (no threshold to source)."""
    if ratio >= 1:
        return f"about {ratio:.1f} times as likely"
    return f"about {1 / ratio:.1f} times less likely" if ratio > 0 else "rules it out"


__all__ = [
    "ANSWER_WORDS",
    "BASIC_QUESTIONS",
    "DECISION_TITLES",
    "TREND_SENTENCES",
    "TREND_TITLES",
    "Answer",
    "Trend",
    "evidence_answer_words",
    "likelihood_words",
]
