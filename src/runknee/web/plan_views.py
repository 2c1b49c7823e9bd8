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
from runknee.i18n import N_, _, ngettext
from runknee.web.views import Translated

CATEGORY_NAMES = Translated(
    {
        "mobility": N_("Mobility (comfort only)"),
        "hip_strength": N_("Hip strength"),
        "knee_strength": N_("Knee strength"),
        "calf_strength": N_("Calf strength"),
        "tendon_loading": N_("Tendon loading"),
        "balance": N_("Balance"),
        "running_drill": N_("Running drills"),
        "plyometric": N_("Hopping and bounding"),
    }
)


def verdict_words(verdict: str, rule: PainRulePlan) -> str:
    """What the pain rule made of one session, in plain words."""
    limits = {"ok": rule.ok_max_0_10, "acceptable": rule.acceptable_max_0_10}
    words = {
        "ok": _("Pain stayed at %(ok)s/10 or less and had settled by the next morning."),
        "acceptable": _("Pain went above %(ok)s/10 but stayed at %(acceptable)s/10 or less."),
        "too_much": _("Pain went above %(acceptable)s/10."),
        "not_settled": _("The knee was worse than usual the next morning."),
        "creeping": _("Your worst pain this week is higher than last week's."),
        "pending": _("How the knee felt the next morning was not logged."),
    }
    return words[verdict] % limits if verdict in words else verdict


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
    if gap == 0:
        return ngettext(
            "You have logged an exercise session today. This phase asks for at least %(count)s "
            "day between sessions, so another one today is logged but does not count towards "
            "moving on.",
            "You have logged an exercise session today. This phase asks for at least %(count)s "
            "days between sessions, so another one today is logged but does not count towards "
            "moving on.",
            needed,
        ) % {"count": needed}
    nxt = last + timedelta(days=needed)
    return ngettext(
        "Your last exercise session was on %(last)s. This phase asks for at least %(count)s "
        "day between sessions so the knee can recover: the next one that counts is on "
        "%(next)s. A session today is logged but does not count.",
        "Your last exercise session was on %(last)s. This phase asks for at least %(count)s "
        "days between sessions so the knee can recover: the next one that counts is on "
        "%(next)s. A session today is logged but does not count.",
        needed,
    ) % {"count": needed, "last": f"{last:%A %d %B}", "next": f"{nxt:%A %d %B}"}
