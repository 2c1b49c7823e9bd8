"""The assessment store on real databases: SQLite files and PostgreSQL (``database_url``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from runknee.api import Runknee
from runknee.engine.case import Case
from runknee.errors import NotFoundError
from runknee.storage import (
    AssessmentStore,
    database_url_from_env,
    default_database_url,
    migrate,
    open_engine,
    redact_url,
)
from runknee.storage.database import downgrade
from tests.db_faults import Boom, fail_after

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
KNEECAP = {"age_years": 30, "findings": {"pain_front_kneecap": "present"}}
SWOLLEN = {
    "age_years": 45,
    "sex": "male",
    "findings": {"swelling": "present", "locking": "present"},
}


@pytest.fixture(scope="module")
def engine_api() -> Runknee:
    return Runknee()


def _save(store: AssessmentStore, api: Runknee, data: dict[str, Any], now: datetime = T0) -> Any:
    case = api.case(data)
    return store.save(case, api.assess(case), now)


def test_migration_creates_the_table_and_is_idempotent(any_store: AssessmentStore) -> None:
    migrate(any_store.engine)  # a second upgrade is a no-op
    columns = {c["name"] for c in inspect(any_store.engine).get_columns("assessments")}
    assert columns == {
        "id",
        "created_at",
        "updated_at",
        "knowledge_version",
        "urgency",
        "case_json",
        "result_json",
        "urgency_label",
        "top_condition",
    }


def test_migrations_downgrade_and_upgrade_again(any_store: AssessmentStore) -> None:
    downgrade(any_store.engine)
    assert "assessments" not in inspect(any_store.engine).get_table_names()
    migrate(any_store.engine)
    assert any_store.list() == []


def test_save_then_get_round_trips_case_result_version_and_utc_times(
    any_store: AssessmentStore, engine_api: Runknee
) -> None:
    later = datetime(2025, 3, 1, 11, 30, tzinfo=timezone(timedelta(hours=2)))  # 09:30 UTC
    saved = _save(any_store, engine_api, SWOLLEN, later)
    assert len(saved.id) == 32 and int(saved.id, 16) >= 0
    assert saved.created_at == saved.updated_at == datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    loaded = any_store.get(saved.id)
    assert loaded == saved
    assert loaded.created_at.utcoffset() == timedelta(0)
    assert loaded.knowledge_version == engine_api.knowledge_version
    assert loaded.case == engine_api.case(SWOLLEN)
    assert loaded.result == engine_api.assess(SWOLLEN)


def test_list_is_newest_first_and_count_matches(
    any_store: AssessmentStore, engine_api: Runknee
) -> None:
    first = _save(any_store, engine_api, KNEECAP, T0)
    second = _save(any_store, engine_api, SWOLLEN, T0 + timedelta(minutes=5))
    assert [item.id for item in any_store.list()] == [second.id, first.id]
    assert any_store.count() == 2


@pytest.mark.parametrize("bad_id", ["0" * 32, "not-an-id", "", "A" * 32, "x\x00y", "0" * 33])
def test_get_and_delete_of_unknown_ids_raise_not_found(
    any_store: AssessmentStore, bad_id: str
) -> None:
    with pytest.raises(NotFoundError) as caught:
        any_store.get(bad_id)
    assert caught.value.kind == "assessment"
    with pytest.raises(NotFoundError):
        any_store.delete(bad_id)


def test_delete_removes_only_that_assessment(
    any_store: AssessmentStore, engine_api: Runknee
) -> None:
    keep = _save(any_store, engine_api, KNEECAP)
    gone = _save(any_store, engine_api, SWOLLEN)
    any_store.delete(gone.id)
    assert [item.id for item in any_store.list()] == [keep.id]
    with pytest.raises(NotFoundError):
        any_store.get(gone.id)


def test_export_holds_everything_oldest_first(
    any_store: AssessmentStore, engine_api: Runknee
) -> None:
    first = _save(any_store, engine_api, KNEECAP, T0)
    second = _save(any_store, engine_api, SWOLLEN, T0 + timedelta(seconds=1))
    data = any_store.export()
    assert data["format"] == "runknee-export" and data["format_version"] == 1
    assert [item["id"] for item in data["assessments"]] == [first.id, second.id]
    assert data["assessments"][0]["case"] == first.case.model_dump(mode="json")


def test_erase_all_deletes_everything_and_says_how_much(
    any_store: AssessmentStore, engine_api: Runknee
) -> None:
    for _ in range(3):
        _save(any_store, engine_api, KNEECAP)
    assert any_store.erase_all() == 3
    assert any_store.list() == [] and any_store.erase_all() == 0


def test_a_failure_mid_insert_leaves_no_row(
    any_store: AssessmentStore, engine_api: Runknee
) -> None:
    with fail_after(any_store.engine, "INSERT"), pytest.raises(Boom):
        _save(any_store, engine_api, KNEECAP)
    assert any_store.count() == 0
    _save(any_store, engine_api, KNEECAP)  # the store still works afterwards
    assert any_store.count() == 1


def test_a_failure_mid_erase_keeps_every_row(
    any_store: AssessmentStore, engine_api: Runknee
) -> None:
    saved = [_save(any_store, engine_api, KNEECAP) for _ in range(2)]
    with fail_after(any_store.engine, "DELETE"), pytest.raises(Boom):
        any_store.erase_all()
    with fail_after(any_store.engine, "DELETE"), pytest.raises(Boom):
        any_store.delete(saved[0].id)
    assert any_store.count() == 2


def test_naive_times_are_refused(any_store: AssessmentStore, engine_api: Runknee) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        _save(any_store, engine_api, KNEECAP, datetime(2025, 3, 1, 9, 0))
    assert any_store.count() == 0


def test_sqlite_file_and_its_folder_are_created_on_first_open(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "runknee.sqlite3"
    store = AssessmentStore.open(f"sqlite:///{path}")
    try:
        assert path.exists() and store.list() == []
    finally:
        store.close()


def test_data_survives_reopening_the_sqlite_file(sqlite_url: str, engine_api: Runknee) -> None:
    store = AssessmentStore.open(sqlite_url)
    saved = _save(store, engine_api, KNEECAP)
    store.close()
    again = AssessmentStore.open(sqlite_url)
    try:
        assert again.get(saved.id) == saved
    finally:
        again.close()


def test_in_memory_sqlite_is_shared_across_threads(engine_api: Runknee) -> None:
    import threading

    store = AssessmentStore.open("sqlite://")
    thread = threading.Thread(target=_save, args=(store, engine_api, KNEECAP))
    thread.start()
    thread.join()
    assert store.count() == 1


def test_default_url_is_a_sqlite_file_in_the_user_data_dir(tmp_path: Path) -> None:
    assert default_database_url(tmp_path) == f"sqlite:///{tmp_path / 'runknee.sqlite3'}"
    assert default_database_url().startswith("sqlite:///")
    assert default_database_url().endswith("runknee.sqlite3")
    assert database_url_from_env({}) == default_database_url()
    assert database_url_from_env({"RUNKNEE_DATABASE_URL": "sqlite://"}) == "sqlite://"


def test_printed_urls_hide_passwords() -> None:
    shown = redact_url("postgresql+psycopg://me:secret@127.0.0.1:5432/db")
    assert "secret" not in shown and "me:***@127.0.0.1" in shown


def test_open_engine_turns_on_sqlite_foreign_keys_and_wal(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def test_stored_case_validates_as_a_case(any_store: AssessmentStore, engine_api: Runknee) -> None:
    saved = _save(any_store, engine_api, {"declined": ["age_years"], "facts": {"cadence_spm": 170}})
    assert isinstance(any_store.get(saved.id).case, Case)
    assert any_store.get(saved.id).case.facts.cadence_spm == 170
