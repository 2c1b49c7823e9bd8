"""Map runknee errors to terminal messages and exit codes (the only place the CLI does this)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from runknee import strict_json
from runknee.errors import (
    CaseInputError,
    ConflictError,
    DatabaseError,
    FieldError,
    FileReadError,
    KnowledgeBaseError,
    NotFoundError,
    RunkneeError,
)
from runknee.i18n import N_, Message, _, render, say

EXIT_INPUT = 2
EXIT_NOT_FOUND = 3
EXIT_KNOWLEDGE = 4
EXIT_DATABASE = 5
"""The database cannot be reached or is busy, or a concurrent change won: try again."""
EXIT_BUG = 70
"""An unexpected error: a bug in runknee (70 is ``EX_SOFTWARE`` of BSD's sysexits)."""
EXIT_INTERRUPTED = 130
"""Stopped with Ctrl+C (128 + SIGINT, as shells report it)."""

DEBUG_VARIABLE = "RUNKNEE_DEBUG"
"""Set to 1 to see the Python traceback of an unexpected error instead of the one line."""

err_console = Console(stderr=True, soft_wrap=True)

_TYPER_EXITS = (typer.Exit, typer.Abort, typer.TyperException)


@contextmanager
def cli_errors(as_json: bool = False) -> Iterator[None]:
    """Turn runknee errors into a clear message (or JSON error) and an exit code.

    An unexpected exception is a bug: one line says so (exit :data:`EXIT_BUG`), and
    ``RUNKNEE_DEBUG=1`` shows its traceback instead. Ctrl+C says "Interrupted" (exit
    :data:`EXIT_INTERRUPTED`). Either way a database write in progress is rolled back by its
    transaction, so nothing half-written is kept.
    """
    try:
        yield
    except KeyboardInterrupt:
        _one_line(
            as_json, EXIT_INTERRUPTED, _("Interrupted: a database change in progress was not kept.")
        )
    except CaseInputError as exc:
        _fail(as_json, EXIT_INPUT, _field_errors(exc, as_json), _("Invalid input"))
    except NotFoundError as exc:
        _fail(as_json, EXIT_NOT_FOUND, [{"field": exc.kind, "message": str(exc)}], _("Not found"))
    except KnowledgeBaseError as exc:
        errors = [{"field": f"{i.file}:{i.line}", "message": i.message} for i in exc.issues]
        _fail(as_json, EXIT_KNOWLEDGE, errors, _("Knowledge base error"))
    except DatabaseError as exc:
        code = EXIT_INPUT if exc.invalid_url else EXIT_DATABASE
        _fail(as_json, code, [{"field": "database", "message": str(exc)}], _("Database error"))
    except ConflictError as exc:
        _fail(as_json, EXIT_DATABASE, [{"field": exc.kind, "message": str(exc)}], _("Conflict"))
    except RunkneeError as exc:  # pragma: no cover - every subclass is handled above
        _fail(as_json, 1, [{"field": "", "message": str(exc)}], _("Error"))
    except _TYPER_EXITS:
        raise  # a command's own exit status, or Typer's usage errors: Typer reports them
    except Exception as exc:
        if not isinstance(exc, _database_unavailable()):
            _unexpected(as_json, exc)
        message = _("the database is busy or cannot be reached; nothing was changed, try again")
        reason = str(getattr(exc, "orig", None) or "").strip().splitlines()[:1]
        errors = [{"field": "database", "message": "; ".join([message, *reason])}]
        _fail(as_json, EXIT_DATABASE, errors, _("Database error"))


def _unexpected(as_json: bool, exc: Exception) -> None:
    """A bug: one line naming it and how to see the traceback (or the traceback, debugging)."""
    if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
        raise exc
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    sentence = N_(
        "Unexpected error (%(what)s). This is a bug in runknee: please report it with the "
        "details that %(variable)s=1 shows when you run the same command again."
    )  # rendered with the English fallback: a translator's slip must not hide the bug
    message = render(Message.of(sentence, what=what.splitlines()[0], variable=DEBUG_VARIABLE))
    _one_line(as_json, EXIT_BUG, message)


def _one_line(as_json: bool, code: int, message: str) -> None:
    """Exit with ``code`` after one line on stderr (or the JSON error on stdout)."""
    if as_json:
        errors = [{"field": "", "message": message}]
        typer.echo(json.dumps({"ok": False, "errors": errors, "status": code}))
    else:
        err_console.print(f"[bold red]{escape(message)}[/]", highlight=False)
    raise typer.Exit(code)


def _database_unavailable() -> tuple[type[BaseException], ...]:
    """The driver errors that mean a busy or unreachable database (loaded only when needed,
    so that the CLI starts without the database layer)."""
    from runknee.api import DATABASE_UNAVAILABLE

    return DATABASE_UNAVAILABLE


def report_line_error(as_json: bool, number: int, exc: CaseInputError) -> None:
    """Report one bad line of a batch on stderr (the batch goes on)."""
    where = f"line {number}"  # a field path, as in the JSON errors: data, not a sentence
    errors = [
        {
            "field": e.field if e.field.startswith(where) else f"{where}.{e.field}",
            "message": e.message,
        }
        for e in exc.errors
    ]
    if as_json:
        body = {"ok": False, "line": number, "errors": errors, "status": EXIT_INPUT}
        typer.echo(json.dumps(body), err=True)
        return
    for error in errors:
        err_console.print(f"{error['field']}: {error['message']}", markup=False, highlight=False)


def _field_errors(exc: CaseInputError, as_json: bool) -> list[dict[str, str]]:
    """The JSON form (English, for programs) or, on the terminal, each message in the active
    language (a sentence with values goes through its ``message_i18n``)."""
    if as_json:
        return [error.to_dict() for error in exc.errors]
    return [{"field": e.field, "message": say(e.message, e.message_i18n)} for e in exc.errors]


def _fail(as_json: bool, code: int, errors: list[dict[str, str]], title: str) -> None:
    if as_json:
        typer.echo(json.dumps({"ok": False, "errors": errors, "status": code}))
    else:
        err_console.print(f"[bold red]{title}[/]")
        for error in errors:
            where = f"{error['field']}: " if error["field"] else ""
            err_console.print(f"  {where}{error['message']}", markup=False, highlight=False)
    raise typer.Exit(code)


MAX_INPUT_BYTES = 16 * 1024 * 1024
"""Largest case or cases file read (16 MiB: about 20,000 cases)."""


def parse_day(text: str | None, option: str) -> date | None:
    """A day given as YYYY-MM-DD (``None`` when not given); otherwise an error naming
    ``option``, so a mistyped date is the runner's to fix, not a crash. An empty text is not
    given (an option whose default is "")."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        message = N_("give a real day as YYYY-MM-DD (you gave %(given)s)")
        raise CaseInputError(
            [FieldError.of(option, Message.of(message, given=repr(text)))]
        ) from None


def read_text(
    path: str,
    reader: Callable[[str], bytes] | None = None,
    limit_bytes: int | None = None,
    too_large: str | None = None,
) -> str:
    """Read a UTF-8 file (or standard input for "-") of at most ``limit_bytes`` (default
    :data:`MAX_INPUT_BYTES`),
    turning OS errors, oversized input and invalid UTF-8 into input errors (exit 2).

    ``reader`` returns the raw bytes of ``path`` (default: the file, or stdin for "-");
    ``too_large`` is what to do about a file over the limit (default: split it).
    """
    if limit_bytes is None:
        limit_bytes = MAX_INPUT_BYTES
    try:
        data = reader(path) if reader is not None else _read_bytes(path, limit_bytes)
    except OSError as exc:
        message = _("cannot read: %(reason)s") % {"reason": exc}
        raise FileReadError([FieldError(path, message)]) from None
    if len(data) > limit_bytes:
        limit = limit_bytes // (1024 * 1024)
        advice = too_large or _("split it into smaller files")
        message = _("over %(limit)s MiB; %(advice)s") % {"limit": limit, "advice": advice}
        raise CaseInputError([FieldError(path, message)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = _("not UTF-8 text (line %(line)s, byte %(byte)s); save it as UTF-8") % {
            "line": line,
            "byte": exc.start,
        }
        raise CaseInputError([FieldError(path, message)]) from None


def _read_bytes(path: str, limit_bytes: int) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(limit_bytes + 1)
    with open(path, "rb") as handle:
        return handle.read(limit_bytes + 1)


def load_json(text: str, where: str) -> Any:
    """Parse strict JSON (see :mod:`runknee.strict_json`), naming ``where`` in the error."""
    try:
        return strict_json.loads(text)
    except json.JSONDecodeError as exc:
        message = _("not valid JSON: %(reason)s (line %(line)s)")
        reason = {"reason": exc.msg, "line": exc.lineno}
        raise CaseInputError([FieldError(where, message % reason)]) from None


def input_lines(text: str) -> list[str]:
    """JSON lines split on newlines only: ``str.splitlines`` would also split inside strings at
    U+2028, U+2029 and other separators that JSON allows unescaped."""
    return [line.removesuffix("\r") for line in text.split("\n")]
