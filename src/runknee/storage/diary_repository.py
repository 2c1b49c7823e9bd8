"""Diary activities and imported files (tables ``diary_activities``, ``diary_splits``,
``diary_sources``). Each imported file is saved in its own transaction: all its activities or
none. A file seen before (same SHA-256) adds nothing; the same run from another source (same
sport family, >= 80 % shared time) is one run, kept from the better source."""

from __future__ import annotations

import builtins
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Row, Select, delete, func, insert, select, update

from runknee.diary.dedupe import Span, find_duplicate, prefer_new
from runknee.diary.entries import ManualRun, RunDetails, Shoe, StoredActivity
from runknee.diary.facts import ActivityRow
from runknee.diary.models import Activity, KmSplit, ParsedFile
from runknee.errors import NotFoundError
from runknee.storage.diary_entries import ShoeRepository
from runknee.storage.diary_records import (
    activity_facts_from_row,
    activity_from_row,
    notes_to_json,
)
from runknee.storage.diary_tables import diary_activities, diary_sources, diary_splits
from runknee.storage.ids import as_utc, check_id, utc
from runknee.storage.paging import Page, newest_first, page_of

_MEASURED = (
    "sport",
    "start_utc",
    "end_utc",
    "utc_offset_s",
    "local_date",
    "duration_s",
    "moving_s",
    "distance_m",
    "elevation_gain_m",
    "elevation_loss_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_cadence_spm",
    "max_cadence_spm",
    "device",
    "source_format",
    "source_name",
    "source_sha256",
    "has_pace",
    "import_notes",
    "import_notes_i18n",
)


@dataclass(frozen=True)
class SaveOutcome:
    """What saving one parsed file did."""

    added: int = 0
    duplicates: int = 0
    replaced: int = 0
    already_imported: bool = False


