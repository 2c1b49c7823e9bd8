"""Failure injection for transaction tests: raise right after a chosen SQL statement runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


class Boom(RuntimeError):
    """The failure injected into a transaction."""


@contextmanager
def fail_after(engine: Engine, statement_prefix: str) -> Iterator[None]:
    """Raise :class:`Boom` right after the database runs a statement starting with the prefix."""

    def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(statement_prefix):
            raise Boom(statement_prefix)

    event.listen(engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(engine, "after_cursor_execute", after)
