"""The diary's report from the facts it reads, whoever read them: the diary service (through
the store) or the facade's quick read path (``storage/sqlite_reads.py``). SQLAlchemy-free."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from runknee.diary.entries import FIRST_DAY, LAST_DAY
from runknee.errors import CaseInputError, FieldError
from runknee.knowledge.base import KnowledgeBase

if TYPE_CHECKING:
    from runknee.diary.entries import StoredShoe
    from runknee.diary.facts import ActivityRow, PainRow
    from runknee.diary.report import DiaryReport

DiaryFacts = tuple["list[ActivityRow]", "list[PainRow]", "list[StoredShoe]"]
"""What a report reads up to its day: activities' and pain entries' analysed fields, shoes."""


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
