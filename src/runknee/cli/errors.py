"""Map runknee errors to terminal messages and exit codes (the only place the CLI does this)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from runknee.errors import (
    CaseInputError,
    ConflictError,
    DatabaseError,
    KnowledgeBaseError,
    NotFoundError,
    RunkneeError,
)
from runknee.storage import DATABASE_UNAVAILABLE

EXIT_INPUT = 2
EXIT_NOT_FOUND = 3
EXIT_KNOWLEDGE = 4
EXIT_DATABASE = 5
"""The database cannot be reached or is busy, or a concurrent change won: try again."""

err_console = Console(stderr=True, soft_wrap=True)


@contextmanager
def cli_errors(as_json: bool = False) -> Iterator[None]:
    """Turn runknee errors into a clear message (or JSON error) and an exit code."""
    try:
        yield
    except CaseInputError as exc:
        _fail(as_json, EXIT_INPUT, [e.to_dict() for e in exc.errors], "Invalid input")
    except NotFoundError as exc:
        _fail(as_json, EXIT_NOT_FOUND, [{"field": exc.kind, "message": str(exc)}], "Not found")
    except KnowledgeBaseError as exc:
        errors = [{"field": f"{i.file}:{i.line}", "message": i.message} for i in exc.issues]
        _fail(as_json, EXIT_KNOWLEDGE, errors, "Knowledge base error")
    except DatabaseError as exc:
        code = EXIT_INPUT if exc.invalid_url else EXIT_DATABASE
        _fail(as_json, code, [{"field": "database", "message": str(exc)}], "Database error")
    except ConflictError as exc:
        _fail(as_json, EXIT_DATABASE, [{"field": exc.kind, "message": str(exc)}], "Conflict")
    except DATABASE_UNAVAILABLE as exc:
        message = "the database is busy or cannot be reached; nothing was changed, try again"
        reason = str(getattr(exc, "orig", None) or "").strip().splitlines()[:1]
        errors = [{"field": "database", "message": "; ".join([message, *reason])}]
        _fail(as_json, EXIT_DATABASE, errors, "Database error")
    except RunkneeError as exc:  # pragma: no cover - every subclass is handled above
        _fail(as_json, 1, [{"field": "", "message": str(exc)}], "Error")


def _fail(as_json: bool, code: int, errors: list[dict[str, str]], title: str) -> None:
    if as_json:
        typer.echo(json.dumps({"ok": False, "errors": errors, "status": code}))
    else:
        err_console.print(f"[bold red]{title}[/]")
        for error in errors:
            where = f"{error['field']}: " if error["field"] else ""
            err_console.print(f"  {where}{error['message']}", markup=False, highlight=False)
    raise typer.Exit(code)


def read_text(path: str, reader: Callable[[str], str]) -> str:
    """Read a file (or standard input for "-"), turning OS errors into input errors."""
    try:
        return reader(path)
    except (OSError, UnicodeDecodeError) as exc:
        from runknee.errors import FieldError

        raise CaseInputError([FieldError(path, f"cannot read: {exc}")]) from None
