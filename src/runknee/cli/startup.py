"""How the ``runknee`` process spends its garbage collector: not on start-up, not on exit.

Start-up makes many objects (modules, classes, pydantic and SQLAlchemy schemas) that live until
the process exits, and almost no garbage; the collector's passes over them, during start-up and
in the interpreter's last collections at exit, were a large part of a command that opens the
database (``benchmarks/bench_cli.py`` measures the commands). :func:`collect_after_start_up` lets the first collection wait until the
process has made more objects than start-up does (then the usual thresholds apply again: a long
command or the web server is collected as always); :func:`before_exit` closes the databases and
freezes the collector, so the interpreter's last passes skip those objects.
"""

from __future__ import annotations

import gc
import sys

START_UP_OBJECTS = 250_000
"""New objects before the first collection: more than a command's start-up makes, so that none
is collected during start-up (``tests/cli/test_startup_imports.py`` checks it for
``diary runs``)."""


def collect_after_start_up() -> None:
    """Hold the collector back until ``START_UP_OBJECTS`` new objects, then collect as usual."""
    usual = gc.get_threshold()
    pending = [True]

    def restore(phase: str, _info: dict[str, int]) -> None:
        if phase == "start" and pending:
            pending.clear()
            gc.set_threshold(*usual)

    gc.callbacks.append(restore)
    gc.set_threshold(START_UP_OBJECTS, *usual[1:])


def before_exit() -> None:
    """Close the databases, then freeze the collector: the process exits now, and a connection
    the interpreter's last collections would have freed is only closed that way."""
    if "runknee.api" in sys.modules:  # else no database was opened
        from runknee.api import close_databases

        close_databases()
    gc.freeze()
