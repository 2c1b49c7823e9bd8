"""Export, then import into a fresh database: every row of every table comes back, column for
column (a column that the export or the import forgets fails here, not only in the export's
own words), and each table's rows are built by one function for the repository and the import.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, select, update

from runknee.api import Runknee
from runknee.storage import AssessmentStore
from runknee.storage.diary_tables import diary_activities, diary_pain
from runknee.storage.tables import metadata, plans
from tests.conftest import StepClock
from tests.full_data import fill


def _rows(store: AssessmentStore, table: Table) -> list[dict[str, Any]]:
    """Every row of ``table`` with every column, in primary-key order."""
    with store.engine.connect() as connection:
        query = select(table).order_by(*table.primary_key.columns)
        return [row._asdict() for row in connection.execute(query)]


EMPTY: tuple[object, ...] = (None, [], {})

EVENT = {"kind": "start_running", "on": "2025-03-04", "at": "2025-03-04T09:00:00Z"}


def _fill_every_column(api: Runknee, store: AssessmentStore) -> None:
    """The full data, then a value in each column that it leaves empty (written as a later
    version could have written it: the export reads what is stored)."""
    fill(api)
    with store.engine.begin() as connection:
        connection.execute(update(diary_activities).values(gear="Trail shoes"))
        connection.execute(update(diary_pain).values(after_0_10=3, morning_stiffness_min=10))
        connection.execute(update(plans).values(events_json=[EVENT]))


@pytest.fixture()
def fresh_store(tmp_path: Path) -> Iterator[AssessmentStore]:
    """A second, empty SQLite file."""
    store = AssessmentStore.open(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    try:
        yield store
    finally:
        store.close()


def test_a_round_trip_into_a_fresh_database_keeps_every_column_of_every_row(
    api: Runknee, store: AssessmentStore, fresh_store: AssessmentStore
) -> None:
    _fill_every_column(api, store)
    fresh = Runknee(store=fresh_store, clock=StepClock())
    fresh.import_data(json.dumps(api.export_data()))
    tables = [table for table in metadata.sorted_tables if table.name != "alembic_version"]
    assert {"diary_activities", "diary_splits", "form_checks", "plan_sessions"} <= {
        table.name for table in tables
    }
    for table in tables:
        before = _rows(store, table)
        assert before, f"the full data leaves {table.name} empty: the test would prove nothing"
        for column in table.columns:
            assert any(row[column.name] not in EMPTY for row in before), (table.name, column.name)
        assert _rows(fresh_store, table) == before, table.name
