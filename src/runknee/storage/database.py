"""Engines, the default database location, and running migrations in code.

``migrate(engine)`` is the programmatic ``alembic upgrade head``: the migration scripts ship
inside the package (``runknee/storage/migrations``), so no ``alembic.ini`` is needed at run time.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.pool import StaticPool

DATABASE_URL_ENV = "RUNKNEE_DATABASE_URL"
"""Environment variable that selects a database other than the default SQLite file."""

SQLITE_BUSY_TIMEOUT_MS = 5000

_MIGRATIONS = Path(__file__).parent / "migrations"


def default_database_url(data_dir: str | Path | None = None) -> str:
    """The default database: ``runknee.sqlite3`` in the user's data directory.

    Args:
        data_dir: directory to use instead of ``platformdirs.user_data_dir("runknee")``.
    """
    folder = Path(data_dir) if data_dir is not None else Path(user_data_dir("runknee"))
    return f"sqlite:///{folder / 'runknee.sqlite3'}"


def database_url_from_env(environ: Mapping[str, str]) -> str:
    """``RUNKNEE_DATABASE_URL`` from ``environ`` when set, otherwise :func:`default_database_url`."""
    return environ.get(DATABASE_URL_ENV) or default_database_url()


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for printing)."""
    return make_url(url).render_as_string(hide_password=True)


def open_engine(url: str) -> Engine:
    """Create an engine for ``url``; for a SQLite file, create its folder first.

    SQLite connections get foreign keys on, WAL journaling (files only) and a busy timeout, so
    the web server's threads can share one file. An in-memory SQLite URL shares one connection.
    """
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
        if in_memory:
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas(in_memory))
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_pragmas(in_memory: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    return on_connect


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations (no ini file)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (``alembic upgrade head`` in code)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (used by the migration tests)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
