"""Plain-language pieces for the plan and exercise pages: decisions, pain verdicts, symptoms.

Pure functions over the facade's models, so the templates stay free of logic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from runknee.api import (
    AllOf,
    AnyOf,
    Expression,
    FindingIs,
    PainRulePlan,
    PlanOverview,
    Runknee,
    StoredSession,
    Urgency,
)

CATEGORY_NAMES = {
    "mobility": "Mobility (comfort only)",
    "hip_strength": "Hip strength",
    "knee_strength": "Knee strength",
    "calf_strength": "Calf strength",
    "tendon_loading": "Tendon loading",
    "balance": "Balance",
    "running_drill": "Running drills",
    "plyometric": "Hopping and bounding",
}


def verdict_words(verdict: str, rule: PainRulePlan) -> str:
    """What the pain rule made of one session, in plain words."""
    ok, acceptable = rule.ok_max_0_10, rule.acceptable_max_0_10
    return {
        "ok": f"Pain stayed at {ok}/10 or less and had settled by the next morning.",
        "acceptable": f"Pain went above {ok}/10 but stayed at {acceptable}/10 or less.",
        "too_much": f"Pain went above {acceptable}/10.",
        "not_settled": "The knee was worse than usual the next morning.",
        "creeping": "Your worst pain this week is higher than last week's.",
        "pending": "How the knee felt the next morning was not logged.",
    }.get(verdict, verdict)


def level_label(api: Runknee, level: Urgency) -> str:
    """An urgency level's label, e.g. 'Book a routine appointment'."""
    return api.urgency_levels[level].label


@dataclass(frozen=True)
class SymptomChoice:
    """A warning sign the runner can tick in the log form, and the finding ids it stands for."""

    value: str
    label: str
    level: Urgency


def symptom_choices(api: Runknee) -> list[SymptomChoice]:
    """One tick box per symptom-based warning sign; ticking it reports what makes it fire."""
    plans = api.plan_library
    if plans is None:
        return []
    return [
        SymptomChoice(",".join(witness(trigger.when)), trigger.symptom, trigger.level)
        for trigger in plans.review_triggers
        if trigger.when is not None and witness(trigger.when)
    ]


def witness(expression: Expression) -> list[str]:
    """The fewest present findings that make ``expression`` true (first branch of each 'any')."""
    if isinstance(expression, FindingIs):
        return [expression.finding] if expression.state == "present" else []
    if isinstance(expression, AnyOf):
        return witness(expression.any[0])
    if isinstance(expression, AllOf):
        found: list[str] = []
        for part in expression.all:
            found.extend(f for f in witness(part) if f not in found)
        return found
    return []


def split_symptoms(values: list[str]) -> list[str]:
    """Tick-box values (comma-separated finding ids) as one list without repeats."""
    found: list[str] = []
    for value in values:
        found.extend(f for f in value.split(",") if f and f not in found)
    return found


def pending_mornings(sessions: list[StoredSession], today: date) -> list[StoredSession]:
    """Recent sessions (up to three days back) still waiting for their next-morning pain,
    newest first: the morning after has come, and the plan cannot move on without it."""
    since = today - timedelta(days=3)
    waiting = [
        s for s in sessions if s.session.pain_next_morning_0_10 is None and since <= s.on < today
    ]
    return sorted(waiting, key=lambda s: (s.on, s.number), reverse=True)[:3]


def rest_note(overview: PlanOverview, today: date) -> str | None:
    """Why an exercise session today would not count (too soon after the last one), or None."""
    phase = overview.phase
    days = [s.on for s in overview.sessions if s.kind == "exercise" and s.on <= today]
    if phase is None or not days:
        return None
    last, needed = max(days), phase.min_days_between_sessions
    gap = (today - last).days
    if gap >= needed:
        return None
    plural = "s" if needed != 1 else ""
    if gap == 0:
        return (
            f"You have logged an exercise session today. This phase asks for at least {needed} "
            f"day{plural} between sessions, so another one today is logged but does not count "
            "towards moving on."
        )
    nxt = last + timedelta(days=needed)
    return (
        f"Your last exercise session was on {last:%A %d %B}. This phase asks for at least "
        f"{needed} day{plural} between sessions so the knee can recover: the next one that "
        f"counts is on {nxt:%A %d %B}. A session today is logged but does not count."
    )
