"""Answers to hot read queries, kept while the database is unchanged (SQLite files only).

The home page reads the newest assessments, their count and the diary's suggestions on every
visit. Under load most of its cost was those queries: each one releases the GIL, and the
server's threads then queue for it again (benchmarks/bench_history.py prints the server's CPU
per home page). Their answers change only when something is
committed, and SQLite says when that happens: ``PRAGMA data_version`` on a connection that never
writes changes whenever any other connection, in this process or another (a CLI command
while the server runs), commits. This cache keeps an answer with the version it was read at
and reads again once the version moves, so it never serves a committed change late.

PostgreSQL has no such counter, and an in-memory SQLite database has one connection: both read
every time.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError

T = TypeVar("T")

CAPACITY = 64
"""Answers kept (the least recently used go first): a few pages of each list is plenty."""


class ReadCache:
    """Read-through cache keyed by the caller, invalidated by any commit to the database.

    Cached values are shared between threads: cache only immutable answers (frozen models,
    tuples, numbers).
    """

    def __init__(self, engine: Engine, capacity: int = CAPACITY) -> None:
        self._engine = engine
        self._path: str | None = None
        self._enabled = engine.url.get_backend_name() == "sqlite"
        self._capacity = capacity
        self._lock = threading.Lock()
        self._watcher: sqlite3.Connection | None = None
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._version_seen: int | None = None
        # Disposing the engine (closing the store, or the CLI's close at exit) closes the
        # watcher too: an open connection keeps SQLite's -wal and -shm files on disk.
        event.listen(engine, "engine_disposed", lambda _engine: self.close())

    def get(self, key: Hashable, read: Callable[[], T]) -> T:
        """The answer kept for ``key`` if nothing was committed since it was read, else
        ``read()`` (kept for next time)."""
        version = self._version()
        if version is None:
            return read()
        with self._lock:
            if version != self._version_seen:  # every kept answer is stale: let them go
                self._entries.clear()
                self._version_seen = version
            kept = self._entries.get(key)
            if kept is not None and kept[0] == version:
                self._entries.move_to_end(key)
                return kept[1]  # type: ignore[no-any-return]
        # Read outside the lock. A commit after `version` was taken makes the next call see a
        # newer version and read again, so keeping this answer under `version` is safe.
        value = read()
        with self._lock:
            if version != self._version_seen:  # a commit or an erase came meanwhile: not kept
                return value
            self._entries[key] = (version, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)
        return value

    def forget(self) -> None:
        """Drop every kept answer now (after an erase: no copy of erased data stays in memory;
        a commit from elsewhere drops them on the next read)."""
        with self._lock:
            self._entries.clear()
            self._version_seen = None  # a read that began before this is not kept either

    def close(self) -> None:
        """Close the watching connection and forget every answer."""
        self.forget()
        with self._lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None

    def _version(self) -> int | None:
        """The database's commit counter as seen by the watcher, or ``None``: do not cache."""
        if not self._enabled:
            return None
        with self._lock:
            try:
                if self._watcher is None:
                    self._path = self._path or _database_file(self._engine)
                    if not self._path:  # in memory: one shared connection, nothing to watch
                        self._enabled = False
                        return None
                    self._watcher = sqlite3.connect(
                        self._path, isolation_level=None, check_same_thread=False
                    )
                row = self._watcher.execute("PRAGMA data_version").fetchone()
            except (sqlite3.Error, SQLAlchemyError):  # busy or gone: read the database itself
                return None
        return int(row[0])


def _database_file(engine: Engine) -> str:
    """The file SQLite opened for ``engine``, as SQLite names it ("" when in memory)."""
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("PRAGMA database_list").all()
    return next((str(row[2] or "") for row in rows if row[1] == "main"), "")
