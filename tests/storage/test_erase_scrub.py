"""Erase means gone: after an erase and close, no byte of the erased data is left on disk.

The store is opened as on a SQLite build whose ``secure_delete`` default is off (python.org,
macOS and Windows builds): a connect hook that runs before runknee's own turns it off, so the
test checks runknee's settings, not the build's.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from runknee.api import Runknee
from runknee.files import load_or_create_secret, secret_path
from runknee.storage import AssessmentStore, migrate, open_engine
from tests.example_cases import KNEECAP

SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _secure_delete_off(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete = OFF")
    cursor.close()


def _open_upstream_default(path: Path) -> AssessmentStore:
    engine = open_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _secure_delete_off, insert=True)
    migrate(engine)
    return AssessmentStore(engine)


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "runknee.sqlite3"


@pytest.fixture()
def upstream_api(db_path: Path) -> Iterator[Runknee]:
    store = _open_upstream_default(db_path)
    try:
        yield Runknee(store=store)
    finally:
        store.close()


def _on_disk(path: Path) -> bytes:
    return b"".join(
        Path(str(path) + suffix).read_bytes()
        for suffix in SIDE_FILES
        if Path(str(path) + suffix).exists()
    )


def _full_texts(store: AssessmentStore, assessment_id: str) -> list[bytes]:
    """The stored JSON texts of one assessment, exactly as the database holds them."""
    query = text("select case_json, result_json from assessments where id = :id")
    with store.engine.connect() as connection:
        row = connection.execute(query, {"id": assessment_id}).one()
    return [str(value).encode() for value in row]


def _plan_texts(store: AssessmentStore) -> list[bytes]:
    """The stored JSON texts of every plan and session, exactly as the database holds them."""
    queries = (
        "select plan_json, state_json from plans",
        "select session_json, progress_json from plan_sessions",
    )
    with store.engine.connect() as connection:
        rows = [row for query in queries for row in connection.execute(text(query))]
    return [str(value).encode() for row in rows for value in row]


def _stored_texts(store: AssessmentStore, assessment_id: str) -> list[bytes]:
    """The id and 24-byte pieces of the stored JSON texts of one assessment (pieces, because a
    long text is split over overflow pages on disk)."""
    pieces = _full_texts(store, assessment_id)
    return [assessment_id.encode()] + [p[i : i + 24] for p in pieces for i in range(0, len(p), 48)]


def _save_with_plan(api: Runknee, case: dict[str, Any]) -> tuple[str, str]:
    saved = api.save_assessment(case)
    plan = api.start_plan(saved.id, morning_pain_0_10=1)
    return saved.id, plan.id


def test_secure_delete_is_on_for_every_connection(upstream_api: Runknee) -> None:
    with upstream_api._store.engine.connect() as connection:
        assert connection.scalar(text("PRAGMA secure_delete")) == 1


def test_erase_all_leaves_no_byte_of_the_erased_data(upstream_api: Runknee, db_path: Path) -> None:
    marked = {**KNEECAP, "age_years": 77}
    ids = [_save_with_plan(upstream_api, marked) for _ in range(20)]
    needles = [n for a, p in ids for n in (*_stored_texts(upstream_api._store, a), p.encode())]
    before = _on_disk(db_path)
    needles = [n for n in needles if n in before]  # what is really written on disk
    assert len(needles) > 100

    assert upstream_api.erase_data() == 20
    upstream_api._store.close()

    left = _on_disk(db_path)
    assert [n for n in needles if n in left] == []


def test_deleting_one_assessment_leaves_no_byte_of_it(upstream_api: Runknee, db_path: Path) -> None:
    gone, gone_plan = _save_with_plan(upstream_api, {**KNEECAP, "age_years": 61})
    kept, _ = _save_with_plan(upstream_api, KNEECAP)
    before = _on_disk(db_path)
    shared = b"\n".join(_full_texts(upstream_api._store, kept))
    needles = [
        n
        for n in (*_stored_texts(upstream_api._store, gone), gone_plan.encode())
        if n in before and n not in shared  # only what belongs to the deleted one alone
    ]
    assert len(needles) >= 2

    upstream_api.delete_assessment(gone)
    upstream_api._store.close()

    left = _on_disk(db_path)
    assert [n for n in needles if n in left] == []
    assert kept.encode() in left


def test_deleting_an_assessment_but_keeping_its_plan_leaves_no_byte_of_the_assessment(
    upstream_api: Runknee, db_path: Path
) -> None:
    gone, kept_plan = _save_with_plan(upstream_api, {**KNEECAP, "age_years": 59})
    upstream_api.log_session(kept_plan, {"kind": "exercise", "pain_during_0_10": 1})
    before = _on_disk(db_path)
    plan_text = b"\n".join(_plan_texts(upstream_api._store))
    needles = [
        n
        for n in _stored_texts(upstream_api._store, gone)
        if n in before and n not in plan_text  # the plan that stays may share some words
    ]
    assert gone.encode() in needles and len(needles) >= 10

    upstream_api.delete_assessment(gone, keep_plan=True)
    upstream_api._store.close()

    left = _on_disk(db_path)
    assert [n for n in needles if n in left] == []
    assert kept_plan.encode() in left


def test_deleting_one_of_many_leaves_no_byte_of_it_and_keeps_the_file(
    upstream_api: Runknee, db_path: Path
) -> None:
    """The single-delete path on a history big enough for its pages to be shared and
    rebalanced: no piece of the deleted assessment or its plan is left, the others are intact,
    and the file is not rebuilt (``VACUUM`` costs about a second per 100 MiB of history; the
    freed pages, zeroed by ``secure_delete``, stay in the file for reuse)."""
    store = upstream_api._store
    saved = [_save_with_plan(upstream_api, {**KNEECAP, "age_years": 20 + i}) for i in range(60)]
    gone, gone_plan = saved[30]
    others = b"\n".join(t for a, _ in saved if a != gone for t in _full_texts(store, a))
    before = _on_disk(db_path)
    needles = [
        n
        for n in (*_stored_texts(store, gone), gone_plan.encode())
        if n in before and n not in others
    ]
    assert len(needles) >= 2

    upstream_api.delete_assessment(gone)
    with store.engine.connect() as connection:
        freed_pages = connection.scalar(text("PRAGMA freelist_count"))
    assert freed_pages, "the file was rebuilt (VACUUM) for a single delete"
    running = _on_disk(db_path)  # the server goes on: gone now, not only once it stops
    store.close()

    for left in (running, _on_disk(db_path)):
        assert [n for n in needles if n in left] == []
        assert all(a.encode() in left for a, _ in saved if a != gone)


def test_data_folder_is_0700_and_database_files_0600(upstream_api: Runknee, db_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask: world-readable unless runknee says otherwise
    try:
        upstream_api.save_assessment(KNEECAP)
        with upstream_api._store.engine.connect() as connection:
            connection.execute(text("select 1"))
            files = [Path(str(db_path) + s) for s in ("", "-wal", "-shm")]
            assert all(path.exists() for path in files)
            modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in files}
        assert modes == dict.fromkeys(modes, 0o600)
        assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    AssessmentStore.open(f"sqlite:///{path}").close()
    os.chmod(path, 0o644)
    AssessmentStore.open(f"sqlite:///{path}").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_server_secret_is_created_once_and_private(tmp_path: Path) -> None:
    location = secret_path(f"sqlite:///{tmp_path / 'x' / 'runknee.sqlite3'}")
    assert location is not None and location.parent == tmp_path / "x"
    first = load_or_create_secret(location)
    assert load_or_create_secret(location) == first and len(first) == 32
    assert stat.S_IMODE(location.stat().st_mode) == 0o600
    assert secret_path("sqlite://") is None


def test_deleting_a_form_check_leaves_no_byte_of_its_video(
    upstream_api: Runknee, db_path: Path
) -> None:
    from tests.form.form_synthetic import synthetic_report

    clip = b"\x00\x00\x00\x18ftypmp42" + b"runner-clip-needle-" * 400
    check = upstream_api.form.save(synthetic_report(170.0), "needle label", clip, None)
    assert b"runner-clip-needle-" in _on_disk(db_path)
    upstream_api.form.delete(check.id)
    assert b"runner-clip-needle-" not in _on_disk(db_path)  # while the store runs
