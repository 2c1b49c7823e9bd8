"""The read cache behind the home page: answers kept until any connection commits (SQLite
files), never kept on PostgreSQL or in-memory SQLite."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from runknee.api import PainEntry, Runknee
from runknee.diary.suggestions import DiarySuggestion
from runknee.storage import AssessmentStore
from tests.example_cases import KNEECAP


class Statements:
    """Counts the SQL statements an engine sends."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1

    def during(self, read: Any) -> int:
        before = self.count
        read()
        return self.count - before


@pytest.fixture
def other_store(sqlite_url: str, store: AssessmentStore) -> Iterator[AssessmentStore]:
    """A second store on the same SQLite file (another connection pool)."""
    second = AssessmentStore.open(sqlite_url)
    yield second
    second.close()


def test_a_repeated_read_sends_no_query_until_another_connection_commits(
    store: AssessmentStore, other_store: AssessmentStore
) -> None:
    api, other = Runknee(store=store), Runknee(store=other_store)
    api.save_assessment(KNEECAP)
    sent = Statements(store.engine)
    assert sent.during(store.count) >= 1  # the first read also asks SQLite for its file
    assert sent.during(lambda: store.summary_page(20)) == 1
    assert sent.during(store.count) == 0
    assert sent.during(lambda: store.summary_page(20)) == 0
    saved = other.save_assessment(KNEECAP)  # committed by the other pool
    assert store.count() == 2
    assert store.summary_page(20).items[0].id == saved.id


def test_a_commit_through_the_same_store_is_seen(store: AssessmentStore) -> None:
    api = Runknee(store=store)
    assert store.count() == 0
    first = api.save_assessment(KNEECAP)
    assert store.count() == 1
    api.delete_assessment(first.id)
    assert (store.count(), store.summary_page(5).items) == (0, ())


def test_a_commit_in_another_process_is_seen(store: AssessmentStore, tmp_path: Path) -> None:
    saved = Runknee(store=store).save_assessment(KNEECAP)
    assert [s.id for s in store.summary_page(5).items] == [saved.id]
    database = tmp_path / "runknee.sqlite3"
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('delete from assessments'); c.commit()"
    )
    subprocess.run([sys.executable, "-c", script, str(database)], check=True, timeout=60)
    assert store.summary_page(5).items == ()
    assert store.count() == 0


def test_the_diary_suggestions_are_read_again_after_a_new_entry(store: AssessmentStore) -> None:
    diary = Runknee(store=store).diary
    sent = Statements(store.engine)
    day = date(2026, 3, 20)
    assert diary.suggest_findings(day) == []
    assert sent.during(lambda: diary.suggest_findings(day)) == 0
    diary.add_pain(PainEntry(entry_date=date(2026, 3, 19), during_0_10=2))
    assert sent.during(lambda: diary.suggest_findings(day)) > 0


def test_in_memory_sqlite_reads_every_time() -> None:
    store = AssessmentStore.open("sqlite://")
    try:
        store.count()
        sent = Statements(store.engine)
        assert [sent.during(store.count) for _ in range(3)] == [1, 1, 1]
    finally:
        store.close()


@pytest.mark.postgres
def test_postgresql_reads_every_time(postgres_url: str) -> None:
    store = AssessmentStore.open(postgres_url)
    try:
        sent = Statements(store.engine)
        assert [sent.during(store.count) for _ in range(3)] == [1, 1, 1]
    finally:
        store.close()


def test_only_the_newest_answers_are_kept(store: AssessmentStore) -> None:
    sent = Statements(store.engine)
    for limit in range(1, 70):  # more pages than the cache keeps
        store.summary_page(limit)
    assert sent.during(lambda: store.summary_page(69)) == 0
    assert sent.during(lambda: store.summary_page(1)) == 1  # the oldest answer went first


def test_closing_the_store_closes_the_watching_connection(store: AssessmentStore) -> None:
    store.count()
    watcher = store.reads._watcher
    assert watcher is not None
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        watcher.execute("select 1")


def test_no_copy_of_an_erased_answer_stays_in_memory(
    store: AssessmentStore, other_store: AssessmentStore
) -> None:
    Runknee(store=store).save_assessment(KNEECAP)
    store.summary_page(5)
    store.summary_page(1)
    Runknee(store=store).erase_data()
    assert store.reads._entries == {}
    kept = Runknee(store=other_store).save_assessment(KNEECAP)
    other_store.summary_page(5)
    other_store.summary_page(1)
    Runknee(store=store).delete_assessment(kept.id)  # committed elsewhere: dropped on next read
    assert other_store.count() == 0
    assert list(other_store.reads._entries) == [("count",)]


def test_an_answer_read_across_an_erase_is_not_kept(store: AssessmentStore) -> None:
    Runknee(store=store).save_assessment(KNEECAP)
    store.count()  # the watcher knows the version now

    def read_while_erased() -> int:
        answer = store._count()
        store.reads.forget()  # what an erase does while this read is still running
        return answer

    assert store.reads.get(("count", "across an erase"), read_while_erased) == 1
    assert store.reads._entries == {}


def test_disposing_the_engine_closes_the_watching_connection(store: AssessmentStore) -> None:
    from runknee.storage.database import close_all

    store.count()
    assert store.reads._watcher is not None
    close_all()  # what the CLI does before it exits
    assert store.reads._watcher is None


def test_a_cached_answer_cannot_be_changed_by_a_caller(store: AssessmentStore) -> None:
    """The cache hands the same objects to every caller: their lists are tuples, so that one
    caller's change cannot show on the next page (frozen models alone keep only the fields)."""
    api = Runknee(store=store)
    api.save_assessment(KNEECAP)
    page = store.summary_page(5)
    with pytest.raises(AttributeError):
        page.items.append(page.items[0])  # type: ignore[attr-defined]
    assert len(store.summary_page(5).items) == 1
    suggestion = DiarySuggestion(finding_id="load_spike", reason="", activity_ids=["a" * 32])
    with pytest.raises(AttributeError):
        suggestion.activity_ids.append("b" * 32)  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        suggestion.pain_dates.append(date(2026, 1, 1))  # type: ignore[attr-defined]
