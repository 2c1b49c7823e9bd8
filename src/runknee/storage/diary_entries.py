"""Pain entries and shoes (tables ``diary_pain`` and ``diary_shoes``): add, list, edit, delete.

Deleting shoes leaves the runs that wore them, without shoes (``ON DELETE SET NULL``)."""

from __future__ import annotations

import builtins
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, delete, func, insert, select, update

from runknee.diary.entries import PainEntry, Shoe, StoredPain, StoredShoe
from runknee.diary.facts import PainRow
from runknee.errors import NotFoundError
from runknee.storage.diary_records import (
    pain_facts_from_row,
    pain_from_row,
    shoe_from_row,
)
from runknee.storage.diary_tables import diary_activities, diary_pain, diary_shoes
from runknee.storage.ids import check_id, utc
from runknee.storage.paging import Page, newest_first, page_of


class PainRepository:
    """Knee-pain entries by day."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, entry: PainEntry, now: datetime) -> StoredPain:
        """Store a pain entry."""
        stamp = utc(now)
        stored = StoredPain(
            **entry.model_dump(), id=uuid.uuid4().hex, created_at=stamp, updated_at=stamp
        )
        with self.engine.begin() as connection:
            connection.execute(insert(diary_pain).values(**pain_row(stored)))
        return stored

    def list(self, since: date | None = None) -> list[StoredPain]:
        """Every pain entry (from ``since`` when given), oldest first."""
        with self.engine.connect() as connection:
            return [pain_from_row(row._mapping) for row in connection.execute(pain_by_day(since))]

    def page(self, limit: int, cursor: str | None = None) -> Page[StoredPain]:
        """Pain entries newest first (by day), ``limit`` at a time after ``cursor``."""
        c = diary_pain.c
        query = newest_first(select(diary_pain), c.entry_date, c.id, limit, cursor, by_day=True)
        with self.engine.connect() as connection:
            rows = [pain_from_row(row._mapping) for row in connection.execute(query)]
        return page_of(rows, limit, lambda p: (p.entry_date, p.id))

    def facts(self, until: date) -> builtins.list[PainRow]:
        """The analysed fields of every entry up to a date, oldest first (fast)."""
        with self.engine.connect() as connection:
            rows = connection.execute(pain_facts_until(until))
            return [pain_facts_from_row(row._mapping) for row in rows]

    def get(self, entry_id: str) -> StoredPain:
        """One pain entry (raises :class:`NotFoundError`)."""
        check_id("pain entry", entry_id)
        with self.engine.connect() as connection:
            row = connection.execute(select(diary_pain).where(diary_pain.c.id == entry_id)).first()
        if row is None:
            raise NotFoundError("pain entry", entry_id)
        return pain_from_row(row._mapping)

    def update(self, entry_id: str, entry: PainEntry, now: datetime) -> StoredPain:
        """Replace a pain entry's values (raises :class:`NotFoundError`)."""
        check_id("pain entry", entry_id)
        with self.engine.begin() as connection:
            changed = connection.execute(
                update(diary_pain)
                .where(diary_pain.c.id == entry_id)
                .values(**entry.model_dump(), updated_at=utc(now))
            ).rowcount
        if changed == 0:
            raise NotFoundError("pain entry", entry_id)
        return self.get(entry_id)

    def delete(self, entry_id: str) -> None:
        """Delete a pain entry (raises :class:`NotFoundError`)."""
        check_id("pain entry", entry_id)
        with self.engine.begin() as connection:
            if (
                connection.execute(delete(diary_pain).where(diary_pain.c.id == entry_id)).rowcount
                == 0
            ):
                raise NotFoundError("pain entry", entry_id)


