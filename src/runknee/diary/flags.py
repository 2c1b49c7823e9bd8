"""Flags drawn from the diary, each with its rule's evidence strength and sources (the rules
and thresholds are data: ``knowledge/data/diary.yaml``). Only recent events are flagged."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from statistics import median

from pydantic import BaseModel, ConfigDict

from runknee.diary.facts import ActivityFacts, PainFacts
from runknee.diary.weeks import ShoeDistance, WeekSummary, longest_run_m
from runknee.knowledge.diary_models import DiaryFlagRule, DiaryRules

RECENT_DAYS = 14  # how far back the diary looks for events to flag (display choice)


class Flag(BaseModel):
    """One flag with what it rests on."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    on_date: date
    message: str
    evidence: str
    evidence_note: str
    sources: list[str]
    see_someone: bool = False


def _flag(rule: DiaryFlagRule, on_date: date, before: Sequence[str] = (), **values: object) -> Flag:
    """The flag of ``rule`` with its sentences' placeholders filled (``before``: whole
    sentences shown ahead of the message, filled with the same values)."""
    sentences = [*before, rule.message]
    return Flag(
        id=rule.id,
        title=rule.title,
        on_date=on_date,
        message=" ".join(" ".join(s.format(**values) for s in sentences).split()),
        evidence=rule.evidence,
        evidence_note=" ".join(rule.evidence_note.split()),
        sources=list(rule.sources),
        see_someone=rule.id == "see_someone",
    )


def _km(distance_m: float) -> float:
    return distance_m / 1000


def weekly_jump(rule: DiaryFlagRule, weeks: Sequence[WeekSummary], as_of: date) -> list[Flag]:
    """This week's or last week's run distance up more than the threshold."""
    flags = []
    for before, week in itertools.pairwise(weeks):
        if (as_of - week.week_start).days >= RECENT_DAYS or week.week_start > as_of:
            continue
        if before.run_distance_m / 1000 < (rule.minimum or 0.0) or before.run_distance_m <= 0:
            continue
        change = round(week.run_distance_m / before.run_distance_m - 1, 6)
        if change > rule.threshold:
            flags.append(
                _flag(
                    rule,
                    week.week_start,
                    change_pct=round(100 * change),
                    this_km=_km(week.run_distance_m),
                    last_km=_km(before.run_distance_m),
                )
            )
    return flags


def long_runs(rule: DiaryFlagRule, activities: Sequence[ActivityFacts], as_of: date) -> list[Flag]:
    """Recent runs longer than the threshold beyond the longest of the window before them."""
    window = rule.window_days or 30
    oldest = as_of - timedelta(days=RECENT_DAYS + window)
    activities = [a for a in activities if a.is_run and a.local_date >= oldest]
    flags = []
    for run in activities:
        day = run.local_date
        if not run.is_run or not run.distance_m or not 0 <= (as_of - day).days < RECENT_DAYS:
            continue
        longest = longest_run_m(activities, day - timedelta(days=window), day - timedelta(days=1))
        if longest > 0 and round(run.distance_m / longest - 1, 6) > rule.threshold:
            flags.append(
                _flag(
                    rule,
                    day,
                    run_km=_km(run.distance_m),
                    run_date=day.isoformat(),
                    change_pct=round(100 * (run.distance_m / longest - 1)),
                    longest_km=_km(longest),
                )
            )
    return flags


def _recent(entries: Sequence[PainFacts], as_of: date) -> list[PainFacts]:
    return [e for e in entries if 0 <= (as_of - e.entry_date).days < RECENT_DAYS]


def pain_during(rule: DiaryFlagRule, entries: Sequence[PainFacts], as_of: date) -> list[Flag]:
    """Pain during a run above the threshold."""
    return [
        _flag(rule, e.entry_date, pain=e.during_0_10, entry_date=e.entry_date.isoformat())
        for e in _recent(entries, as_of)
        if e.during_0_10 is not None and e.during_0_10 > rule.threshold
    ]


def next_morning(rule: DiaryFlagRule, entries: Sequence[PainFacts], as_of: date) -> list[Flag]:
    """Next-morning pain at least the threshold and above the runner's usual."""
    window = rule.window_days or 28
    flags = []
    for entry in _recent(entries, as_of):
        pain = entry.next_morning_0_10
        if pain is None or pain < rule.threshold:
            continue
        earlier = [
            e.next_morning_0_10
            for e in entries
            if e.next_morning_0_10 is not None
            and 0 < (entry.entry_date - e.entry_date).days <= window
        ]
        usual = median(earlier) if earlier else 0
        if pain >= usual + (rule.minimum or 1):
            flags.append(
                _flag(
                    rule,
                    entry.entry_date,
                    pain=pain,
                    usual=usual,
                    entry_date=entry.entry_date.isoformat(),
                )
            )
    return flags


def see_someone(rule: DiaryFlagRule, entries: Sequence[PainFacts], as_of: date) -> list[Flag]:
    """Rest-day or night pain, long morning stiffness or swelling: a sentence for each sign."""
    if rule.signs is None:  # the model requires them for this rule
        return []
    words = rule.signs
    flags = []
    for entry in _recent(entries, as_of):
        minutes = entry.morning_stiffness_min
        signs = [
            sentence
            for sentence, present in (
                (words.rest_day_pain, entry.rest_day_pain),
                (words.night_pain, entry.night_pain),
                (words.swelling, entry.swelling),
                (words.morning_stiffness, (minutes or 0) > rule.threshold),
            )
            if present
        ]
        if signs:
            when = entry.entry_date.isoformat()
            flags.append(_flag(rule, entry.entry_date, signs, entry_date=when, minutes=minutes))
    return flags


def shoes_past_mark(rule: DiaryFlagRule, shoes: Sequence[ShoeDistance], as_of: date) -> list[Flag]:
    """Shoes in use past the km the runner chose."""
    return [
        _flag(rule, as_of, shoe=shoe.name, km=shoe.km, alert_km=shoe.alert_km)
        for shoe in shoes
        if shoe.alert_km and not shoe.retired and shoe.km >= shoe.alert_km * rule.threshold
    ]


def all_flags(
    rules: DiaryRules,
    activities: Sequence[ActivityFacts],
    entries: Sequence[PainFacts],
    weeks: Sequence[WeekSummary],
    shoes: Sequence[ShoeDistance],
    as_of: date,
) -> list[Flag]:
    """Every flag whose rule is in ``rules``, newest first."""
    by_id = {rule.id: rule for rule in rules.flags}
    found: list[Flag] = []
    if rule := by_id.get("weekly_distance_jump"):
        found += weekly_jump(rule, weeks, as_of)
    if rule := by_id.get("long_run_spike"):
        found += long_runs(rule, activities, as_of)
    if rule := by_id.get("pain_during_high"):
        found += pain_during(rule, entries, as_of)
    if rule := by_id.get("next_morning_above_usual"):
        found += next_morning(rule, entries, as_of)
    if rule := by_id.get("see_someone"):
        found += see_someone(rule, entries, as_of)
    if rule := by_id.get("shoes_past_own_mark"):
        found += shoes_past_mark(rule, shoes, as_of)
    return sorted(found, key=lambda flag: flag.on_date, reverse=True)
