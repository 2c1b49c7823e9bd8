"""The commands' help in the active language.

Typer reads help texts (``help=`` and the commands' docstrings) when the app is defined, before
a language can be chosen, so they are marked with the no-op ``N_`` (the docstrings are
extracted by :func:`runknee.i18n.extract_cli`) and translated here, once the click command
tree is built and before any help is shown.
"""

from __future__ import annotations

from typing import TypeVar

from runknee.i18n import _

Command = TypeVar("Command")


def translate_help(command: Command) -> Command:
    """``command`` and every subcommand with its help, short help and parameters' help
    translated in place (English stays as written); returns ``command``.

    Duck-typed: Typer builds its commands on its own copy of click."""
    for owner in [command, *getattr(command, "params", [])]:
        for name in ("help", "short_help"):
            text = getattr(owner, name, None)
            if isinstance(text, str) and text:
                setattr(owner, name, _(text))
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)
    return command
