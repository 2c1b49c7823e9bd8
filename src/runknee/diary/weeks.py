"""Weekly figures: distance, time, run count, cross-training time, week-over-week change,
longest run, pain, shoe kilometres. Weeks start on Monday (ISO weeks, the runner's local days)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from statistics import fmean

from pydantic import BaseModel, ConfigDict, Field

from runknee.diary.entries import StoredShoe
from runknee.diary.facts import ActivityFacts, PainFacts


class WeekSummary(BaseModel):
    """One ISO week."""

    model_config = ConfigDict(frozen=True)

    week_start: date = Field(description="The Monday.")
    run_distance_m: float
    run_time_s: float
    run_count: int
    cross_training_s: float = Field(description="Time in other sports (load, kept apart).")
    longest_run_m: float
    change_pct: float | None = Field(
        None, description="Run distance against the week before (None when that was 0)."
    )
    pain_mean_0_10: float | None = Field(None, description="Mean of each day's highest pain.")
    pain_days: int = 0


class ShoeDistance(BaseModel):
    """A pair of shoes with the km on them."""

    model_config = ConfigDict(frozen=True)

    shoe_id: str
    name: str
    km: float
    alert_km: float | None
    retired: bool
    runs: int


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def active_time_s(activity: ActivityFacts) -> float:
    """Moving (timer) time when known, else elapsed time."""
    return activity.moving_s if activity.moving_s is not None else activity.duration_s


def day_pain(entry: PainFacts) -> int | None:
    """The highest of an entry's 0-10 scores."""
    values = [
        v for v in (entry.during_0_10, entry.after_0_10, entry.next_morning_0_10) if v is not None
    ]
    return max(values) if values else None


def weekly(
    activities: Sequence[ActivityFacts], pain: Sequence[PainFacts], first: date, last: date
) -> list[WeekSummary]:
    """Every week from ``first``'s to ``last``'s, empty weeks included."""
    runs: dict[date, list[ActivityFacts]] = defaultdict(list)
    other: dict[date, float] = defaultdict(float)
    for activity in activities:
        start = week_start(activity.local_date)
        if activity.is_run:
            runs[start].append(activity)
        else:
            other[start] += active_time_s(activity)
    pains: dict[date, list[int]] = defaultdict(list)
    for entry in pain:
        value = day_pain(entry)
        if value is not None:
            pains[week_start(entry.entry_date)].append(value)
    weeks: list[WeekSummary] = []
    monday = week_start(first)
    while monday <= last:
        weeks.append(_week(monday, runs[monday], other[monday], pains[monday], weeks))
        monday += timedelta(days=7)
    return weeks


def _week(
    monday: date,
    runs: list[ActivityFacts],
    other_s: float,
    pains: list[int],
    before: list[WeekSummary],
) -> WeekSummary:
    distance_m = sum(a.distance_m or 0.0 for a in runs)
    previous = before[-1].run_distance_m if before else 0.0
    return WeekSummary(
        week_start=monday,
        run_distance_m=round(distance_m, 1),
        run_time_s=round(sum(active_time_s(a) for a in runs), 1),
        run_count=len(runs),
        cross_training_s=round(other_s, 1),
        longest_run_m=round(max((a.distance_m or 0.0 for a in runs), default=0.0), 1),
        change_pct=round(100 * (distance_m - previous) / previous, 1) if previous > 0 else None,
        pain_mean_0_10=round(fmean(pains), 1) if pains else None,
        pain_days=len(pains),
    )


def longest_run_m(activities: Iterable[ActivityFacts], since: date, until: date) -> float:
    """The longest run between two local dates, inclusive (0 when none)."""
    return max(
        (a.distance_m or 0.0 for a in activities if a.is_run and since <= a.local_date <= until),
        default=0.0,
    )


def shoe_distances(
    shoes: Sequence[StoredShoe], runs: Iterable[tuple[str | None, float]]
) -> list[ShoeDistance]:
    """Km per pair: the starting km plus the runs (shoe id, distance in m) that wore them."""
    km: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for shoe_id, distance_m in runs:
        if shoe_id:
            km[shoe_id] += distance_m / 1000
            count[shoe_id] += 1
    return [
        ShoeDistance(
            shoe_id=shoe.id,
            name=shoe.name,
            km=round(shoe.start_km + km[shoe.id], 1),
            alert_km=shoe.alert_km,
            retired=shoe.retired,
            runs=count[shoe.id],
        )
        for shoe in shoes
    ]
