"""The diary's report and suggested findings from what they read, whoever read it: the diary
service (through the store) or the facade's quick read path (``storage/sqlite_reads.py``).
SQLAlchemy-free."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from runknee.diary.entries import FIRST_DAY, LAST_DAY
from runknee.errors import CaseInputError, FieldError
from runknee.knowledge.base import KnowledgeBase

if TYPE_CHECKING:
    from runknee.diary.entries import StoredActivity, StoredPain, StoredShoe
    from runknee.diary.facts import ActivityRow, PainRow
    from runknee.diary.report import DiaryReport
    from runknee.diary.suggestions import DiarySuggestion

DiaryFacts = tuple["list[ActivityRow]", "list[PainRow]", "list[StoredShoe]"]
"""What a report reads up to its day: activities' and pain entries' analysed fields, shoes."""

DiaryWindow = tuple["list[StoredActivity]", "list[StoredPain]", "list[StoredShoe]"]
"""What the suggestions read: the activities between two days, the pain entries from the first,
and every pair of shoes."""

Remember = Callable[
    [Hashable, Callable[[], "tuple[DiarySuggestion, ...]"]], "tuple[DiarySuggestion, ...]"
]
"""A read cache's ``get(key, compute)``: the store's keeps the answer until the diary changes."""


def check_day(day: date | None, field: str = "as_of") -> None:
    """Raise :class:`CaseInputError` for a day outside the diary's range."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise CaseInputError([FieldError(field, "must be a day between 1900 and 2200")])


def diary_report(
    knowledge: KnowledgeBase,
    as_of: date | None,
    weeks_shown: int,
    today: Callable[[], date],
    facts: Callable[[date], DiaryFacts],
) -> DiaryReport:
    """Weekly figures, load numbers, pain beside training, and flags up to ``as_of`` (default:
    ``today()``), from ``facts(day)``."""
    from runknee.diary.report import build_report

    rules = knowledge.diary
    if rules is None:
        raise CaseInputError([FieldError("diary", "the knowledge base has no diary rules")])
    check_day(as_of)
    day = as_of or today()
    activities, pain, shoes = facts(day)
    return build_report(rules, activities, pain, shoes, day, weeks_shown)


def suggest_findings(
    knowledge: KnowledgeBase,
    as_of: date | None,
    today: Callable[[], date],
    window: Callable[[date, date], DiaryWindow],
    remember: Remember | None = None,
) -> list[DiarySuggestion]:
    """Training findings the diary supports up to ``as_of`` (default: ``today()``), from
    ``window(since, day)``; through ``remember`` when given."""
    check_day(as_of)
    if knowledge.diary is None:  # a knowledge base without diary rules suggests nothing
        return []
    rules = {rule.id: rule for rule in knowledge.diary.flags}
    limits = (
        rules["weekly_distance_jump"].threshold,
        rules["long_run_spike"].threshold,
        int(rules["see_someone"].threshold),
    )  # the schema requires every rule of diary.yaml, each with its evidence
    day = as_of or today()

    def compute() -> tuple[DiarySuggestion, ...]:
        return _suggestions(knowledge, day, limits, window)

    if remember is None:
        return list(compute())
    return list(remember(("diary_suggestions", day, *limits), compute))


def _suggestions(
    knowledge: KnowledgeBase,
    day: date,
    limits: tuple[float, float, int],
    window: Callable[[date, date], DiaryWindow],
) -> tuple[DiarySuggestion, ...]:
    from runknee.diary.suggestions import BEFORE_DAYS, RECENT_DAYS, suggest_findings

    runs, pain, shoes = window(day - timedelta(days=RECENT_DAYS + BEFORE_DAYS + 35), day)
    if not runs and not pain:  # nothing to go on
        return ()
    findings = suggest_findings(runs, pain, shoes, day, *limits)
    return tuple(s for s in findings if s.finding_id in knowledge.finding_ids)
