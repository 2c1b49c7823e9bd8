"""A SQLite file keeps one open connection per busy server thread: reopening a connection
(file, WAL, pragmas) on every request past the pool's size cost more than the home page's
queries under load (issue 8, the home page at 16 connections)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from runknee.storage import AssessmentStore
from runknee.storage.database import close_all, open_engine

THREADS = 16


def _round(engine: Any, barrier: threading.Barrier) -> None:
    def work() -> None:
        with engine.connect() as connection:
            barrier.wait(timeout=30)  # all threads hold a connection at once
            connection.execute(text("SELECT 1"))

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


def test_sixteen_busy_threads_reuse_their_connections(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'pool.sqlite3'}")
    opened: list[int] = []
    event.listen(engine, "connect", lambda *_: opened.append(1))
    try:
        _round(engine, threading.Barrier(THREADS))
        first = len(opened)
        _round(engine, threading.Barrier(THREADS))
        assert first == THREADS
        assert len(opened) == first, "connections were closed and opened again"
    finally:
        engine.dispose()


def test_close_all_closes_every_open_engine_which_still_works_after(tmp_path: Path) -> None:
    store = AssessmentStore.open(f"sqlite:///{tmp_path / 'closing.sqlite3'}")
    try:
        assert store.list() == []
        assert (tmp_path / "closing.sqlite3-wal").exists()  # a connection is open (WAL mode)
        close_all()
        assert not (tmp_path / "closing.sqlite3-wal").exists()  # closed: SQLite removed it
        assert store.list() == []  # and the engine connects again when used
    finally:
        store.close()


def test_close_all_leaves_an_in_memory_database_open() -> None:
    store = AssessmentStore.open("sqlite://")  # one connection: closing it would empty it
    try:
        close_all()
        assert store.list() == []  # the tables are still there
    finally:
        store.close()
