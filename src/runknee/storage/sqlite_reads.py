"""The quick read path: the read-only commands' queries on a SQLite file, with the standard
library's ``sqlite3`` instead of SQLAlchemy (whose import is most of such a command's start-up).

It reads only a database it can read exactly as the repositories would: a SQLite file that
exists, already private (mode 0600, as :mod:`runknee.files` leaves it), with no rollback journal
to recover, at the newest schema (:data:`SCHEMA_HEAD`). Anything else (a missing or older
database, PostgreSQL, a file to tighten, any ``sqlite3`` error) gives ``None``, and the caller
uses the store, which creates, migrates and reports errors as always.

What keeps it in step with the repositories: its SQL is compiled from their own selects
(:mod:`runknee.storage.sqlite_queries`, generated; a test fails while it is stale), its values
are decoded as SQLAlchemy's SQLite dialect decodes them, and each row becomes a record through
the same function the repository uses (:mod:`runknee.storage.records`,
:mod:`runknee.storage.plan_records`, :mod:`runknee.storage.diary_records`).

The connection is opened ``mode=rw`` (never ``rwc``: a missing file is not created) with
``PRAGMA query_only``: a ``mode=ro`` connection to a WAL database cannot remove the ``-wal``
and ``-shm`` files it makes, while a read-write one, as the last to close, removes them as the
store's connections do. Each read is one transaction (the schema check and the rows see the same
snapshot); a writer in WAL mode does not block it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runknee.errors import NotFoundError
from runknee.files import (  # the store tightens any other mode: left to it
    PRIVATE_FILE_MODE,
    SQLITE_SIDE_FILES,
)
from runknee.storage.ids import check_id
from runknee.storage.sqlite_queries import QUERIES, Query

if TYPE_CHECKING:
    from runknee.diary.entries import StoredActivity, StoredPain, StoredShoe
    from runknee.diary.facts import ActivityRow, PainRow
    from runknee.storage.form_records import StoredFormCheck
    from runknee.storage.plan_records import StoredPlan, StoredSession
    from runknee.storage.records import StoredAssessment

SCHEMA_HEAD = "0010"
"""The newest migration's revision (a test checks it against Alembic's head): the quick path
reads only a database at this revision, so a new migration cannot be read with old queries."""

QUICK_READS_ENV = "RUNKNEE_QUICK_READS"
"""Set to ``off`` to read through the store always (the parity tests compare both paths)."""

BUSY_TIMEOUT_S = 5.0
"""As long as the store's connections wait for a lock (``SQLITE_BUSY_TIMEOUT_MS``)."""


_SQLITE_URL_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_JOURNAL = "-journal"
_SIDE_FILES = tuple(side for side in SQLITE_SIDE_FILES if side != _JOURNAL)  # WAL mode's two

