"""Alembic environment: runs on the connection handed over by ``runknee.storage.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from runknee.storage.tables import metadata

config = context.config
connection: Connection | None = config.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
else:  # pragma: no cover - command-line use: alembic -x url=... upgrade head
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if url is None:
        raise SystemExit("give a database: alembic -x url=sqlite:///path upgrade head")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
    else:
        with create_engine(url).begin() as own:
            context.configure(connection=own, target_metadata=metadata)
            with context.begin_transaction():
                context.run_migrations()
