"""The quick read path (``storage/sqlite_reads.py``): the same records as the repositories, from
SQL generated from their own selects; only on a private SQLite file at the newest schema, read
without creating, changing or leaving files, and answering while another connection writes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from runknee.errors import NotFoundError
from runknee.storage import AssessmentStore, migrate, open_engine
from runknee.storage.database import (
    SQLITE_BUSY_TIMEOUT_MS,
    alembic_config,
    downgrade,
    head_revision,
)
from runknee.storage.sqlite_query_source import TARGET, source
from runknee.storage.sqlite_reads import (
    BUSY_TIMEOUT_S,
    QUICK_READS_ENV,
    SCHEMA_HEAD,
    SqliteReads,
    sqlite_file,
)
from tests.storage.quick_read_data import fill


@pytest.fixture()
def filled(tmp_path: Path) -> tuple[str, Path]:
    """A database filled through the store (closed again: no side files), and its file."""
    path = tmp_path / "runknee.sqlite3"
    url = f"sqlite:///{path}"
    fill(url)
    return url, path


def _reads(url: str) -> SqliteReads:
    reads = SqliteReads.open(url, {})
    assert reads is not None
    return reads


def _files(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file in ``folder``: its mode and the SHA-256 of its bytes."""
    return {
        path.name: (path.stat().st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted(folder.iterdir())
    }


def test_the_generated_queries_are_the_repositories_current_ones() -> None:
    assert TARGET.read_text("utf-8") == source(), "sqlite_queries.py is stale: run `make docs`"


def test_the_schema_head_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [SCHEMA_HEAD]
    assert head_revision() == SCHEMA_HEAD


def test_the_quick_path_reads_what_the_store_reads(filled: tuple[str, Path]) -> None:
    url, _ = filled
    reads = _reads(url)
    store = AssessmentStore.open(url)
    try:
        assert reads.assessments() == store.list()
        assert len(store.list()) == 3
        plans = store.plans.list()
        assert reads.plans() == plans
        assert {plan.assessment_id is None for plan in plans} == {True, False}
        kept = next(plan for plan in plans if plan.assessment_id is not None)
        assert reads.plans(kept.assessment_id) == store.plans.list(kept.assessment_id) == [kept]
        for plan in plans:
            sessions = store.plans.sessions(plan.id)
            assert reads.plan_with_sessions(plan.id) == (store.plans.get(plan.id), sessions)
        assert [len(store.plans.sessions(plan.id)) for plan in plans] == [0, 4]
        with pytest.raises(NotFoundError):
            reads.plan_with_sessions("f" * 32)
        assert reads.activities() == store.diary.list()
        assert {a.source_format for a in store.diary.list()} == {"fit", "gpx", "manual"}
        for day in (date(2025, 3, 5), date(2025, 3, 9), date(2030, 1, 1)):
            assert reads.activities(day) == store.diary.list(day)
        assert reads.pain() == store.pain.list()
        checks = store.form_checks.list()
        assert reads.form_checks() == checks
        assert [check.has_clip for check in checks] == [False, True]
        for day in (date(2025, 3, 3), date(2025, 3, 5), date(2030, 1, 1)):
            facts = (store.diary.facts(day), store.pain.facts(day), store.shoes.list())
            assert reads.diary_facts(day) == facts
        found = reads.diary_facts(date(2030, 1, 1))
        assert found is not None and all(found)  # read quickly, and none of the three is empty
        for since, until in (
            (date(2025, 3, 4), date(2025, 3, 9)),
            (date(2025, 1, 1), date(2025, 3, 3)),
        ):
            window = (store.diary.list(since, until), store.pain.list(since), store.shoes.list())
            assert reads.diary_window(since, until) == window
    finally:
        store.close()


def test_the_quick_path_reads_a_database_migrated_from_an_older_schema(
    filled: tuple[str, Path],
) -> None:
    url, _ = filled
    store = AssessmentStore.open(url)
    try:
        downgrade(store.engine, "0005")
        assert SqliteReads.open(url, {}) is not None  # the file itself is fine...
        assert _reads(url).assessments() is None  # ...but its schema is not the newest
        migrate(store.engine)
        reads = _reads(url)
        assert reads.assessments() == store.list()
        assert reads.plans() == store.plans.list()
        assert reads.activities() == store.diary.list()
    finally:
        store.close()


def test_a_quick_read_creates_changes_and_leaves_no_file(filled: tuple[str, Path]) -> None:
    url, path = filled
    before = _files(path.parent)
    assert list(before) == ["runknee.sqlite3"]  # the store left it in WAL mode, without side files
    reads = _reads(url)
    assert reads.assessments() and reads.activities() and reads.plans() and reads.pain()
    assert _files(path.parent) == before


def test_a_missing_database_is_left_to_the_store_and_not_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'none' / 'runknee.sqlite3'}"
    assert SqliteReads.open(url, {}) is None
    assert not (tmp_path / "none").exists()
    reads = SqliteReads(tmp_path / "gone.sqlite3")  # removed after the check: sqlite3 refuses
    assert reads.assessments() is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file:memdb1?mode=memory&cache=shared&uri=true",
        "sqlite:///~/runknee.sqlite3",
        "sqlite:///runknee%20data.sqlite3",
        "postgresql+psycopg://user:secret@localhost/runknee",
        "not a url",
    ],
)
def test_other_databases_are_left_to_the_store(url: str) -> None:
    assert sqlite_file(url) is None
    assert SqliteReads.open(url, {}) is None


