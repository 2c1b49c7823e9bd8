"""Engines, the default database location, and running migrations in code.

``migrate(engine)`` is the programmatic ``alembic upgrade head``: the migration scripts ship
inside the package (``runknee/storage/migrations``), so no ``alembic.ini`` is needed at run time.
"""

from __future__ import annotations

import logging
import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.pool import StaticPool

from runknee.files import prepare_sqlite_file

if TYPE_CHECKING:  # Alembic loads only when the schema has to change (it is slow to import)
    from alembic.config import Config

SQLITE_BUSY_TIMEOUT_MS = 5000

logger = logging.getLogger("runknee.storage")

DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    PoolTimeoutError,
)
"""Errors that mean "the database is busy, locked or unreachable": try again later (503)."""

_MIGRATIONS = Path(__file__).parent / "migrations"


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for printing)."""
    return make_url(url).render_as_string(hide_password=True)


SQLITE_POOL_SIZE = 40
"""Pooled connections to a SQLite file: more than the web server's worker threads and background
jobs use at once, so none closes and reopens a connection under load."""


_OPENED: weakref.WeakSet[Engine] = weakref.WeakSet()
"""The engines :func:`open_engine` made on a file or a server, while in use (:func:`close_all`)."""


def close_all() -> None:
    """Close the pooled connections of every engine on a file or a server (an engine connects
    again if used). A process that is about to exit calls it, so that each SQLite file is
    checkpointed and its ``-wal`` and ``-shm`` files removed without waiting for the garbage
    collector. An in-memory database is left open: closing its one connection would empty it."""
    for engine in list(_OPENED):
        engine.dispose()


def open_engine(url: str) -> Engine:
    """Create an engine for ``url``; for a SQLite file, create its folder first.

    SQLite connections get foreign keys on, WAL journaling (files only), a busy timeout (so
    the web server's threads can share one file) and ``secure_delete`` (deleted rows are
    overwritten with zeros, whatever the SQLite build's default). An in-memory SQLite URL shares
    one connection. A SQLite file's folder is created 0700 and the file itself 0600 (see
    :mod:`runknee.files`).
    """
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
        if in_memory:
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            prepare_sqlite_file(Path(database).expanduser())
            # Keep a connection per server thread: a connection past the pool's size is closed
            # when returned, and reopening one (file, WAL, pragmas) cost more than the home
            # page's queries under load. Idle SQLite connections cost little.
            kwargs = {"pool_size": SQLITE_POOL_SIZE, "max_overflow": SQLITE_POOL_SIZE}
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas(in_memory))
        if not in_memory:
            _OPENED.add(engine)
        return engine
    engine = create_engine(parsed, pool_pre_ping=True)
    _OPENED.add(engine)
    return engine


def _sqlite_pragmas(in_memory: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # Erased answers must not linger in free pages: many builds (python.org, macOS,
        # Windows) default to secure_delete off.
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    return on_connect


def scrub(engine: Engine, rebuild: bool = True) -> None:
    """After an erase on SQLite: copy the WAL back and truncate it (and, with ``rebuild``,
    rebuild the file).

    ``secure_delete`` zeroes deleted rows in the database pages, and the pages it frees (overflow
    pages of long answers, emptied leaves) as they go to the free list; until a checkpoint the
    old page images are still in the ``-wal`` file: ``wal_checkpoint(TRUNCATE)`` copies the
    zeroed pages back and empties it. That is enough for one deleted assessment, and costs a few
    pages. ``rebuild`` (erasing everything) adds ``VACUUM`` and a second checkpoint, so the file
    shrinks back to nothing, at about a second per 100 MiB of history.

    A scrub that cannot get the lock (another writer) is logged and left to the next erase: the
    rows are already deleted and zeroed in the pages. PostgreSQL keeps its own WAL and backups
    out of an application's reach (see docs/privacy.md); nothing is done there.
    """
    if engine.url.get_backend_name() != "sqlite":
        return
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            if rebuild:
                connection.execute(text("VACUUM"))
                connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    except OperationalError as exc:
        logger.warning("could not compact the database after an erase: %s", exc)


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations (no ini file)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (``alembic upgrade head`` in code).

    A database already at the head revision is left alone without importing Alembic, which
    would cost every command that opens the database a good part of its start-up.
    """
    if revision == "head" and _stored_revision(engine) == head_revision():
        return
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (used by the migration tests)."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


_REVISION_LINE = re.compile(r"^(down_revision|revision) = (?:None|\"(\w+)\")$", re.MULTILINE)


def head_revision() -> str | None:
    """The newest migration's revision, read from the scripts' ``revision`` and
    ``down_revision`` lines; None unless there is exactly one head (Alembic then decides)."""
    revisions: set[str] = set()
    replaced: set[str] = set()
    for script in (_MIGRATIONS / "versions").glob("*.py"):
        lines = dict(_REVISION_LINE.findall(script.read_text("utf-8")))
        if not lines.get("revision"):
            return None
        revisions.add(lines["revision"])
        if lines.get("down_revision"):
            replaced.add(lines["down_revision"])
    heads = revisions - replaced
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(engine: Engine) -> str | None:
    """The one revision in the database's ``alembic_version`` table; None when there is no
    such table, or not exactly one row (a new database, or one Alembic must look at)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:  # no table yet, or no database: the migration says which
        return None
    return str(rows[0][0]) if len(rows) == 1 else None