class ShoeRepository:
    """The runner's shoes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, shoe: Shoe, now: datetime) -> StoredShoe:
        """Store a pair of shoes."""
        stored = StoredShoe(**shoe.model_dump(), id=uuid.uuid4().hex, created_at=utc(now))
        with self.engine.begin() as connection:
            connection.execute(insert(diary_shoes).values(**shoe_row(stored)))
        return stored

    def list(self) -> list[StoredShoe]:
        """Every pair, in the order they were added."""
        with self.engine.connect() as connection:
            return [shoe_from_row(row._mapping) for row in connection.execute(shoes_in_order())]

    def page(self, limit: int, cursor: str | None = None) -> Page[StoredShoe]:
        """Pairs newest first (by when they were added), ``limit`` at a time after ``cursor``."""
        c = diary_shoes.c
        query = newest_first(select(diary_shoes), c.created_at, c.id, limit, cursor)
        with self.engine.connect() as connection:
            rows = [shoe_from_row(row._mapping) for row in connection.execute(query)]
        return page_of(rows, limit, lambda s: (s.created_at, s.id))

    def get(self, shoe_id: str) -> StoredShoe:
        """One pair (raises :class:`NotFoundError`)."""
        check_id("shoes", shoe_id)
        with self.engine.connect() as connection:
            row = connection.execute(select(diary_shoes).where(diary_shoes.c.id == shoe_id)).first()
        if row is None:
            raise NotFoundError("shoes", shoe_id)
        return shoe_from_row(row._mapping)

    def find_by_name(self, name: str) -> StoredShoe | None:
        """The first pair with exactly this name."""
        return next((shoe for shoe in self.list() if shoe.name == name), None)

    def update(self, shoe_id: str, shoe: Shoe) -> StoredShoe:
        """Replace a pair's values (raises :class:`NotFoundError`)."""
        check_id("shoes", shoe_id)
        with self.engine.begin() as connection:
            changed = connection.execute(
                update(diary_shoes).where(diary_shoes.c.id == shoe_id).values(**shoe.model_dump())
            ).rowcount
        if changed == 0:
            raise NotFoundError("shoes", shoe_id)
        return self.get(shoe_id)

    def runs_with(self, shoe_id: str) -> int:
        """How many activities name this pair (said before deleting it)."""
        check_id("shoes", shoe_id)
        query = select(func.count()).where(diary_activities.c.shoe_id == shoe_id)
        with self.engine.connect() as connection:
            return int(connection.scalar(query) or 0)

    def delete(self, shoe_id: str) -> None:
        """Delete a pair; its runs stay, without shoes (raises :class:`NotFoundError`)."""
        check_id("shoes", shoe_id)
        with self.engine.begin() as connection:
            connection.execute(
                update(diary_activities)
                .where(diary_activities.c.shoe_id == shoe_id)
                .values(shoe_id=None)
            )
            if (
                connection.execute(delete(diary_shoes).where(diary_shoes.c.id == shoe_id)).rowcount
                == 0
            ):
                raise NotFoundError("shoes", shoe_id)


def erase_entries_in(connection: Connection) -> None:
    """Delete every pain entry and pair of shoes (caller's transaction; activities first)."""
    connection.execute(delete(diary_pain))
    connection.execute(delete(diary_shoes))


def pain_row(entry: StoredPain) -> dict[str, Any]:
    """Every column of a ``diary_pain`` row (adding an entry and importing one both use it)."""
    return {
        **entry.model_dump(),
        "created_at": utc(entry.created_at),
        "updated_at": utc(entry.updated_at),
    }


def shoe_row(shoe: StoredShoe) -> dict[str, Any]:
    """Every column of a ``diary_shoes`` row (adding a pair and importing one both use it)."""
    return {**shoe.model_dump(), "created_at": utc(shoe.created_at)}


def pain_by_day(since: date | None) -> Select[Any]:
    """Pain entries oldest first, from ``since`` when given (:meth:`PainRepository.list`; the
    quick read path's SQL is generated from it)."""
    query = select(diary_pain).order_by(diary_pain.c.entry_date, diary_pain.c.created_at)
    if since is not None:
        query = query.where(diary_pain.c.entry_date >= since)
    return query


def pain_facts_until(until: date) -> Select[Any]:
    """The analysed fields of the pain entries up to a day, oldest first
    (:meth:`PainRepository.facts`; the quick read path's SQL is generated from it)."""
    c = diary_pain.c
    return (
        select(c.entry_date, c.during_0_10, c.after_0_10, c.next_morning_0_10, c.swelling,
               c.rest_day_pain, c.night_pain, c.morning_stiffness_min)
        .where(c.entry_date <= until)
        .order_by(c.entry_date)
    )  # fmt: skip


def shoes_in_order() -> Select[Any]:
    """Every pair, in the order they were added (:meth:`ShoeRepository.list`; the quick read
    path's SQL is generated from it)."""
    return select(diary_shoes).order_by(diary_shoes.c.created_at, diary_shoes.c.id)
