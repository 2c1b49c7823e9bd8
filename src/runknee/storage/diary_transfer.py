"""The diary's section of the export document, and importing it back.

``"diary"`` is an object of four lists: ``shoes``, ``activities`` (each with its per-km
``splits`` and the ``local_date`` it is filed under), ``imported_files`` (the files already
read, so that importing them again still adds nothing) and ``pain``. Every row of the diary's
tables is in it, so that export -> erase -> import -> export gives the same document.

Importing follows the export's rules (:mod:`runknee.storage.transfer`): a record whose id is
already stored is skipped or kept under a new id, and the records that point to it follow
(an activity's shoes, its splits). An imported file already known (same SHA-256) is skipped.
With ``skip``, an activity the diary already has under another id (the same run imported here
from the watch: the diary's dedupe rule) is skipped too, and the report says so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict
from sqlalchemy import Connection, insert, select

from runknee.diary.dedupe import Span, find_duplicate
from runknee.diary.entries import StoredActivity, StoredPain, StoredShoe
from runknee.i18n import NN_, Message
from runknee.storage.diary_entries import pain_row, shoe_row
from runknee.storage.diary_records import activity_from_row, pain_from_row, shoe_from_row
from runknee.storage.diary_repository import (
    activity_row,
    insert_activity,
    overlapping,
    source_row,
    split_from_row,
)
from runknee.storage.diary_tables import (
    diary_activities,
    diary_pain,
    diary_shoes,
    diary_sources,
    diary_splits,
)
from runknee.storage.ids import as_utc
from runknee.storage.transfer import (
    ImportContext,
    Section,
    SectionReport,
    claim,
    damaged,
    exists,
    records,
    stamp,
)

PARTS = ("shoes", "activities", "imported_files", "pain")
"""The diary section's lists, in the order they are written (shoes before the runs)."""


class ExportedActivity(StoredActivity):
    """An activity in the export: the stored record with its splits and its diary day."""

    exported_local_date: date | None = None


class ImportedFile(BaseModel):
    """A file the diary has read (its hash keeps a second import of it from adding runs)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sha256: str
    file_name: str
    imported_at: AwareDatetime
    activities: int


def export_diary(connection: Connection) -> dict[str, Any]:
    """Every row of the diary's tables as JSON-ready data, in a stable order."""
    splits: dict[str, list[Any]] = {}
    for row in connection.execute(
        select(diary_splits).order_by(diary_splits.c.activity_id, diary_splits.c.km)
    ):
        splits.setdefault(row.activity_id, []).append(split_from_row(row))
    activities = []
    query = select(diary_activities).order_by(diary_activities.c.start_utc, diary_activities.c.id)
    for row in connection.execute(query):
        activity = activity_from_row(row._mapping, tuple(splits.get(row.id, ())))
        day = (
            row.local_date
            if isinstance(row.local_date, date)
            else date.fromisoformat(row.local_date)
        )
        activities.append({**activity.model_dump(mode="json"), "local_date": day.isoformat()})
    return {
        "shoes": [
            shoe_from_row(row._mapping).model_dump(mode="json")
            for row in connection.execute(
                select(diary_shoes).order_by(diary_shoes.c.created_at, diary_shoes.c.id)
            )
        ],
        "activities": activities,
        "imported_files": [
            {**row._asdict(), "imported_at": as_utc(row.imported_at).isoformat()}
            for row in connection.execute(
                select(diary_sources).order_by(diary_sources.c.imported_at, diary_sources.c.sha256)
            )
        ],
        "pain": [
            pain_from_row(row._mapping).model_dump(mode="json")
            for row in connection.execute(
                select(diary_pain).order_by(
                    diary_pain.c.entry_date, diary_pain.c.created_at, diary_pain.c.id
                )
            )
        ],
    }


def import_diary(connection: Connection, data: Any, ctx: ImportContext) -> dict[str, SectionReport]:
    """Check the whole section, then write it on the import's connection."""
    if not isinstance(data, dict):
        raise damaged("diary", "must be an object of shoes, activities, imported_files, pain")
    shoes = records(StoredShoe, data.get("shoes", []), "diary.shoes")
    activities = records(
        ExportedActivity, _with_day(data.get("activities", [])), "diary.activities"
    )
    files = records(ImportedFile, data.get("imported_files", []), "diary.imported_files")
    pain = records(StoredPain, data.get("pain", []), "diary.pain")
    return {
        "diary_shoes": _import_shoes(connection, shoes, ctx),
        "diary_activities": _import_activities(connection, activities, ctx),
        "diary_imported_files": _import_files(connection, files),
        "diary_pain_entries": _import_pain(connection, pain, ctx),
    }