@pytest.mark.parametrize("side", ["", "-wal", "-shm"])
@pytest.mark.parametrize("mode", [0o644, 0o400, 0o660])
def test_a_file_the_store_would_change_the_mode_of_is_left_to_it(
    filled: tuple[str, Path], side: str, mode: int
) -> None:
    url, path = filled
    file = path.with_name(path.name + side)
    file.touch(mode=0o600)
    os.chmod(file, mode)
    assert SqliteReads.open(url, {}) is None
    AssessmentStore.open(url).close()  # the store sets the mode it wants...
    assert SqliteReads.open(url, {}) is not None  # ...which the quick path then reads
    assert BUSY_TIMEOUT_S * 1000 == SQLITE_BUSY_TIMEOUT_MS  # waits for a lock as the store does


def test_the_switch_turns_the_quick_path_off(filled: tuple[str, Path]) -> None:
    url, _ = filled
    assert SqliteReads.open(url, {QUICK_READS_ENV: "off"}) is None
    assert SqliteReads.open(url, {QUICK_READS_ENV: "on"}) is not None


@pytest.mark.parametrize("content", [b"", b"not a database " * 100])
def test_a_file_that_is_not_a_database_is_left_to_the_store(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "runknee.sqlite3"
    path.write_bytes(content)
    os.chmod(path, 0o600)
    assert _reads(f"sqlite:///{path}").assessments() is None
    assert _files(tmp_path) == {"runknee.sqlite3": (path.stat().st_mode, _sha(content))}


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def test_a_quick_read_answers_while_another_connection_writes(filled: tuple[str, Path]) -> None:
    url, path = filled
    engine = open_engine(url)  # the store's own connection settings: WAL, busy timeout
    store = AssessmentStore(engine)
    expected = store.list()
    writer = sqlite3.connect(path, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a server mid-save does
        writer.execute("UPDATE assessments SET knowledge_version = 'changing'")
        writer.execute("DELETE FROM diary_pain")
        reads = _reads(url)
        assert reads.assessments() == expected  # the last committed state, without waiting
        assert reads.pain() == store.pain.list()
        assert reads.pain()
        writer.commit()
        assert reads.pain() == []
        assert {item.knowledge_version for item in reads.assessments() or []} == {"changing"}
    finally:
        writer.close()
        store.close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["runknee.sqlite3"]


# Another process in the middle of a write, as the web server saving: it holds the write lock
# until told to commit.
_WRITER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=0)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("BEGIN IMMEDIATE")
connection.execute("DELETE FROM diary_pain")
print("writing", flush=True)
sys.stdin.readline()
connection.commit()
connection.close()
"""


def test_a_quick_read_answers_while_another_process_writes(filled: tuple[str, Path]) -> None:
    url, path = filled
    reads = _reads(url)
    before = reads.pain()
    assert before
    with subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None and writer.stdin is not None
        try:
            assert writer.stdout.readline() == "writing\n"
            assert reads.pain() == before  # not blocked (that would give None), not half-written
            writer.stdin.write("commit\n")
            writer.stdin.flush()
            assert writer.wait(timeout=30) == 0
        finally:
            writer.kill()
    assert reads.pain() == []
    assert sorted(p.name for p in path.parent.iterdir()) == ["runknee.sqlite3"]
