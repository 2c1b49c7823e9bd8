"""Following a plan, stored: start, log, timeline, transactions, cascade, export and erase.

Runs on SQLite and PostgreSQL (``any_api`` / ``any_store`` from tests/conftest.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, inspect, select

from runknee.api import Runknee
from runknee.errors import CaseInputError, ConflictError, NotFoundError
from runknee.storage import AssessmentStore, migrate
from runknee.storage.database import downgrade
from runknee.storage.tables import plan_sessions, plans
from tests.db_faults import Boom, fail_after
from tests.example_cases import FALL_WITH_TENDER_KNEECAP as EMERGENCY
from tests.example_cases import KNEECAP


def _count(store: AssessmentStore, table: Any) -> int:
    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def _good(api: Runknee, plan_id: str, **extra: Any) -> dict[str, Any]:
    phase = api.get_plan(plan_id).plan.programme
    assert phase is not None
    session = {
        "kind": "exercise",
        "exercises_done": [phase.phases[0].exercises[0].id],
        "pain_during_0_10": 2,
        "pain_after_0_10": 1,
        "pain_next_morning_0_10": 0,
    }
    return {**session, **extra}


def _days_later(api: Runknee, days: int) -> None:
    """Move the test clock (conftest's StepClock) on by whole days."""
    clock: Any = api.clock
    clock.now += timedelta(days=days)


@pytest.fixture()
def started(any_api: Runknee) -> str:
    return any_api.start_plan(any_api.save_assessment(KNEECAP).id).id


def test_migration_adds_plan_tables_and_downgrades_cleanly(any_store: AssessmentStore) -> None:
    names = set(inspect(any_store.engine).get_table_names())
    assert {"assessments", "plans", "plan_sessions"} <= names
    columns = {c["name"] for c in inspect(any_store.engine).get_columns("plan_sessions")}
    assert {"plan_id", "kind", "session_json", "progress_json", "decision"} <= columns
    downgrade(any_store.engine, "0001")
    names = set(inspect(any_store.engine).get_table_names())
    assert "plans" not in names and "assessments" in names
    migrate(any_store.engine)
    assert any_store.plans.list() == []


def test_start_plan_builds_from_the_saved_assessment(any_api: Runknee) -> None:
    saved = any_api.save_assessment(KNEECAP)
    plan = any_api.start_plan(saved.id, morning_pain_0_10=1)
    assert plan.plan == any_api.plan(KNEECAP)
    assert plan.state is not None and plan.state.phase_index == 0
    assert plan.state.baseline_morning_pain_0_10 == 1
    assert any_api.get_plan(plan.id) == plan
    assert [p.id for p in any_api.list_plans()] == [plan.id]
    assert [p.id for p in any_api.list_plans(saved.id)] == [plan.id]
    other = any_api.save_assessment(KNEECAP)
    assert any_api.list_plans(other.id) == []


def test_unknown_ids_are_not_found(any_api: Runknee) -> None:
    with pytest.raises(NotFoundError) as caught:
        any_api.start_plan("0" * 32)
    assert caught.value.kind == "assessment"
    for bad in ("0" * 32, "nope"):
        with pytest.raises(NotFoundError) as caught:
            any_api.get_plan(bad)
        assert caught.value.kind == "plan"
        with pytest.raises(NotFoundError):
            any_api.log_session(bad, {"kind": "exercise", "pain_during_0_10": 1})


def test_logging_three_sessions_holds_then_steps_back(any_api: Runknee, started: str) -> None:
    # Two days apart: the first phase asks for a rest day between sessions.
    first = any_api.log_session(started, _good(any_api, started))
    _days_later(any_api, 2)
    second = any_api.log_session(started, _good(any_api, started, pain_during_0_10=3))
    _days_later(any_api, 2)
    third = any_api.log_session(started, _good(any_api, started, pain_during_0_10=7))
    assert [s.progress.decision for s in (first, second, third)] == ["hold", "hold", "step_back"]
    assert "2 of 6" in second.progress.reason
    assert "above the acceptable level" in third.progress.reason
    timeline = any_api.plan_timeline(started)
    assert [s.number for s in timeline] == [1, 2, 3]
    assert timeline[2].session.pain_during_0_10 == 7 and timeline[2].kind == "exercise"
    plan = any_api.get_plan(started)
    assert plan.session_count == 3
    assert plan.state == third.progress.state and plan.state.phase_good_sessions == 0


def test_next_morning_pain_above_usual_steps_back(any_api: Runknee, started: str) -> None:
    any_api.log_session(started, _good(any_api, started))
    logged = any_api.log_session(started, _good(any_api, started, pain_next_morning_0_10=4))
    assert logged.progress.decision == "step_back"
    assert logged.progress.pain_verdict == "not_settled"


def test_overview_gives_phase_next_steps_and_trend(any_api: Runknee, started: str) -> None:
    overview = any_api.plan_overview(started)
    assert overview.phase_number == 1 and overview.stage is None
    assert overview.pain_trend == "too_few"
    assert any("Exercises:" in step for step in overview.next_steps)
    for pain in (1, 4, 6):
        any_api.log_session(started, _good(any_api, started, pain_during_0_10=pain))
    assert any_api.plan_overview(started).pain_trend == "rising"


def test_invalid_sessions_name_the_field_and_store_nothing(any_api: Runknee, started: str) -> None:
    cases = [
        ({"kind": "swim", "pain_during_0_10": 1}, "session.kind"),
        ({"kind": "exercise", "pain_during_0_10": 11}, "session.pain_during_0_10"),
        ({"kind": "exercise", "pain_during_0_10": 1, "new_symptoms": ["nope"]}, None),
        ({"kind": "exercise", "pain_during_0_10": 1, "exercises_done": ["nope"]}, None),
    ]
    for data, field in cases:
        with pytest.raises(CaseInputError) as caught:
            any_api.log_session(started, data)
        if field is not None:
            assert caught.value.errors[0].field == field
        else:
            assert "unknown" in caught.value.errors[0].message
    assert any_api.get_plan(started).session_count == 0


def test_a_failure_while_logging_leaves_neither_session_nor_state(
    any_api: Runknee, any_store: AssessmentStore, started: str
) -> None:
    before = any_api.get_plan(started)
    for prefix in ("INSERT", "UPDATE"):
        with fail_after(any_store.engine, prefix), pytest.raises(Boom):
            any_api.log_session(started, _good(any_api, started))
        assert any_api.get_plan(started) == before
        assert any_api.plan_timeline(started) == []
    assert any_api.log_session(started, _good(any_api, started)).number == 1


def test_a_stale_plan_cannot_log_over_a_newer_state(
    any_api: Runknee, any_store: AssessmentStore, started: str
) -> None:
    stale = any_api.get_plan(started)
    logged = any_api.log_session(started, _good(any_api, started))
    assert stale.state is not None
    with pytest.raises(ConflictError, match="changed"):
        any_store.plans.save_sessions(stale, [logged], stale.state, [], any_api.clock())
    assert len(any_api.plan_timeline(started)) == 1


def test_a_stale_plan_cannot_overwrite_an_edit_that_kept_the_count(
    any_api: Runknee, any_store: AssessmentStore, started: str
) -> None:
    """An edit leaves the number of sessions as it was: the guard must still see it."""
    logged = any_api.log_session(started, _good(any_api, started))
    stale = any_api.get_plan(started)
    any_api.edit_plan_session(started, logged.id, {"pain_next_morning_0_10": 2})
    assert stale.state is not None
    with pytest.raises(ConflictError, match="changed"):
        any_store.plans.save_sessions(stale, [logged], stale.state, [], any_api.clock())
    assert any_api.plan_timeline(started)[0].session.pain_next_morning_0_10 == 2


def test_an_until_seen_plan_has_no_state_and_nothing_to_log(any_api: Runknee) -> None:
    plan = any_api.start_plan(any_api.save_assessment(EMERGENCY).id)
    assert plan.plan.limited and plan.state is None and plan.plan.programme is None
    with pytest.raises(CaseInputError, match="until you are seen"):
        any_api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": 1})
    assert any_api.plan_overview(plan.id).phase is None


def test_start_running_needs_every_check_then_walk_runs_count(
    any_api: Runknee, started: str
) -> None:
    running = any_api.get_plan(started).plan.return_to_running
    assert running is not None and running.mode == "self_guided"
    ids = [c.id for c in running.start_criteria]
    with pytest.raises(CaseInputError) as caught:
        any_api.start_running(started, {ids[0]: True})
    assert [e.field for e in caught.value.errors] == [f"criteria.{i}" for i in ids[1:]]
    plan = any_api.start_running(started, dict.fromkeys(ids, True))
    assert plan.state is not None and plan.state.running_stage_index == 0
    _days_later(any_api, 2)
    run = {"kind": "walk_run", "pain_during_0_10": 1, "pain_next_morning_0_10": 0}
    logged = any_api.log_session(started, run)
    assert logged.kind == "walk_run" and logged.session.kind == "run"
    assert "Good run (1 of" in logged.progress.reason
    assert any_api.plan_overview(started).stage is not None


def test_a_warning_sign_pauses_until_resumed(any_api: Runknee, started: str) -> None:
    logged = any_api.log_session(started, _good(any_api, started, new_symptoms=["locking"]))
    assert logged.progress.decision == "pause"
    assert logged.progress.level_of_care is not None
    paused = any_api.get_plan(started)
    assert paused.state is not None and paused.state.paused_for is not None
    step = any_api.plan_overview(started).next_steps[0]
    label = any_api.urgency_label(paused.state.paused_for)
    assert "paused" in step and f"({label[0].lower()}{label[1:]})" in step  # words, not a code
    resumed = any_api.resume_plan(started)
    assert resumed.state is not None and resumed.state.paused_for is None


def test_deleting_an_assessment_deletes_its_plans_and_sessions(
    any_api: Runknee, any_store: AssessmentStore, started: str
) -> None:
    any_api.log_session(started, _good(any_api, started))
    keep = any_api.start_plan(any_api.save_assessment(KNEECAP).id)
    built_on = any_api.get_plan(started).assessment_id
    assert built_on is not None
    any_api.delete_assessment(built_on)
    with pytest.raises(NotFoundError):
        any_api.get_plan(started)
    assert [p.id for p in any_api.list_plans()] == [keep.id]
    assert _count(any_store, plan_sessions) == 0


def test_export_and_erase_include_plans_and_sessions(
    any_api: Runknee, any_store: AssessmentStore, started: str
) -> None:
    any_api.log_session(started, _good(any_api, started))
    exported = any_api.export_data()
    assert [p["id"] for p in exported["plans"]] == [started]
    assert exported["plans"][0]["sessions"][0]["progress"]["decision"] == "hold"
    assert exported["plans"][0]["plan"]["programme"]["id"]
    assert any_api.erase_data() == 1
    assert _count(any_store, plans) == 0 and _count(any_store, plan_sessions) == 0
    assert any_api.export_data()["plans"] == []


def test_a_failure_mid_erase_keeps_plans(
    any_api: Runknee, any_store: AssessmentStore, started: str
) -> None:
    any_api.log_session(started, _good(any_api, started))
    with fail_after(any_store.engine, "DELETE"), pytest.raises(Boom):
        any_api.erase_data()
    assert _count(any_store, plans) == 1 and _count(any_store, plan_sessions) == 1
