"""Shared fixtures: a real database (SQLite file, or PostgreSQL), the facade and an app client.

* ``api`` / ``app_client``: SQLite in ``tmp_path``; for tests that need one database.
* ``database_url`` and the ``any_*`` fixtures: parametrized over SQLite and PostgreSQL, for the
  storage and API suites that must behave the same on both.

PostgreSQL comes from ``RUNKNEE_TEST_POSTGRES_URL`` (``.ci/run`` starts a server and sets it).
Each test gets its own schema, dropped afterwards. Without the variable the PostgreSQL cases
skip; with ``RUNKNEE_REQUIRE_POSTGRES=1`` a missing or unreachable server fails them instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text

from runknee.api import Runknee
from runknee.storage import AssessmentStore
from runknee.web.app import create_app

# Starlette's TestClient sends ``Host: testserver``: let the app answer to it, as a deployment
# names its own host (the Host allow-list tests use other names).
os.environ.setdefault("RUNKNEE_ALLOWED_HOSTS", "testserver")

POSTGRES_ENV = "RUNKNEE_TEST_POSTGRES_URL"

# No test writes to the user's cache (the parsed knowledge base is cached per user).
os.environ["RUNKNEE_CACHE_DIR"] = "off"
REQUIRE_POSTGRES_ENV = "RUNKNEE_REQUIRE_POSTGRES"


class StepClock:
    """A clock for tests: starts at ``start`` and moves one second per reading."""

    def __init__(self, start: datetime = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
        pytest.fail(f"PostgreSQL required ({REQUIRE_POSTGRES_ENV}=1) but {reason}")
    pytest.skip(f"PostgreSQL not available: {reason}")


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The PostgreSQL server from ``RUNKNEE_TEST_POSTGRES_URL``, checked to answer."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        _unavailable(f"{POSTGRES_ENV} is not set")
        raise AssertionError("unreachable")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as exc:  # any driver error means: no usable server
        _unavailable(f"cannot connect: {exc}")
    finally:
        engine.dispose()
    return url


@pytest.fixture()
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A URL whose ``search_path`` is a fresh schema, dropped after the test."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(postgres_server_url)
    with admin.begin() as connection:
        connection.execute(text(f'create schema "{schema}"'))
    url = make_url(postgres_server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture(autouse=True)
def _no_user_database(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pin RUNKNEE_DATABASE_URL to a fresh SQLite file, so no test can touch a real user's
    database (a test that wants another database passes its URL or store explicitly)."""
    folder = tmp_path_factory.mktemp("pinned-db")
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", f"sqlite:///{folder / 'runknee.sqlite3'}")


@pytest.fixture()
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in ``tmp_path`` (not created yet)."""
    return f"sqlite:///{tmp_path / 'runknee.sqlite3'}"


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest) -> str:
    """Each backend in turn: a SQLite file, then a PostgreSQL schema."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url


def _open(url: str) -> Iterator[AssessmentStore]:
    store = AssessmentStore.open(url)
    try:
        yield store
    finally:
        store.close()


def _client(api: Runknee) -> Iterator[TestClient]:
    with TestClient(create_app(api)) as client:
        yield client


@pytest.fixture()
def store(sqlite_url: str) -> Iterator[AssessmentStore]:
    """A migrated store on a fresh SQLite file."""
    yield from _open(sqlite_url)


@pytest.fixture()
def api(store: AssessmentStore) -> Runknee:
    """The facade over a fresh SQLite store, with a :class:`StepClock`."""
    return Runknee(store=store, clock=StepClock())


@pytest.fixture()
def app_client(api: Runknee) -> Iterator[TestClient]:
    """An in-process client for the whole app (pages and API) over ``api``."""
    yield from _client(api)


@pytest.fixture()
def any_store(database_url: str) -> Iterator[AssessmentStore]:
    """A migrated store on each backend in turn."""
    yield from _open(database_url)


@pytest.fixture()
def any_api(any_store: AssessmentStore) -> Runknee:
    """The facade over each backend in turn."""
    return Runknee(store=any_store, clock=StepClock())


@pytest.fixture()
def any_client(any_api: Runknee) -> Iterator[TestClient]:
    """An in-process app client over each backend in turn."""
    yield from _client(any_api)


@pytest.fixture()
def save_for_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[dict[str, Any]], str]:
    """Save a case in a SQLite file that the CLI opens through RUNKNEE_DATABASE_URL; return its id."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", url)

    def save(case: dict[str, Any]) -> str:
        store = AssessmentStore.open(url)
        try:
            return Runknee(store=store).save_assessment(case).id
        finally:
            store.close()

    return save
