"""Training findings the diary supports, for a new assessment to offer for confirmation: each
names a finding id of the knowledge base, says why, and lists the runs behind it. Nothing is
answered for the runner; they confirm or not. Pure: the date is passed in."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from runknee.diary.entries import PainEntry, StoredActivity, StoredShoe
from runknee.diary.weeks import weekly

RECENT_DAYS = 28  # "recently", as the interview's training questions ask
BEFORE_DAYS = 56  # what counts as usual before that


class DiarySuggestion(BaseModel):
    """One finding the diary supports."""

    model_config = ConfigDict(frozen=True)

    finding_id: str = Field(description="A knowledge-base finding id, e.g. load_spike.")
    reason: str
    # Tuples: the store's read cache hands the same object to every caller.
    activity_ids: tuple[str, ...] = Field(default_factory=tuple, description="The runs behind it.")
    pain_dates: tuple[date, ...] = Field(
        default_factory=tuple, description="The pain entries behind it."
    )


def suggest_findings(
    activities: Sequence[StoredActivity],
    pain: Sequence[PainEntry],
    shoes: Sequence[StoredShoe],
    as_of: date,
    distance_jump: float,
    long_run_step: float,
) -> list[DiarySuggestion]:
    """Findings supported by the last four weeks against the eight before (runs only)."""
    start = as_of - timedelta(days=RECENT_DAYS - 1)
    runs = [a for a in activities if a.is_run and a.local_date <= as_of]
    recent = [a for a in runs if a.local_date >= start]
    before = [a for a in runs if start - timedelta(days=BEFORE_DAYS) <= a.local_date < start]
    found = [
        *_jump(runs, pain, as_of, distance_jump),
        *_long_run(recent, runs, long_run_step),
        *_new_shoes(recent, before, shoes),
    ]
    for finding_id, label, test in _NEW_KINDS:
        found += _new_kind(finding_id, label, recent, before, test)
    found += _pain_signs([p for p in pain if start <= p.entry_date <= as_of])
    return found


def _jump(
    runs: Sequence[StoredActivity], pain: Sequence[PainEntry], as_of: date, jump: float
) -> list[DiarySuggestion]:
    weeks = weekly(runs, pain, as_of - timedelta(days=RECENT_DAYS + 7), as_of)
    for before, week in reversed(list(itertools.pairwise(weeks))):  # the latest jump
        if before.run_distance_m > 0 and week.run_distance_m > before.run_distance_m * (1 + jump):
            ids = [
                a.id
                for a in runs
                if week.week_start <= a.local_date < week.week_start + timedelta(days=7)
            ]
            reason = (
                f"The week of {week.week_start:%d %B}: {week.run_distance_m / 1000:.1f} km, "
                f"after {before.run_distance_m / 1000:.1f} km the week before."
            )
            return [DiarySuggestion(finding_id="load_spike", reason=reason, activity_ids=ids)]
    return []


def _long_run(
    recent: Sequence[StoredActivity], runs: Sequence[StoredActivity], step: float
) -> list[DiarySuggestion]:
    """The recent run furthest beyond the longest of the 30 days before it."""
    best: tuple[float, StoredActivity, float] | None = None
    for run in recent:
        window = [a.distance_m or 0 for a in runs if 0 < (run.local_date - a.local_date).days <= 30]
        longest = max(window, default=0)
        ratio = (run.distance_m or 0) / longest - 1 if longest > 0 else 0.0
        if ratio > step and (best is None or ratio > best[0]):
            best = (ratio, run, longest)
    if best is None:
        return []
    _, run, longest = best
    reason = (
        f"{(run.distance_m or 0) / 1000:.1f} km on {run.local_date:%d %B}, beyond "
        f"the {longest / 1000:.1f} km longest of the month before."
    )
    return [DiarySuggestion(finding_id="new_long_run", reason=reason, activity_ids=[run.id])]


def _new_shoes(
    recent: Sequence[StoredActivity], before: Sequence[StoredActivity], shoes: Sequence[StoredShoe]
) -> list[DiarySuggestion]:
    earlier = {a.shoe_id for a in before}
    names = {shoe.id: shoe.name for shoe in shoes}
    new = [a for a in recent if a.shoe_id and a.shoe_id not in earlier]
    if not new or not before:
        return []
    pairs = sorted({names.get(a.shoe_id or "", "new shoes") for a in new})
    return [
        DiarySuggestion(
            finding_id="new_shoes",
            reason=f"Runs in {', '.join(pairs)}, not worn in the two months before.",
            activity_ids=[a.id for a in new],
        )
    ]


_NEW_KINDS: list[tuple[str, str, Callable[[StoredActivity], bool]]] = [
    (
        "new_hills",
        "hill sessions or hilly routes",
        lambda a: a.session_type == "hills" or a.route == "hilly",
    ),
    ("new_speed_work", "interval sessions", lambda a: a.session_type == "intervals"),
    (
        "surface_change",
        "cambered routes, track or trail running",
        lambda a: a.route == "cambered" or a.surface in ("track", "trail"),
    ),
]


def _new_kind(
    finding_id: str,
    label: str,
    recent: Sequence[StoredActivity],
    before: Sequence[StoredActivity],
    test: Callable[[StoredActivity], bool],
) -> list[DiarySuggestion]:
    new = [a for a in recent if test(a)]
    if not new or any(test(a) for a in before) or not before:
        return []
    return [
        DiarySuggestion(
            finding_id=finding_id,
            reason=f"{len(new)} runs with {label} in the last four weeks, none in the two months before.",
            activity_ids=[a.id for a in new],
        )
    ]


def _pain_signs(entries: Sequence[PainEntry]) -> list[DiarySuggestion]:
    signs: list[tuple[str, str, Callable[[PainEntry], bool]]] = [
        ("pain_at_rest", "pain on days without running", lambda p: p.rest_day_pain),
        ("night_pain", "pain at night", lambda p: p.night_pain),
        ("swelling", "swelling", lambda p: p.swelling),
        (
            "morning_stiffness_long",
            "morning stiffness over 30 minutes",
            lambda p: (p.morning_stiffness_min or 0) > 30,
        ),
    ]
    found = []
    for finding_id, label, test in signs:
        days = [p.entry_date for p in entries if test(p)]
        if days:
            found.append(
                DiarySuggestion(
                    finding_id=finding_id,
                    reason=f"You noted {label} on {len(days)} day(s) in the last four weeks.",
                    pain_dates=days,
                )
            )
    return found
