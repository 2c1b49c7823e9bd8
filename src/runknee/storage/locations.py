"""Where the database is: ``RUNKNEE_DATABASE_URL`` or the SQLite file in the user's data folder.

Standard library and platformdirs only, so that the quick read path
(:mod:`runknee.storage.sqlite_reads`) finds the database without importing SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_URL_ENV = "RUNKNEE_DATABASE_URL"
"""Environment variable that selects a database other than the default SQLite file."""


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
