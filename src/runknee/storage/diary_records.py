"""The one conversion from a diary row (activity, pain entry, shoes, and the analysed fields of
activities and pain entries) to the diary's model.

SQLAlchemy-free, so that the quick read path (:mod:`runknee.storage.sqlite_reads`) and the
diary's repositories build the same records from a row given as a plain mapping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from runknee.diary.entries import StoredActivity, StoredPain, StoredShoe
from runknee.diary.facts import ActivityRow, PainRow
from runknee.diary.models import Activity, KmSplit
from runknee.storage.ids import RowValues, as_utc


def activity_from_row(row: RowValues, splits: tuple[KmSplit, ...]) -> StoredActivity:
    """A ``diary_activities`` row (all columns) with its splits as a :class:`StoredActivity`."""
    values = dict(row)
    values.pop("end_utc")
    del values["local_date"]  # derived again from start and offset (manual runs: noon UTC)
    values["start_utc"] = as_utc(values["start_utc"])
    values["created_at"] = as_utc(values["created_at"])
    values["updated_at"] = as_utc(values["updated_at"])
    notes = notes_from_json(values.pop("import_notes") or (), values.pop("import_notes_i18n"))
    return StoredActivity(**values, **notes, splits=splits)


def notes_to_json(activity: Activity) -> dict[str, Any]:
    """An activity's import notes for their two JSON columns: ``import_notes``, the English
    sentences every version reads, and ``import_notes_i18n``, each note's message (or null),
    or null when no note has one (revision 0010)."""
    messages = [message for _, message in activity.notes_with_messages]
    kept = [None if m is None else dataclasses.asdict(m) for m in messages]
    return {
        "import_notes": list(activity.import_notes),
        "import_notes_i18n": kept if any(m is not None for m in kept) else None,
    }


def notes_from_json(
    notes: Sequence[str], messages: Sequence[Any] | None
) -> dict[str, tuple[Any, ...]]:
    """``import_notes`` and ``import_notes_i18n`` from their columns (a row stored before
    messages were kept has none: its notes show in English)."""
    if not messages or len(messages) != len(notes):
        return {"import_notes": tuple(notes)}
    return {"import_notes": tuple(notes), "import_notes_i18n": tuple(messages)}


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
