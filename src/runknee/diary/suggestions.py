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
from runknee.i18n import N_, NN_, Message

RECENT_DAYS = 28  # "recently", as the interview's training questions ask
BEFORE_DAYS = 56  # what counts as usual before that


class DiarySuggestion(BaseModel):
    """One finding the diary supports."""

    model_config = ConfigDict(frozen=True)

    finding_id: str = Field(description="A knowledge-base finding id, e.g. load_spike.")
    reason: str = Field(description="Why, in English (``reason_i18n`` is the same sentence).")
    reason_i18n: Message | None = Field(
        default=None, description="The reason as a sentence to translate and its values."
    )
    # Tuples: the store's read cache hands the same object to every caller.
    activity_ids: tuple[str, ...] = Field(default_factory=tuple, description="The runs behind it.")
    pain_dates: tuple[date, ...] = Field(
        default_factory=tuple, description="The pain entries behind it."
    )


def _suggestion(finding_id: str, reason: Message, **behind: Sequence[object]) -> DiarySuggestion:
    return DiarySuggestion.model_validate(
        {"finding_id": finding_id, "reason": reason.english, "reason_i18n": reason, **behind}
    )


def suggest_findings(
    activities: Sequence[StoredActivity],
    pain: Sequence[PainEntry],
    shoes: Sequence[StoredShoe],
    as_of: date,
    distance_jump: float,
    long_run_step: float,
    stiffness_min: int,
) -> list[DiarySuggestion]:
    """Findings supported by the last four weeks against the eight before (runs only). The
    thresholds are the diary rules' (``diary.yaml``: ``weekly_distance_jump``,
    ``long_run_spike``, and ``see_someone`` for morning stiffness), each with its source."""
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
    found += _pain_signs([p for p in pain if start <= p.entry_date <= as_of], stiffness_min)
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
            reason = Message.of(
                N_("The week of %(week)s: %(km).1f km, after %(km_before).1f km the week before."),
                week=week.week_start.isoformat(),
                km=week.run_distance_m / 1000,
                km_before=before.run_distance_m / 1000,
            )
            return [_suggestion("load_spike", reason, activity_ids=ids)]
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
    reason = Message.of(
        N_("%(km).1f km on %(day)s, beyond the %(longest_km).1f km longest of the month before."),
        km=(run.distance_m or 0) / 1000,
        day=run.local_date.isoformat(),
        longest_km=longest / 1000,
    )
    return [_suggestion("new_long_run", reason, activity_ids=[run.id])]


def _new_shoes(
    recent: Sequence[StoredActivity], before: Sequence[StoredActivity], shoes: Sequence[StoredShoe]
) -> list[DiarySuggestion]:
    earlier = {a.shoe_id for a in before}
    names = {shoe.id: shoe.name for shoe in shoes}
    new = [a for a in recent if a.shoe_id and a.shoe_id not in earlier]
    if not new or not before:
        return []
    pairs = sorted({names[a.shoe_id] for a in new if a.shoe_id in names})
    if pairs:
        sentence = N_("Runs in %(shoes)s, not worn in the two months before.")
        reason = Message.of(sentence, shoes=", ".join(pairs))
    else:  # a pair no longer in the list: a whole sentence, not a word inside one
        reason = Message.of(N_("Runs in new shoes, not worn in the two months before."))
    return [_suggestion("new_shoes", reason, activity_ids=[a.id for a in new])]


_NEW_KINDS: list[tuple[str, tuple[str, str], Callable[[StoredActivity], bool]]] = [
    (
        "new_hills",
        NN_(
            "%(count)s run with hill sessions or hilly routes in the last four weeks, none in "
            "the two months before.",
            "%(count)s runs with hill sessions or hilly routes in the last four weeks, none in "
            "the two months before.",
        ),
        lambda a: a.session_type == "hills" or a.route == "hilly",
    ),
    (
        "new_speed_work",
        NN_(
            "%(count)s run with interval sessions in the last four weeks, none in the two "
            "months before.",
            "%(count)s runs with interval sessions in the last four weeks, none in the two "
            "months before.",
        ),
        lambda a: a.session_type == "intervals",
    ),
    (
        "surface_change",
        NN_(
            "%(count)s run with cambered routes, track or trail running in the last four weeks, "
            "none in the two months before.",
            "%(count)s runs with cambered routes, track or trail running in the last four weeks, "
            "none in the two months before.",
        ),
        lambda a: a.route == "cambered" or a.surface in ("track", "trail"),
    ),
]
"""Each kind of run new in the last four weeks: its finding, the sentence, which runs count."""


def _new_kind(
    finding_id: str,
    sentence: tuple[str, str],
    recent: Sequence[StoredActivity],
    before: Sequence[StoredActivity],
    test: Callable[[StoredActivity], bool],
) -> list[DiarySuggestion]:
    new = [a for a in recent if test(a)]
    if not new or any(test(a) for a in before) or not before:
        return []
    reason = Message.of(sentence, count_key="count", count=len(new))
    return [_suggestion(finding_id, reason, activity_ids=[a.id for a in new])]


_PAIN_SIGNS: list[tuple[str, tuple[str, str], Callable[[PainEntry, int], bool]]] = [
    (
        "pain_at_rest",
        NN_(
            "You noted pain on days without running on %(count)s day in the last four weeks.",
            "You noted pain on days without running on %(count)s days in the last four weeks.",
        ),
        lambda p, _minutes: p.rest_day_pain,
    ),
    (
        "night_pain",
        NN_(
            "You noted pain at night on %(count)s day in the last four weeks.",
            "You noted pain at night on %(count)s days in the last four weeks.",
        ),
        lambda p, _minutes: p.night_pain,
    ),
    (
        "swelling",
        NN_(
            "You noted swelling on %(count)s day in the last four weeks.",
            "You noted swelling on %(count)s days in the last four weeks.",
        ),
        lambda p, _minutes: p.swelling,
    ),
    (
        "morning_stiffness_long",
        NN_(
            "You noted morning stiffness over %(minutes)s minutes on %(count)s day in the last "
            "four weeks.",
            "You noted morning stiffness over %(minutes)s minutes on %(count)s days in the last "
            "four weeks.",
        ),
        lambda p, minutes: (p.morning_stiffness_min or 0) > minutes,
    ),
]
"""Each sign in the pain entries: its finding, the sentence, which entries show it (given the
morning stiffness threshold in minutes)."""


def _pain_signs(entries: Sequence[PainEntry], stiffness_min: int) -> list[DiarySuggestion]:
    found = []
    for finding_id, sentence, test in _PAIN_SIGNS:
        days = [p.entry_date for p in entries if test(p, stiffness_min)]
        if days:
            values = {"minutes": stiffness_min} if "%(minutes)" in sentence[0] else {}
            reason = Message.of(sentence, count_key="count", count=len(days), **values)
            found.append(_suggestion(finding_id, reason, pain_dates=days))
    return found
