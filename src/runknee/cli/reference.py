"""The CLI reference, generated from the Typer app: ``python -m runknee.cli.reference``.

``make docs`` writes it to ``docs/cli.md``; a test fails when the file and the app drift apart.
Every command and subcommand is listed with its arguments and options, in the app's own order.
"""

from __future__ import annotations

from typing import Any

import typer.main

from runknee.cli.main import app

HEADER = """# runknee command-line reference

Generated from the Typer app by `make docs` (`python -m runknee.cli.reference`); do not edit by
hand: `tests/test_docs.py` fails when this file and the app differ. Exit codes: 0 success,
2 invalid input, 3 not found, 4 knowledge-base error, 5 database busy or unreachable (or a
change made meanwhile: try again), 70 unexpected error (a bug: `RUNKNEE_DEBUG=1` shows its
traceback), 130 interrupted (Ctrl+C).
"""


# Typer builds click objects (its own vendored click in recent releases): read them by duck typing.


def _param(param: Any) -> str:
    if param.param_type_name == "argument":
        name = f"`{(param.name or '').upper()}` (argument)"
        help_text = getattr(param, "help", None) or ""
    else:
        name = ", ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])
        help_text = param.help or ""
        if param.required:
            help_text += " (required)"
        elif not param.is_flag and param.default not in (None, ()):
            help_text += f" (default: {param.default})"
    return f"| {name} | {' '.join(help_text.split())} |"


def _command(path: str, command: Any, lines: list[str]) -> None:
    level = "#" * min(2 + path.count(" "), 4)
    lines += ["", f"{level} `{path}`", ""]
    text = " ".join((command.help or "").split())
    if text:
        lines += [text, ""]
    params = [p for p in command.params if p.name != "help"]
    if params:
        lines += ["| argument or option | meaning |", "| --- | --- |"]
        lines += [_param(p) for p in params]
    for name, sub in (getattr(command, "commands", None) or {}).items():
        _command(f"{path} {name}", sub, lines)


def reference() -> str:
    """The whole reference as Markdown."""
    lines = [HEADER.rstrip()]
    _command("runknee", typer.main.get_command(app), lines)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(reference(), end="")
