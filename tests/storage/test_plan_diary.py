"""Plan sessions as dated diary entries, stored: dates, edits, deletions, the 0008 migration and
export/import. Runs on SQLite and PostgreSQL (``any_api`` / ``any_store``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, select

from runknee.api import Runknee
from runknee.errors import CaseInputError, NotFoundError
from runknee.storage import AssessmentStore, migrate
from runknee.storage.database import downgrade
from runknee.storage.tables import assessments, plan_sessions, plans
from tests.example_cases import KNEECAP

START = date(2025, 3, 1)  # conftest's StepClock starts on this day


def _later(api: Runknee, days: int) -> None:
    clock: Any = api.clock
    clock.now += timedelta(days=days)


def _session(api: Runknee, plan_id: str, on: date | None, **extra: Any) -> dict[str, Any]:
    programme = api.get_plan(plan_id).plan.programme
    assert programme is not None
    data: dict[str, Any] = {
        "kind": "exercise",
        "exercises_done": [programme.phases[0].exercises[0].id],
        "pain_during_0_10": 2,
        "pain_after_0_10": 1,
        "pain_next_morning_0_10": 0,
    }
    if on is not None:
        data["on"] = on.isoformat()
    return {**data, **extra}


@pytest.fixture()
def started(any_api: Runknee) -> str:
    return any_api.start_plan(any_api.save_assessment(KNEECAP).id).id


def test_a_session_is_dated_today_unless_the_runner_says(any_api: Runknee, started: str) -> None:
    _later(any_api, 4)
    today = any_api.log_session(started, _session(any_api, started, None))
    assert today.on == START + timedelta(days=4) and today.session.day == 4
    earlier = any_api.log_session(started, _session(any_api, started, START))
    assert earlier.on == START and earlier.session.day == 0
    # Numbered in date order: the back-dated session is the first.
    assert [(s.number, s.on) for s in any_api.plan_timeline(started)] == [
        (1, START),
        (2, START + timedelta(days=4)),
    ]
    assert any_api.get_plan(started).state.phase_good_sessions == 2  # type: ignore[union-attr]


@pytest.mark.parametrize("offset", [-1, 2])
def test_dates_before_the_start_or_in_the_future_are_refused(
    any_api: Runknee, started: str, offset: int
) -> None:
    with pytest.raises(CaseInputError) as caught:
        any_api.log_session(started, _session(any_api, started, START + timedelta(days=offset)))
    assert caught.value.errors[0].field == "session.on"
    assert any_api.plan_timeline(started) == []


def test_next_morning_pain_added_the_next_day_re_decides(any_api: Runknee, started: str) -> None:
    first = any_api.log_session(started, _session(any_api, started, None))
    _later(any_api, 2)
    waiting = any_api.log_session(
        started, _session(any_api, started, None, pain_next_morning_0_10=None)
    )
    assert waiting.progress.pain_verdict == "pending"
    _later(any_api, 1)
    edited = any_api.edit_plan_session(started, waiting.id, {"pain_next_morning_0_10": 4})
    assert (edited.id, edited.on, edited.logged_at) == (waiting.id, waiting.on, waiting.logged_at)
    assert (edited.progress.pain_verdict, edited.progress.decision) == ("not_settled", "step_back")
    assert edited.session.pain_during_0_10 == 2  # untouched fields stay
    plan = any_api.get_plan(started)
    assert plan.state == edited.progress.state and plan.session_count == 2
    assert any_api.plan_timeline(started)[0].id == first.id


def test_moving_a_session_to_another_date_reorders_and_replays(
    any_api: Runknee, started: str
) -> None:
    _later(any_api, 6)
    a = any_api.log_session(started, _session(any_api, started, START + timedelta(days=2)))
    b = any_api.log_session(started, _session(any_api, started, START + timedelta(days=3)))
    assert "does not count" in b.progress.reason
    any_api.edit_plan_session(started, b.id, {"on": (START + timedelta(days=5)).isoformat()})
    timeline = any_api.plan_timeline(started)
    assert [s.id for s in timeline] == [a.id, b.id]
    assert "Good session (2 of" in timeline[1].progress.reason


def test_deleting_asks_what_changes_then_replays(any_api: Runknee, started: str) -> None:
    _later(any_api, 6)
    days = [0, 1, 2]
    logged = [
        any_api.log_session(started, _session(any_api, started, START + timedelta(days=d)))
        for d in days
    ]
    assert [s.progress.state.phase_good_sessions for s in logged] == [1, 1, 1]
    preview = any_api.plan_session_deletion(started, logged[1].id)
    assert preview.session.id == logged[1].id
    assert preview.phase_before == preview.phase_after == 1
    # Without day 1, day 2 is two days after day 0 and counts; its decision stays "hold".
    assert preview.changed == []
    assert len(any_api.plan_timeline(started)) == 3  # a preview deletes nothing
    done = any_api.delete_plan_session(started, logged[1].id)
    assert done == preview
    timeline = any_api.plan_timeline(started)
    assert [s.id for s in timeline] == [logged[0].id, logged[2].id]
    assert [s.number for s in timeline] == [1, 2]
    assert "Good session (2 of" in timeline[1].progress.reason
    with pytest.raises(NotFoundError):
        any_api.delete_plan_session(started, logged[1].id)


def test_deleting_the_session_that_paused_the_plan_unpauses_it(
    any_api: Runknee, started: str
) -> None:
    bad = any_api.log_session(started, _session(any_api, started, None, new_symptoms=["locking"]))
    assert bad.progress.decision == "pause"
    _later(any_api, 2)
    after = any_api.log_session(started, _session(any_api, started, None))
    assert after.progress.decision == "pause"
    preview = any_api.plan_session_deletion(started, bad.id)
    assert (preview.paused_before, preview.paused_after) == (True, False)
    assert [(c.decision_before, c.decision_after) for c in preview.changed] == [("pause", "hold")]
    any_api.delete_plan_session(started, bad.id)
    state = any_api.get_plan(started).state
    assert state is not None and state.paused_for is None


def test_the_walk_run_start_survives_a_replay(any_api: Runknee, started: str) -> None:
    running = any_api.get_plan(started).plan.return_to_running
    assert running is not None
    any_api.start_running(started, {c.id: True for c in running.start_criteria})
    assert [e.kind for e in any_api.get_plan(started).events] == ["start_running"]
    _later(any_api, 2)
    run = {"kind": "walk_run", "pain_during_0_10": 1, "pain_next_morning_0_10": 0}
    logged = any_api.log_session(started, run)
    exercise = any_api.log_session(started, _session(any_api, started, None))
    any_api.delete_plan_session(started, exercise.id)
    state = any_api.get_plan(started).state
    assert state is not None and state.running_stage_index == 0
    assert state.running_good_sessions == 1
    assert any_api.plan_timeline(started)[0].id == logged.id


def test_export_and_import_carry_dates_and_events(any_api: Runknee, started: str) -> None:
    running = any_api.get_plan(started).plan.return_to_running
    assert running is not None
    any_api.start_running(started, {c.id: True for c in running.start_criteria})
    _later(any_api, 3)
    any_api.log_session(started, _session(any_api, started, START + timedelta(days=1)))
    document = any_api.export_data()
    exported = document["plans"][0]
    assert exported["sessions"][0]["on"] == "2025-03-02"
    assert exported["events"][0]["kind"] == "start_running"
    any_api.erase_data()
    any_api.import_data(document)
    plan = any_api.get_plan(started)
    assert [e.kind for e in plan.events] == ["start_running"]
    assert [s.on for s in any_api.plan_timeline(started)] == [START + timedelta(days=1)]


def test_an_export_from_before_dates_gets_each_sessions_day(any_api: Runknee, started: str) -> None:
    _later(any_api, 3)
    any_api.log_session(started, _session(any_api, started, START + timedelta(days=3)))
    document = any_api.export_data()
    for plan in document["plans"]:
        plan.pop("events")
        for session in plan["sessions"]:
            session.pop("on")
    any_api.erase_data()
    any_api.import_data(document)
    assert [s.on for s in any_api.plan_timeline(started)] == [START + timedelta(days=3)]
    assert any_api.get_plan(started).events == []


def test_migration_0008_dates_old_sessions_and_keeps_their_events(
    any_store: AssessmentStore,
) -> None:
    downgrade(any_store.engine, "0006")
    created = datetime(2025, 3, 1, 9, tzinfo=UTC)
    state = {"programme_id": "general_knee", "running_stage_index": 0, "paused_for": None}
    with any_store.engine.begin() as connection:
        connection.execute(
            insert(assessments).values(
                id="a" * 32,
                created_at=created,
                updated_at=created,
                knowledge_version="k",
                urgency="self_care",
                case_json={},
                result_json={},
            )
        )
        connection.execute(
            insert(plans).values(
                id="b" * 32,
                assessment_id="a" * 32,
                created_at=created,
                updated_at=created,
                knowledge_version="k",
                session_count=2,
                plan_json={},
                state_json=state,
            )
        )
        for number, (day, kind, decision) in enumerate(
            [(2, "exercise", "pause"), (5, "walk_run", "hold")], start=1
        ):
            connection.execute(
                insert(plan_sessions).values(
                    id=str(number) * 32,
                    plan_id="b" * 32,
                    number=number,
                    logged_at=created + timedelta(days=number + 4),
                    kind=kind,
                    decision=decision,
                    session_json={"day": day},
                    progress_json={},
                )
            )
    migrate(any_store.engine)
    with any_store.engine.connect() as connection:
        dates = connection.execute(
            select(plan_sessions.c.session_date).order_by(plan_sessions.c.number)
        ).scalars()
        assert list(dates) == [date(2025, 3, 3), date(2025, 3, 6)]
        events = connection.execute(select(plans.c.events_json)).scalar_one()
    assert [(e["kind"], e["on"]) for e in events] == [
        ("start_running", "2025-03-06"),
        ("resume", "2025-03-03"),
    ]
