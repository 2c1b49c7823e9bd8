"""Keyset paging in the store, on SQLite and PostgreSQL: pages, summaries read inside the
database, cursors, counts, and the oldest-first batches the export streams."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from runknee.api import Runknee
from runknee.errors import CaseInputError
from runknee.storage import migrate
from runknee.storage.database import downgrade
from runknee.storage.paging import decode_cursor
from tests.example_cases import FALL_WITH_TENDER_KNEECAP, KNEECAP


def test_pages_and_summaries_walk_the_history_newest_first(any_api: Runknee) -> None:
    api, any_store = any_api, any_api._store  # any_api has a clock that steps a second a read
    saved = [api.save_assessment(c) for c in [KNEECAP, FALL_WITH_TENDER_KNEECAP] * 4][::-1]
    pages, cursor = [], None
    while True:
        page = any_store.page(3, cursor)
        summaries = any_store.summary_page(3, cursor)
        assert page.next_cursor == summaries.next_cursor
        for full, short in zip(page.items, summaries.items, strict=True):
            assert (short.id, short.created_at) == (full.id, full.created_at)
            assert short.urgency == full.result.urgency.value
            assert short.urgency_label == full.result.urgency_advice.label
            assert short.top_condition == full.result.conditions[0].name
        pages.append([item.id for item in page.items])
        cursor = page.next_cursor
        if cursor is None:
            break
    assert [len(p) for p in pages] == [3, 3, 2]
    assert [i for p in pages for i in p] == [s.id for s in saved]
    assert [a.id for a in any_store.iter_oldest_first(batch=3)] == [s.id for s in saved[::-1]]
    assert any_store.count() == 8


def test_counts_of_plans_and_sessions(any_api: Runknee) -> None:
    api, any_store = any_api, any_api._store
    plan = api.start_plan(api.save_assessment(KNEECAP).id)
    api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": 1, "pain_after_0_10": 1})
    assert any_store.plans.counts() == (1, 1)


@pytest.mark.parametrize("cursor", ["", "x", "1-abc", "12345678901234567-" + "a" * 32])
def test_a_cursor_not_from_the_store_is_refused(cursor: str) -> None:
    with pytest.raises(CaseInputError):
        decode_cursor(cursor)


def test_a_page_of_summaries_reads_no_whole_result(any_api: Runknee) -> None:
    """The home page lists the latest assessments from short columns saved with each one,
    not by extracting from every listed result's JSON (~0.9 ms a page of 20 at 9 KB each)."""
    api, store = any_api, any_api._store
    api.save_assessment(KNEECAP)
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        page = store.summary_page(20)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert page.items and page.items[0].top_condition
    assert statements and not [s for s in statements if "result_json" in s]


def test_the_migration_fills_the_summaries_of_saved_assessments(any_api: Runknee) -> None:
    api, store = any_api, any_api._store
    saved = api.save_assessment(FALL_WITH_TENDER_KNEECAP)
    downgrade(store.engine, "0006")
    migrate(store.engine)
    (summary,) = store.summary_page(5).items
    assert summary.urgency_label == saved.result.urgency_advice.label
    assert summary.top_condition == saved.result.conditions[0].name
