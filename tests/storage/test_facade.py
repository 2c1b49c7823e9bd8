"""The facade's storage methods: assess-then-save, the clock, and the lazily opened store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from runknee.api import Runknee
from runknee.errors import CaseInputError, NotFoundError
from runknee.storage import AssessmentStore
from tests.case_strategies import valid_cases

KNEECAP = {"age_years": 30, "findings": {"pain_front_kneecap": "present"}}


def test_save_assessment_assesses_then_stores_with_the_clock_time(any_api: Runknee) -> None:
    saved = any_api.save_assessment(KNEECAP)
    assert saved.result == any_api.assess(KNEECAP)
    assert saved.created_at == datetime(2025, 3, 1, 9, 0, 1, tzinfo=UTC)
    assert any_api.get_assessment(saved.id) == saved
    assert [item.id for item in any_api.list_assessments()] == [saved.id]


def test_invalid_cases_are_refused_and_nothing_is_stored(any_api: Runknee) -> None:
    with pytest.raises(CaseInputError) as caught:
        any_api.save_assessment({"age_years": 300, "findings": {"no_such_finding": "present"}})
    assert [error.field for error in caught.value.errors] == ["age_years"]
    with pytest.raises(CaseInputError) as caught:
        any_api.save_assessment({"findings": {"no_such_finding": "present"}})
    assert caught.value.errors[0].field == "findings.no_such_finding"
    assert any_api.list_assessments() == []


def test_delete_export_and_erase(any_api: Runknee) -> None:
    first = any_api.save_assessment(KNEECAP)
    second = any_api.save_assessment(KNEECAP)
    any_api.delete_assessment(first.id)
    with pytest.raises(NotFoundError):
        any_api.get_assessment(first.id)
    exported = any_api.export_data()
    assert [item["id"] for item in exported["assessments"]] == [second.id]
    assert exported["knowledge_version"] == any_api.knowledge_version
    assert exported["exported_at"].startswith("2025-03-01T09:00:")
    assert any_api.erase_data() == 1
    assert any_api.export_data()["assessments"] == []


def test_store_opens_lazily_from_runknee_database_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", f"sqlite:///{path}")
    api = Runknee()
    assert not path.exists()  # the CLI's other commands never touch the database
    api.save_assessment(KNEECAP)
    assert path.exists() and len(api.list_assessments()) == 1
    api._store.close()


def test_an_explicit_store_and_clock_are_used(store: AssessmentStore) -> None:
    moment = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    api = Runknee(store=store, clock=lambda: moment)
    assert api._store is store
    assert api.save_assessment(KNEECAP).created_at == moment


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=valid_cases)
def test_any_valid_case_survives_a_storage_round_trip(
    api: Runknee, data: dict[str, object]
) -> None:
    saved = api.save_assessment(data)
    assert api.get_assessment(saved.id) == saved
    assert saved.case == api.case(data)
