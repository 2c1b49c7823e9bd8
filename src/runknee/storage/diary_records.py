"""The one conversion from a diary row (activity, pain entry, shoes, and the analysed fields of
activities and pain entries) to the diary's model.

SQLAlchemy-free, so that the quick read path (:mod:`runknee.storage.sqlite_reads`) and the
diary's repositories build the same records from a row given as a plain mapping.
"""

from __future__ import annotations

from runknee.diary.entries import StoredActivity, StoredPain, StoredShoe
from runknee.diary.facts import ActivityRow, PainRow
from runknee.diary.models import KmSplit
from runknee.storage.ids import RowValues, as_utc


def activity_from_row(row: RowValues, splits: tuple[KmSplit, ...]) -> StoredActivity:
    """A ``diary_activities`` row (all columns) with its splits as a :class:`StoredActivity`."""
    values = dict(row)
    values.pop("end_utc")
    del values["local_date"]  # derived again from start and offset (manual runs: noon UTC)
    values["start_utc"] = as_utc(values["start_utc"])
    values["created_at"] = as_utc(values["created_at"])
    values["updated_at"] = as_utc(values["updated_at"])
    values["import_notes"] = tuple(values["import_notes"] or ())
    return StoredActivity(**values, splits=splits)


def pain_from_row(row: RowValues) -> StoredPain:
    """A ``diary_pain`` row (all columns) as a :class:`StoredPain`."""
    values = dict(row)
    values["created_at"] = as_utc(values["created_at"])
    values["updated_at"] = as_utc(values["updated_at"])
    return StoredPain(**values)


def shoe_from_row(row: RowValues) -> StoredShoe:
    """A ``diary_shoes`` row (all columns) as a :class:`StoredShoe`."""
    values = dict(row)
    values["created_at"] = as_utc(values["created_at"])
    return StoredShoe(**values)


def activity_facts_from_row(row: RowValues) -> ActivityRow:
    """The columns of ``diary_repository.facts_until`` as an :class:`ActivityRow`."""
    return ActivityRow(**row)


def pain_facts_from_row(row: RowValues) -> PainRow:
    """The columns of ``diary_entries.pain_facts_until`` as a :class:`PainRow`."""
    return PainRow(**row)