class DiaryRepository:
    """The diary's activities in the same database as the assessments."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def known_hashes(self, hashes: list[str]) -> set[str]:
        """Which of ``hashes`` were imported before."""
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(hashes), 500):
                chunk = hashes[start : start + 500]
                query = select(diary_sources.c.sha256).where(diary_sources.c.sha256.in_(chunk))
                found.update(connection.scalars(query))
        return found

    def save_parsed(self, parsed: ParsedFile, now: datetime) -> SaveOutcome:
        """Save one file's activities in one transaction (nothing if the file is known)."""
        stamp = utc(now)
        with self.engine.begin() as connection:
            known = connection.scalar(
                select(diary_sources.c.sha256).where(diary_sources.c.sha256 == parsed.sha256)
            )
            if known is not None:
                return SaveOutcome(already_imported=True)
            added = duplicates = replaced = 0
            for activity in parsed.activities:
                result = self._save_one(connection, activity, stamp)
                added += result == "added"
                duplicates += result == "duplicate"
                replaced += result == "replaced"
            connection.execute(
                insert(diary_sources).values(
                    **source_row(parsed.sha256, parsed.file_name, stamp, added)
                )
            )
        return SaveOutcome(added=added, duplicates=duplicates, replaced=replaced)

    def _save_one(self, connection: Connection, activity: Activity, stamp: datetime) -> str:
        new = Span("", activity.sport, activity.start_utc, activity.end_utc, activity.source_format)
        duplicate = find_duplicate(new, overlapping(connection, activity))
        if duplicate is None:
            row = activity_row(activity, uuid.uuid4().hex, stamp, stamp)
            insert_activity(connection, row, activity.splits)
            return "added"
        if not prefer_new(new, duplicate):
            return "duplicate"
        connection.execute(
            update(diary_activities)
            .where(diary_activities.c.id == duplicate.key)
            .values(**measured_values(activity), updated_at=stamp)
        )
        connection.execute(delete(diary_splits).where(diary_splits.c.activity_id == duplicate.key))
        insert_splits(connection, duplicate.key, activity.splits)
        return "replaced"

    def add_manual(self, run: ManualRun, now: datetime) -> StoredActivity:
        """Store a run typed in by hand (noon on its day, no time zone)."""
        start = datetime(
            run.run_date.year, run.run_date.month, run.run_date.day, 12, tzinfo=now.tzinfo
        )
        activity = Activity(
            sport=run.sport,
            start_utc=utc(start),
            duration_s=run.duration_s,
            moving_s=run.duration_s,
            distance_m=run.distance_m,
            source_format="manual",
            notes=run.notes,
        )
        stamp = utc(now)
        row = activity_row(activity, uuid.uuid4().hex, stamp, stamp, local_date=run.run_date)
        with self.engine.begin() as connection:
            activity_id = insert_activity(connection, row | _details(run), activity.splits)
        return self.get(activity_id)

    def list(self, since: date | None = None, until: date | None = None) -> list[StoredActivity]:
        """Activities in time order (between two local dates, inclusive, when given)."""
        with self.engine.connect() as connection:
            rows = connection.execute(in_time_order(since, until))
            return [activity_from_row(row._mapping, ()) for row in rows]

    def page(
        self,
        limit: int,
        cursor: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Page[StoredActivity]:
        """Activities newest first (by start time), ``limit`` at a time after ``cursor``
        (keyset paging: a page costs the same at any depth), between two local dates when
        given."""
        c = diary_activities.c
        query = select(diary_activities)
        if since is not None:
            query = query.where(c.local_date >= since)
        if until is not None:
            query = query.where(c.local_date <= until)
        query = newest_first(query, c.start_utc, c.id, limit, cursor)
        with self.engine.connect() as connection:
            rows = [activity_from_row(row._mapping, ()) for row in connection.execute(query)]
        return page_of(rows, limit, lambda a: (a.start_utc, a.id))

    def facts(self, until: date) -> builtins.list[ActivityRow]:
        """The analysed fields of every activity up to a local date, in time order (fast)."""
        with self.engine.connect() as connection:
            rows = connection.execute(facts_until(until))
            return [activity_facts_from_row(row._mapping) for row in rows]

    def latest_day(self) -> date | None:
        """The local date of the newest activity (``None`` for an empty diary)."""
        with self.engine.connect() as connection:
            day = connection.scalar(select(func.max(diary_activities.c.local_date)))
        return day if isinstance(day, date) else (date.fromisoformat(day) if day else None)

    def get(self, activity_id: str) -> StoredActivity:
        """One activity with its per-km splits (raises :class:`NotFoundError`)."""
        check_id("activity", activity_id)
        with self.engine.connect() as connection:
            row = connection.execute(
                select(diary_activities).where(diary_activities.c.id == activity_id)
            ).first()
            if row is None:
                raise NotFoundError("activity", activity_id)
            splits = connection.execute(
                select(diary_splits)
                .where(diary_splits.c.activity_id == activity_id)
                .order_by(diary_splits.c.km)
            )
            return activity_from_row(row._mapping, tuple(split_from_row(s) for s in splits))

    def update_details(
        self, activity_id: str, details: RunDetails, now: datetime
    ) -> StoredActivity:
        """Set shoes, surface, route, session type and notes (raises :class:`NotFoundError`)."""
        check_id("activity", activity_id)
        with self.engine.begin() as connection:
            changed = connection.execute(
                update(diary_activities)
                .where(diary_activities.c.id == activity_id)
                .values(**_details(details), updated_at=utc(now))
            ).rowcount
        if changed == 0:
            raise NotFoundError("activity", activity_id)
        return self.get(activity_id)

    def delete(self, activity_id: str) -> None:
        """Delete one activity and its splits (raises :class:`NotFoundError`)."""
        check_id("activity", activity_id)
        with self.engine.begin() as connection:
            deleted = connection.execute(
                delete(diary_activities).where(diary_activities.c.id == activity_id)
            ).rowcount
        if deleted == 0:
            raise NotFoundError("activity", activity_id)

    def link_gear(self, shoes: ShoeRepository, now: datetime) -> int:
        """Give activities whose export named gear the shoes of that name (added when missing).

        Returns:
            How many activities were linked.
        """
        query = (
            select(diary_activities.c.gear)
            .where(diary_activities.c.gear.is_not(None), diary_activities.c.shoe_id.is_(None))
            .distinct()
        )
        with self.engine.connect() as connection:
            names = [name for name in connection.scalars(query) if name]
        linked = 0
        for name in names:
            shoe = shoes.find_by_name(name) or shoes.add(Shoe(name=name[:200]), now)
            with self.engine.begin() as connection:
                linked += connection.execute(
                    update(diary_activities)
                    .where(diary_activities.c.gear == name, diary_activities.c.shoe_id.is_(None))
                    .values(shoe_id=shoe.id)
                ).rowcount
        return linked

    @staticmethod
    def erase_in(connection: Connection) -> None:
        """Delete every diary activity, split and imported-file record (caller's transaction)."""
        connection.execute(delete(diary_splits))
        connection.execute(delete(diary_activities))
        connection.execute(delete(diary_sources))


def overlapping(connection: Connection, activity: Activity) -> list[Span]:
    """The stored activities whose time span touches ``activity``'s (dedupe candidates)."""
    margin = timedelta(seconds=1)
    query = select(
        diary_activities.c.id,
        diary_activities.c.sport,
        diary_activities.c.start_utc,
        diary_activities.c.end_utc,
        diary_activities.c.source_format,
    ).where(
        diary_activities.c.start_utc <= activity.end_utc + margin,
        diary_activities.c.end_utc >= activity.start_utc - margin,
    )
    return [
        Span(row.id, row.sport, as_utc(row.start_utc), as_utc(row.end_utc), row.source_format)
        for row in connection.execute(query)
    ]


def measured_values(activity: Activity) -> dict[str, Any]:
    """The columns an activity's file gives (what a better source replaces)."""
    notes = {"import_notes", "import_notes_i18n"}
    values = activity.model_dump(include=set(_MEASURED) - {"end_utc", "local_date"} - notes)
    values["start_utc"] = activity.start_utc
    values["end_utc"] = activity.end_utc
    values["local_date"] = activity.local_date
    values |= notes_to_json(activity)
    return values


def _details(details: RunDetails | StoredActivity) -> dict[str, Any]:
    """The columns the runner fills in (shoes, surface, route, session type, notes)."""
    return {
        "shoe_id": details.shoe_id,
        "surface": details.surface.value if details.surface else None,
        "route": details.route.value if details.route else None,
        "session_type": details.session_type.value if details.session_type else None,
        "notes": details.notes,
    }


def activity_row(
    activity: Activity,
    activity_id: str,
    created_at: datetime,
    updated_at: datetime,
    local_date: date | None = None,
) -> dict[str, Any]:
    """Every column of a ``diary_activities`` row: the one list of them that saving a file, a
    run typed in and an import all use. A :class:`StoredActivity` brings the runner's
    additions; ``local_date`` replaces the day derived from the start time and offset."""
    if isinstance(activity, StoredActivity):
        details = _details(activity)
    else:
        details = {**_details(RunDetails()), "notes": activity.notes}
    row = {
        "id": activity_id,
        **measured_values(activity),
        "name": activity.name,
        "gear": activity.gear,
        **details,
        "created_at": utc(created_at),
        "updated_at": utc(updated_at),
    }
    if local_date is not None:
        row["local_date"] = local_date
    return row


def insert_activity(
    connection: Connection, row: dict[str, Any], splits: tuple[KmSplit, ...]
) -> str:
    """Store one :func:`activity_row` and its splits (caller's transaction); return its id."""
    connection.execute(insert(diary_activities).values(**row))
    insert_splits(connection, row["id"], splits)
    activity_id: str = row["id"]
    return activity_id


def source_row(
    sha256: str, file_name: str, imported_at: datetime, activities: int
) -> dict[str, Any]:
    """Every column of a ``diary_sources`` row (a file read, and how many runs it added)."""
    return {
        "sha256": sha256,
        "file_name": file_name[:500],
        "imported_at": utc(imported_at),
        "activities": activities,
    }


def insert_splits(connection: Connection, activity_id: str, splits: tuple[KmSplit, ...]) -> None:
    """Store an activity's per-km summary (caller's transaction)."""
    if splits:
        connection.execute(
            insert(diary_splits),
            [{"activity_id": activity_id, **split.model_dump()} for split in splits],
        )


def split_from_row(row: Row[Any]) -> KmSplit:
    """A ``diary_splits`` row as a :class:`KmSplit`."""
    return KmSplit(
        km=row.km,
        distance_m=row.distance_m,
        duration_s=row.duration_s,
        avg_hr_bpm=row.avg_hr_bpm,
        elevation_gain_m=row.elevation_gain_m,
    )


def in_time_order(since: date | None, until: date | None) -> Select[Any]:
    """Activities in time order, between two local dates when given (:meth:`DiaryRepository.list`;
    the quick read path's SQL is generated from it)."""
    query = select(diary_activities).order_by(diary_activities.c.start_utc)
    if since is not None:
        query = query.where(diary_activities.c.local_date >= since)
    if until is not None:
        query = query.where(diary_activities.c.local_date <= until)
    return query


def facts_until(until: date) -> Select[Any]:
    """The analysed fields of the activities up to a local date, in time order
    (:meth:`DiaryRepository.facts`; the quick read path's SQL is generated from it)."""
    c = diary_activities.c
    return (
        select(c.local_date, c.sport, c.distance_m, c.duration_s, c.moving_s, c.shoe_id,
               c.surface, c.session_type)
        .where(c.local_date <= until)
        .order_by(c.start_utc)
    )  # fmt: skip