_DECODE: dict[str, Callable[[Any], Any]] = {
    "": lambda value: value,
    "datetime": datetime.fromisoformat,  # SQLAlchemy's SQLite DATETIME reads it the same way
    "date": date.fromisoformat,
    "bool": bool,
    "json": json.loads,
}
_ENCODE: dict[str, Callable[[Any], Any]] = {"": lambda value: value, "date": date.isoformat}


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite file URL; ``None`` for any other URL (in memory, a URI
    filename, query options, escapes: the store reads those)."""
    prefix = next((p for p in _SQLITE_URL_PREFIXES if url.startswith(p)), None)
    if prefix is None:
        return None
    path = url[len(prefix) :]
    if not path or path == ":memory:" or path.startswith(("file:", "~")) or set("?#%") & set(path):
        return None
    return Path(path)


class SqliteReads:
    """Read-only queries on one SQLite file, for commands that only read.

    Each method returns ``None`` when the file cannot be read quickly (see the module's
    docstring); the caller then reads through the store.
    """

    def __init__(self, path: Path) -> None:
        self._uri = f"{path.absolute().as_uri()}?mode=rw"

    @classmethod
    def open(cls, url: str, environ: Mapping[str, str]) -> SqliteReads | None:
        """A reader for the database at ``url``, or ``None`` when the store must open it."""
        if environ.get(QUICK_READS_ENV, "").strip().lower() == "off":
            return None
        path = sqlite_file(url)
        if path is None or not _private_file(path) or path.with_name(path.name + _JOURNAL).exists():
            return None
        if not all(_private_file(side, missing_ok=True) for side in _sides(path)):
            return None
        return cls(path)

    def assessments(self) -> list[StoredAssessment] | None:
        """Every saved assessment, newest first (``AssessmentStore.list``)."""
        from runknee.storage.records import assessment_from_row

        rows = self._rows("assessments")
        return None if rows is None else [assessment_from_row(row) for row in rows]

    def plans(self, assessment_id: str | None = None) -> list[StoredPlan] | None:
        """Plans, newest first, one assessment's when given (``PlanRepository.list``; raises
        :class:`NotFoundError` for an id that is not one, as it does)."""
        from runknee.storage.plan_records import plan_from_row

        if assessment_id is None:
            rows = self._rows("plans")
        else:
            check_id("assessment", assessment_id)
            rows = self._rows("plans_of_assessment", assessment_id)
        return None if rows is None else [plan_from_row(row) for row in rows]

    def plan_with_sessions(self, plan_id: str) -> tuple[StoredPlan, list[StoredSession]] | None:
        """One plan and its sessions in the order logged, as of one snapshot
        (``PlanRepository.get`` and ``sessions``; raises :class:`NotFoundError` as they do)."""
        from runknee.storage.plan_records import plan_from_row, session_from_row

        check_id("plan", plan_id)
        found = self._read(("plan", (plan_id,)), ("plan_sessions", (plan_id,)))
        if found is None:
            return None
        plans, sessions = found
        if not plans:
            raise NotFoundError("plan", plan_id)
        return plan_from_row(plans[0]), [session_from_row(row) for row in sessions]

    def activities(self, since: date | None = None) -> list[StoredActivity] | None:
        """Activities in time order, from the local day ``since`` when given
        (``DiaryRepository.list``)."""
        from runknee.storage.diary_records import activity_from_row

        rows = self._rows("activities") if since is None else self._rows("activities_since", since)
        return None if rows is None else [activity_from_row(row, ()) for row in rows]

    def pain(self) -> list[StoredPain] | None:
        """Every pain entry, oldest first (``PainRepository.list``)."""
        from runknee.storage.diary_records import pain_from_row

        rows = self._rows("pain")
        return None if rows is None else [pain_from_row(row) for row in rows]

    def form_checks(self) -> list[StoredFormCheck] | None:
        """Every form check without its videos, newest first (``FormCheckRepository.list``)."""
        from runknee.storage.form_records import form_check_from_row

        rows = self._rows("form_checks")
        return None if rows is None else [form_check_from_row(row) for row in rows]

    def diary_facts(
        self, until: date
    ) -> tuple[list[ActivityRow], list[PainRow], list[StoredShoe]] | None:
        """What the diary's report reads, as of one snapshot: the analysed fields of the
        activities and pain entries up to ``until`` and every pair of shoes
        (``DiaryRepository.facts``, ``PainRepository.facts``, ``ShoeRepository.list``)."""
        from runknee.storage import diary_records as records

        found = self._read(("activity_facts", (until,)), ("pain_facts", (until,)), ("shoes", ()))
        if found is None:
            return None
        activities, pain, shoes = found
        return (
            [records.activity_facts_from_row(row) for row in activities],
            [records.pain_facts_from_row(row) for row in pain],
            [records.shoe_from_row(row) for row in shoes],
        )

    def diary_window(
        self, since: date, until: date
    ) -> tuple[list[StoredActivity], list[StoredPain], list[StoredShoe]] | None:
        """What the diary's suggestions read, as of one snapshot: the activities between two
        local days, the pain entries from ``since`` and every pair of shoes
        (``DiaryRepository.list``, ``PainRepository.list``, ``ShoeRepository.list``)."""
        from runknee.storage import diary_records as records

        found = self._read(
            ("activities_between", (since, until)), ("pain_since", (since,)), ("shoes", ())
        )
        if found is None:
            return None
        activities, pain, shoes = found
        return (
            [records.activity_from_row(row, ()) for row in activities],
            [records.pain_from_row(row) for row in pain],
            [records.shoe_from_row(row) for row in shoes],
        )

    def _rows(self, name: str, *values: object) -> list[dict[str, Any]] | None:
        """The rows of query ``name``, decoded (see :meth:`_read`)."""
        found = self._read((name, values))
        return None if found is None else found[0]

    def _read(self, *queries: tuple[str, Sequence[object]]) -> list[list[dict[str, Any]]] | None:
        """The decoded rows of each query (name, values), read in one transaction; ``None`` when
        the database is not at :data:`SCHEMA_HEAD`, ``sqlite3`` fails, or a value is not one
        SQLAlchemy would read (the store then says what is wrong)."""
        try:
            raw = self._fetch([(QUERIES[name], values) for name, values in queries])
            if raw is None:
                return None
            return [
                _decoded(rows, QUERIES[name][2])
                for rows, (name, _) in zip(raw, queries, strict=True)
            ]
        except (sqlite3.Error, ValueError):
            return None

    def _fetch(
        self, queries: list[tuple[Query, Sequence[object]]]
    ) -> list[list[tuple[Any, ...]]] | None:
        connection = sqlite3.connect(self._uri, uri=True, timeout=BUSY_TIMEOUT_S)
        connection.isolation_level = None  # explicit transactions below
        with closing(connection):
            connection.execute("PRAGMA query_only = ON")
            connection.execute("BEGIN")
            try:
                revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
                if revision != [(SCHEMA_HEAD,)]:
                    return None
                return [
                    connection.execute(sql, _bound(params, values)).fetchall()
                    for (sql, params, _), values in queries
                ]
            finally:
                connection.execute("ROLLBACK")


def _bound(params: tuple[tuple[str, str], ...], values: Sequence[object]) -> list[object]:
    """Parameter values as SQLAlchemy's SQLite dialect binds them (a day as ISO text)."""
    return [_ENCODE[kind](value) for (_, kind), value in zip(params, values, strict=True)]


def _decoded(
    raw: list[tuple[Any, ...]], columns: tuple[tuple[str, str], ...]
) -> list[dict[str, Any]]:
    names = [name for name, _ in columns]
    decoders = [_DECODE[kind] for _, kind in columns]
    return [
        {
            name: None if value is None else decode(value)
            for name, decode, value in zip(names, decoders, row, strict=True)
        }
        for row in raw
    ]


def _sides(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in _SIDE_FILES]


def _private_file(path: Path, missing_ok: bool = False) -> bool:
    """Whether ``path`` is a regular file with the mode the store gives it, or missing when
    ``missing_ok`` (SQLite makes a side file with the database's mode). Otherwise the store
    opens the database, and sets the mode."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return missing_ok
    except OSError:
        return False
    return stat.S_ISREG(mode) and mode & 0o777 == PRIVATE_FILE_MODE
