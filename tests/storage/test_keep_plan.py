"""Keeping the plan when its assessment is deleted (issue 12): migration 0007 makes
``plans.assessment_id`` nullable with ON DELETE SET NULL and keeps every row; a kept plan still
works, exports and imports; deleting with the plan still takes its sessions. SQLite and
PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, inspect, select

from runknee.api import Runknee
from runknee.errors import NotFoundError
from runknee.storage import AssessmentStore, migrate
from runknee.storage.database import downgrade
from runknee.storage.tables import plan_sessions, plans
from tests.example_cases import KNEECAP

NOW = datetime(2026, 1, 5, 8, tzinfo=UTC)


def _plan_with_sessions(api: Runknee, sessions: int = 2) -> tuple[str, str]:
    saved = api.save_assessment(KNEECAP)
    plan = api.start_plan(saved.id, 0)
    for pain in range(sessions):
        api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": pain})
    return saved.id, plan.id


def _session_count(store: AssessmentStore) -> int:
    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(plan_sessions)) or 0)


def test_upgrading_from_0006_keeps_every_plan_and_session(any_api: Runknee) -> None:
    store = any_api._store
    assessment_id, plan_id = _plan_with_sessions(any_api, 3)
    before = any_api.export_data()
    downgrade(store.engine, "0006")
    column = next(
        c for c in inspect(store.engine).get_columns("plans") if c["name"] == "assessment_id"
    )
    assert column["nullable"] is False
    migrate(store.engine)
    column = next(
        c for c in inspect(store.engine).get_columns("plans") if c["name"] == "assessment_id"
    )
    assert column["nullable"] is True
    (key,) = inspect(store.engine).get_foreign_keys("plans")
    assert key["options"].get("ondelete") == "SET NULL" and key["name"] == "fk_plans_assessment_id"
    indexes = {index["name"] for index in inspect(store.engine).get_indexes("plans")}
    assert "ix_plans_assessment_id" in indexes
    assert _session_count(store) == 3
    after = any_api.export_data()
    assert after["plans"] == before["plans"] and after["assessments"] == before["assessments"]
    any_api.delete_assessment(assessment_id, keep_plan=True)
    assert any_api.get_plan(plan_id).assessment_id is None


def test_downgrading_drops_only_plans_kept_without_their_assessment(any_api: Runknee) -> None:
    store = any_api._store
    kept_from, _ = _plan_with_sessions(any_api)
    _, other = _plan_with_sessions(any_api)
    any_api.delete_assessment(kept_from, keep_plan=True)
    downgrade(store.engine, "0006")
    with store.engine.connect() as connection:
        assert list(connection.scalars(select(plans.c.id))) == [other]
    assert _session_count(store) == 2
    migrate(store.engine)


def test_deleting_with_the_plan_takes_its_sessions(any_api: Runknee) -> None:
    assessment_id, plan_id = _plan_with_sessions(any_api)
    any_api.delete_assessment(assessment_id)
    with pytest.raises(NotFoundError):
        any_api.get_plan(plan_id)
    assert _session_count(any_api._store) == 0 and any_api.list_plans() == []


def test_a_kept_plan_still_logs_lists_exports_and_imports(any_api: Runknee) -> None:
    assessment_id, plan_id = _plan_with_sessions(any_api)
    any_api.delete_assessment(assessment_id, keep_plan=True)
    with pytest.raises(NotFoundError):
        any_api.get_assessment(assessment_id)
    any_api.log_session(plan_id, {"kind": "exercise", "pain_during_0_10": 1})
    assert [p.id for p in any_api.list_plans()] == [plan_id]
    assert len(any_api.plan_timeline(plan_id)) == 3
    document = any_api.export_data()
    assert document["plans"][0]["assessment_id"] is None
    any_api.erase_data()
    report = any_api.import_data(json.dumps(document))
    assert report.sections["plans"].imported == 1 and report.sections["sessions"].imported == 3
    assert any_api.get_plan(plan_id).assessment_id is None


def test_a_failed_delete_keeps_the_plans(any_api: Runknee) -> None:
    assessment_id, plan_id = _plan_with_sessions(any_api, 2)
    with pytest.raises(NotFoundError):
        any_api._store.delete("0" * 32)
    assert any_api.get_plan(plan_id).assessment_id == assessment_id
    assert len(any_api.plan_timeline(plan_id)) == 2
