"""The sentences of :mod:`runknee.engine.progression` that are more than a fixed line: marked
for the catalogue, returned as :class:`~runknee.i18n.Message` (the faces translate them)."""

from __future__ import annotations

from typing import Literal

from runknee.i18n import N_, Message
from runknee.knowledge.exercise_models import DAYS

Verdict = Literal["ok", "acceptable", "too_much", "not_settled", "creeping", "pending"]


ACCEPTABLE = Message.of(
    N_("Pain was acceptable but above the 'fine' level: repeat this level next time.")
)

# Whole sentences (marked for the catalogue; the faces translate the stored reason when shown).
_STEP_BACK = {
    ("too_much", "phase"): N_(
        "Pain went above the acceptable level: go back one phase and build up again."
    ),
    ("too_much", "stage"): N_(
        "Pain went above the acceptable level: go back one stage and build up again."
    ),
    ("not_settled", "phase"): N_(
        "The knee had not settled by the next morning: go back one phase and build up again."
    ),
    ("not_settled", "stage"): N_(
        "The knee had not settled by the next morning: go back one stage and build up again."
    ),
    ("creeping", "phase"): N_(
        "Pain is creeping up from last week: go back one phase and build up again."
    ),
    ("creeping", "stage"): N_(
        "Pain is creeping up from last week: go back one stage and build up again."
    ),
}


def step_back_reason(verdict: Verdict, unit: Literal["phase", "stage"]) -> Message:
    return Message.of(_STEP_BACK[verdict, unit])


def too_soon(gap_days: int, needed_days: int) -> Message:
    """Two counts in one sentence: each is a counted unit ("2 days"), a message of its own."""
    needed = Message.of(DAYS, count_key="count", count=needed_days)
    if gap_days == 0:
        same_day = N_(
            "Logged, but it does not count towards moving on: it came the same day as your last "
            "exercise session, and this phase asks for at least %(needed)s between sessions so "
            "the knee can recover."
        )
        return Message.of(same_day, needed=needed)
    later = N_(
        "Logged, but it does not count towards moving on: it came %(gap)s after your last "
        "exercise session, and this phase asks for at least %(needed)s between sessions so the "
        "knee can recover."
    )
    return Message.of(later, gap=Message.of(DAYS, count_key="count", count=gap_days), needed=needed)
