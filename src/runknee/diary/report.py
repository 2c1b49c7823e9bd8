"""The diary report: weekly figures, the longest recent run, shoes, the pain trend, pain beside
load, shoes, surface and session type (with the number of runs behind each figure, and no
claim of cause), the descriptive load numbers and the flags. Pure: the date is passed in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from statistics import fmean, median

from pydantic import BaseModel, ConfigDict, Field

from runknee.diary.entries import StoredShoe
from runknee.diary.facts import ActivityFacts, PainFacts
from runknee.diary.flags import Flag, all_flags
from runknee.diary.load import LoadNumbers, load_numbers
from runknee.diary.weeks import (
    ShoeDistance,
    WeekSummary,
    active_time_s,
    day_pain,
    longest_run_m,
    shoe_distances,
    weekly,
)
from runknee.i18n import N_
from runknee.knowledge.diary_models import DiaryRules

COMPARISON_NOTE = N_(  # translated where shown
    "Side by side only: a difference here can come from anything else that changed at the "
    "same time, and small groups vary a lot by chance."
)


class PainGroup(BaseModel):
    """Mean pain (the day's highest score) over the runs or weeks in one group."""

    model_config = ConfigDict(frozen=True)

    factor: str = Field(description="shoes, surface, session_type or weekly_distance.")
    group: str
    mean_pain_0_10: float
    count: int = Field(description="Runs (or weeks, for weekly distance) behind the mean.")


class PainTrend(BaseModel):
    """The last 7 days' mean pain against the 7 days before."""

    model_config = ConfigDict(frozen=True)

    last_7_days: float | None
    days_with_pain_entries: int
    previous_7_days: float | None
    previous_days_with_pain_entries: int


class DiaryReport(BaseModel):
    """Everything the diary page and ``diary load`` show."""

    model_config = ConfigDict(frozen=True)

    as_of: date
    weeks: list[WeekSummary]
    longest_run_30_days_m: float
    shoes: list[ShoeDistance]
    pain_trend: PainTrend
    pain_beside: list[PainGroup]
    comparison_note: str = COMPARISON_NOTE
    load: LoadNumbers
    flags: list[Flag]
    standing_note: str


def build_report(
    rules: DiaryRules,
    activities: Sequence[ActivityFacts],
    pain: Sequence[PainFacts],
    shoes: Sequence[StoredShoe],
    as_of: date,
    weeks_shown: int = 12,
) -> DiaryReport:
    """The report for the weeks up to ``as_of`` (later entries are ignored)."""
    activities = [a for a in activities if a.local_date <= as_of]
    pain = [p for p in pain if p.entry_date <= as_of]
    first_shown = as_of - timedelta(weeks=weeks_shown - 1)
    all_weeks = weekly(activities, pain, first_shown - timedelta(weeks=1), as_of)[1:]
    shoe_km = shoe_distances(
        shoes, ((a.shoe_id, a.distance_m or 0.0) for a in activities if a.is_run)
    )
    km_by_day: dict[date, float] = defaultdict(float)
    for run in activities:
        if run.is_run:
            km_by_day[run.local_date] += (run.distance_m or 0.0) / 1000
    first_day = min((a.local_date for a in activities), default=None)
    return DiaryReport(
        as_of=as_of,
        weeks=all_weeks,
        longest_run_30_days_m=longest_run_m(activities, as_of - timedelta(days=29), as_of),
        shoes=shoe_km,
        pain_trend=pain_trend(pain, as_of),
        pain_beside=pain_beside(activities, pain, shoes),
        load=load_numbers(km_by_day, first_day, as_of, rules.load),
        flags=all_flags(rules, activities, pain, all_weeks, shoe_km, as_of),
        standing_note=" ".join(rules.standing_note.split()),
    )


def pain_trend(pain: Sequence[PainFacts], as_of: date) -> PainTrend:
    """Mean of each day's highest pain, this week (7 days) and the 7 days before."""
    recent = [
        v for e in pain if 0 <= (as_of - e.entry_date).days < 7 and (v := day_pain(e)) is not None
    ]
    before = [
        v for e in pain if 7 <= (as_of - e.entry_date).days < 14 and (v := day_pain(e)) is not None
    ]
    return PainTrend(
        last_7_days=round(fmean(recent), 1) if recent else None,
        days_with_pain_entries=len(recent),
        previous_7_days=round(fmean(before), 1) if before else None,
        previous_days_with_pain_entries=len(before),
    )


def pain_beside(
    activities: Sequence[ActivityFacts], pain: Sequence[PainFacts], shoes: Sequence[StoredShoe]
) -> list[PainGroup]:
    """Mean pain on run days, grouped by shoes, surface and session type, and by week size."""
    pain_by_day: dict[date, float] = {}
    for entry in pain:
        value = day_pain(entry)
        if value is not None:
            pain_by_day[entry.entry_date] = max(value, pain_by_day.get(entry.entry_date, 0))
    runs = [a for a in activities if a.is_run and a.local_date in pain_by_day]
    names = {shoe.id: shoe.name for shoe in shoes}
    groups: list[PainGroup] = []
    keys: list[tuple[str, Callable[[ActivityFacts], str | None]]] = [
        ("shoes", lambda a: names.get(a.shoe_id or "")),
        ("surface", lambda a: str(a.surface) if a.surface else None),
        ("session_type", lambda a: str(a.session_type) if a.session_type else None),
    ]
    for factor, key in keys:
        groups += _grouped(factor, [(key(run), pain_by_day[run.local_date]) for run in runs])
    return groups + _by_week_size(activities, pain_by_day)


def _grouped(factor: str, pairs: list[tuple[str | None, float]]) -> list[PainGroup]:
    values: dict[str, list[float]] = defaultdict(list)
    for group, value in pairs:
        if group:
            values[group].append(value)
    return [
        PainGroup(factor=factor, group=group, mean_pain_0_10=round(fmean(v), 1), count=len(v))
        for group, v in sorted(values.items())
    ]


def _by_week_size(
    activities: Sequence[ActivityFacts], pain_by_day: dict[date, float]
) -> list[PainGroup]:
    """Weeks above the runner's median weekly km against the rest (weeks with pain entries)."""
    week_km: dict[date, float] = defaultdict(float)
    for run in activities:
        if run.is_run:
            week_km[run.local_date - timedelta(days=run.local_date.weekday())] += (
                run.distance_m or 0
            ) / 1000
    week_pain: dict[date, list[float]] = defaultdict(list)
    for day, value in pain_by_day.items():
        week_pain[day - timedelta(days=day.weekday())].append(value)
    weeks = [w for w in week_pain if w in week_km]
    if len(weeks) < 2:
        return []
    middle = median(week_km[w] for w in weeks)
    pairs = [
        (
            "above your median week" if week_km[w] > middle else "at or below your median week",
            fmean(week_pain[w]),
        )
        for w in weeks
    ]
    values: dict[str, list[float]] = defaultdict(list)
    for group, value in pairs:
        values[group].append(value)
    return [
        PainGroup(
            factor="weekly_distance", group=g, mean_pain_0_10=round(fmean(v), 1), count=len(v)
        )
        for g, v in sorted(values.items())
    ]


def run_minutes(activity: ActivityFacts) -> float:
    """Active minutes of an activity (for lists)."""
    return active_time_s(activity) / 60
