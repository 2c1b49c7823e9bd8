"""Interview drafts on real databases (SQLite and PostgreSQL): migration, round trips, housekeeping,
finishing into an assessment, export, erase, and transactions that fail half-way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect

from runknee.api import DRAFT_MAX_AGE, Runknee
from runknee.errors import NotFoundError
from runknee.storage import AssessmentStore, migrate
from runknee.storage.database import downgrade
from tests.db_faults import Boom, fail_after

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
KNEECAP = {"age_years": 30, "findings": {"pain_front_kneecap": "present"}}


class SetClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _finish(store: AssessmentStore, draft_id: str) -> None:
    api = Runknee(store=store)
    case = api.case(KNEECAP)
    store.save(case, api.assess(case), T0, finished_draft=draft_id)


def test_migration_0003_adds_the_drafts_table_and_downgrades_cleanly(
    any_store: AssessmentStore,
) -> None:
    columns = {c["name"] for c in inspect(any_store.engine).get_columns("interview_drafts")}
    assert columns == {"id", "created_at", "updated_at", "answers_json"}
    downgrade(any_store.engine, "0002")
    names = set(inspect(any_store.engine).get_table_names())
    assert "interview_drafts" not in names and {"assessments", "plans"} <= names
    migrate(any_store.engine)
    assert any_store.drafts.list() == []


def test_create_save_and_get_round_trip_with_utc_times(any_store: AssessmentStore) -> None:
    draft = any_store.drafts.create(T0)
    assert len(draft.id) == 32 and draft.answers == {}
    later = datetime(2025, 3, 1, 11, 5, tzinfo=timezone(timedelta(hours=2)))  # 09:05 UTC
    answers: dict[str, str | int] = {"age_years": 34, "sex": "declined", "injury_event": "?"}
    saved = any_store.drafts.save_answers(draft.id, answers, later)
    loaded = any_store.drafts.get(draft.id)
    assert loaded == saved
    assert loaded.answers == answers and isinstance(loaded.answers["age_years"], int)
    assert loaded.created_at == T0
    assert loaded.updated_at == datetime(2025, 3, 1, 9, 5, tzinfo=UTC)


@pytest.mark.parametrize("bad_id", ["0" * 32, "not-an-id", "", "A" * 32, "x\x00y", "0" * 33])
def test_unknown_draft_ids_raise_not_found(any_store: AssessmentStore, bad_id: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        any_store.drafts.get(bad_id)
    assert caught.value.kind == "draft"
    with pytest.raises(NotFoundError):
        any_store.drafts.save_answers(bad_id, {"age_years": 30}, T0)
    with pytest.raises(NotFoundError):
        any_store.drafts.delete(bad_id)
    any_store.drafts.create(T0, discard=bad_id)  # an unknown id to discard is ignored
    assert any_store.drafts.count() == 1


def test_creating_a_draft_deletes_drafts_unchanged_for_seven_days(
    any_store: AssessmentStore,
) -> None:
    drafts = any_store.drafts
    stale = drafts.create(T0)
    edited = drafts.create(T0)
    drafts.save_answers(edited.id, {"age_years": 30}, T0 + timedelta(days=2))
    boundary = drafts.create(T0 + timedelta(days=1))
    now = T0 + DRAFT_MAX_AGE + timedelta(days=1)  # boundary is exactly 7 days old: kept
    newest = drafts.create(now)
    assert [d.id for d in drafts.list()] == [newest.id, boundary.id, edited.id]
    with pytest.raises(NotFoundError):
        drafts.get(stale.id)


def test_discarding_on_create_deletes_only_that_draft(any_store: AssessmentStore) -> None:
    keep = any_store.drafts.create(T0)
    old = any_store.drafts.create(T0)
    new = any_store.drafts.create(T0, discard=old.id)
    assert {d.id for d in any_store.drafts.list()} == {keep.id, new.id}


def test_saving_a_finished_draft_deletes_it_in_the_same_transaction(
    any_store: AssessmentStore,
) -> None:
    draft = any_store.drafts.create(T0)
    _finish(any_store, draft.id)
    assert any_store.drafts.count() == 0 and any_store.count() == 1
    with pytest.raises(NotFoundError):
        _finish(any_store, draft.id)  # finished already: nothing more is saved
    assert any_store.count() == 1


def test_export_lists_drafts_oldest_first_and_erase_deletes_them(
    any_store: AssessmentStore,
) -> None:
    first = any_store.drafts.create(T0)
    second = any_store.drafts.create(T0 + timedelta(seconds=1))
    any_store.drafts.save_answers(first.id, {"injury_event": "n"}, T0 + timedelta(seconds=2))
    exported = any_store.export()["drafts"]
    assert [item["id"] for item in exported] == [first.id, second.id]
    assert exported[0]["answers"] == {"injury_event": "n"}
    assert any_store.erase_all() == 0
    assert any_store.drafts.count() == 0 and any_store.export()["drafts"] == []


def test_an_interrupted_create_leaves_no_draft_and_purges_nothing(
    any_store: AssessmentStore,
) -> None:
    stale = any_store.drafts.create(T0)
    later = T0 + DRAFT_MAX_AGE + timedelta(days=1)
    with fail_after(any_store.engine, "INSERT"), pytest.raises(Boom):
        any_store.drafts.create(later)
    assert [d.id for d in any_store.drafts.list()] == [stale.id]  # the purge rolled back too
    any_store.drafts.create(later)  # the store still works afterwards
    assert any_store.drafts.count() == 1


def test_an_interrupted_answer_keeps_the_previous_answers(any_store: AssessmentStore) -> None:
    draft = any_store.drafts.create(T0)
    any_store.drafts.save_answers(draft.id, {"age_years": 30}, T0)
    with fail_after(any_store.engine, "UPDATE"), pytest.raises(Boom):
        any_store.drafts.save_answers(draft.id, {"age_years": 30, "sex": "male"}, T0)
    assert any_store.drafts.get(draft.id).answers == {"age_years": 30}


def test_an_interrupted_finish_saves_nothing_and_keeps_the_draft(
    any_store: AssessmentStore,
) -> None:
    draft = any_store.drafts.create(T0)
    with fail_after(any_store.engine, "DELETE"), pytest.raises(Boom):
        _finish(any_store, draft.id)
    assert any_store.count() == 0 and any_store.drafts.get(draft.id).answers == {}
    with fail_after(any_store.engine, "DELETE"), pytest.raises(Boom):
        any_store.erase_all()
    assert any_store.drafts.count() == 1


def test_the_facade_uses_its_clock_for_drafts_and_housekeeping(any_store: AssessmentStore) -> None:
    clock = SetClock()
    api = Runknee(store=any_store, clock=clock)
    stale = api.interviews.start()
    assert stale.created_at == T0
    clock.now = T0 + timedelta(days=3)
    recent = api.interviews.start()
    api.interviews.answer(recent.id, "age_years", "30")
    assert api.interviews.draft(recent.id).updated_at == clock.now
    clock.now = T0 + timedelta(days=8)
    newest = api.interviews.start()
    assert {d.id for d in any_store.drafts.list()} == {recent.id, newest.id}
    saved = api.interviews.finish(recent.id)
    assert saved.case.age_years == 30
    assert saved.created_at == clock.now and api.interviews.count() == 1
    assert api.export_data()["drafts"][0]["id"] == newest.id
    assert api.erase_data() == 1 and api.interviews.count() == 0