def _with_day(items: Any) -> Any:
    """Activities with ``local_date`` moved aside (the model derives its own ``local_date``)."""
    if not isinstance(items, list):
        return items
    return [
        {**item, "exported_local_date": item.get("local_date")} if isinstance(item, dict) else item
        for item in items
    ]


def _import_shoes(
    connection: Connection, shoes: list[StoredShoe], ctx: ImportContext
) -> SectionReport:
    report = SectionReport()
    for shoe in shoes:
        shoe_id = claim(connection, diary_shoes, shoe.id, ctx, report, "diary_shoes")
        if shoe_id is None:
            continue
        moved = {"id": shoe_id, "created_at": stamp(shoe.created_at, "diary.shoes")}
        connection.execute(insert(diary_shoes).values(**shoe_row(shoe.model_copy(update=moved))))
        report.imported += 1
    return report


def _import_activities(
    connection: Connection, activities: list[ExportedActivity], ctx: ImportContext
) -> SectionReport:
    report = SectionReport()
    moved_shoes = ctx.renamed.get("diary_shoes", {})
    added: set[str] = set()
    same_run = 0
    for activity in activities:
        if ctx.mode == "skip" and _same_run_stored(connection, activity, added):
            report.skipped.append(activity.id)
            same_run += 1
            continue
        activity_id = claim(
            connection, diary_activities, activity.id, ctx, report, "diary_activities"
        )
        if activity_id is None:
            continue
        added.add(activity_id)
        shoe_id = moved_shoes.get(activity.shoe_id or "", activity.shoe_id)
        if shoe_id is not None and not exists(connection, diary_shoes, shoe_id):
            shoe_id = None  # shoes deleted before the export, or left out of the file
        row = activity_row(
            activity.model_copy(update={"shoe_id": shoe_id}),
            activity_id,
            stamp(activity.created_at, "diary.activities"),
            stamp(activity.updated_at, "diary.activities"),
            local_date=activity.exported_local_date or activity.local_date,
        )
        insert_activity(connection, row, activity.splits)
        report.imported += 1
    if same_run:
        note = NN_(
            "%(count)s activity was already in the diary under another id (the same run from "
            "another source): left as it was.",
            "%(count)s activities were already in the diary under another id (the same run from "
            "another source): left as they were.",
        )
        report.notes.append(Message.of(note, count_key="count", count=same_run))
    return report


def _same_run_stored(connection: Connection, activity: ExportedActivity, added: set[str]) -> bool:
    """True when the diary already had this run before the import, under another id (the
    diary's own rule: same sport family, >= 80 % shared time)."""
    if exists(connection, diary_activities, activity.id):
        return False  # the same id: claim() reports it
    new = Span("", activity.sport, activity.start_utc, activity.end_utc, activity.source_format)
    before = [span for span in overlapping(connection, activity) if span.key not in added]
    return find_duplicate(new, before) is not None


def _import_files(connection: Connection, files: list[ImportedFile]) -> SectionReport:
    """A file already known stays as it is, in either mode: its hash is its identity."""
    report = SectionReport()
    for item in files:
        if exists_source(connection, item.sha256):
            report.skipped.append(item.sha256)
            continue
        row = source_row(item.sha256, item.file_name, item.imported_at, item.activities)
        connection.execute(insert(diary_sources).values(**row))
        report.imported += 1
    return report


def _import_pain(
    connection: Connection, entries: list[StoredPain], ctx: ImportContext
) -> SectionReport:
    report = SectionReport()
    for entry in entries:
        entry_id = claim(connection, diary_pain, entry.id, ctx, report, "diary_pain")
        if entry_id is None:
            continue
        moved = {
            "id": entry_id,
            "created_at": stamp(entry.created_at, "diary.pain"),
            "updated_at": stamp(entry.updated_at, "diary.pain"),
        }
        connection.execute(insert(diary_pain).values(**pain_row(entry.model_copy(update=moved))))
        report.imported += 1
    return report


def exists_source(connection: Connection, sha256: str) -> bool:
    """True when a file with this hash was imported before."""
    query = select(diary_sources.c.sha256).where(diary_sources.c.sha256 == sha256)
    return connection.execute(query).first() is not None


DIARY_SECTION = Section("diary", export_diary, import_diary)
"""The diary's part of every export and import."""
