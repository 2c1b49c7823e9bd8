"""CLI start-up benchmark (``make bench``): how long ``runknee --help`` and read commands take.

Run with ``python benchmarks/bench_cli.py [--repeats N]``. Each command runs in a fresh process,
as a user would start it; the figures are the median wall time and the median CPU time of the
child (user + system), which a busy machine inflates less, so the verdict (pass or FAIL per
target) goes by CPU time. Targets (issue 9): ``--help`` under 0.2 s, any read command under
0.3 s. A first run of each command warms the knowledge cache, migrates the new database and
writes the bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped: an installed package has it).

The database holds an assessment with a plan, a run, a pain entry and shoes. The commands
listed first read it on the quick read path (``storage/sqlite_reads.py``, no SQLAlchemy); the
last through the store.

Reference lines (no verdict) time bare imports the same way, garbage collection included:
SQLAlchemy's import (its engine, SQL and schema modules load as one) is the largest part of a
command that opens the database.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "--help": (["--help"], 0.2),
    "conditions --json": (["conditions", "--json"], 0.3),
    "findings --json": (["findings", "--json"], 0.3),
    "sources": (["sources"], 0.3),
    "kb report --json": (["kb", "report", "--json"], 0.3),
    # Database reads on the quick read path (storage/sqlite_reads.py: no SQLAlchemy)
    "assessments list --json": (["assessments", "list", "--json"], 0.3),
    "assessments list": (["assessments", "list"], 0.3),
    "assessments show --json": (["assessments", "show", "--json"], 0.3),
    "diary runs --json": (["diary", "runs", "--json"], 0.3),
    "diary pain list --json": (["diary", "pain", "list", "--json"], 0.3),
    "diary shoes list --json": (["diary", "shoes", "list", "--json"], 0.3),
    "diary load --json": (["diary", "load", "--json"], 0.3),
    "diary findings --json": (["diary", "findings", "--json"], 0.3),
    "plan list --json": (["plan", "list", "--json"], 0.3),
    "plan show PLAN --json": (["plan", "show", "PLAN", "--json"], 0.3),
    "form list --json": (["form", "list", "--json"], 0.3),
    # An export that prints what it reads (an assessment's FHIR bundle)
    "export fhir --assessment": (["export", "fhir", "--assessment", "ASSESSMENT"], 0.3),
}

WRITERS = {
    "export pdf --assessment": ["export", "pdf", "--assessment", "ASSESSMENT", "--out", "PDF"],
    "data export --out": ["data", "export", "--out", "JSON"],
}
"""Commands that write a file, timed without a target (the 0.3 s is for reading commands):
the PDF's floor is its library's import (the ``import fpdf`` line below), and the data export
reads everything through the store."""

STORE_REFERENCES = ("assessments list --json", "diary runs --json", "diary load --json")
"""Quick-path commands timed again through the store (``RUNKNEE_QUICK_READS=off``): what the
read path saves, and what these commands cost where it does not apply (an older database)."""

REFERENCES = {
    "ref: import sqlalchemy": "import sqlalchemy",
    "ref: import fpdf (the PDF export's floor)": "import fpdf",
    "ref: typer+rich+pydantic+sqlalchemy": (
        "import typer, rich.console, pydantic, sqlalchemy; from pydantic import BaseModel"
    ),
}


def _runknee() -> list[str]:
    found = shutil.which("runknee", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "runknee.cli.main"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(args: list[str], repeats: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runknee ARGS`` over ``repeats`` fresh processes."""
    return time_process([*_runknee(), *args], repeats, env)


def time_process(argv: list[str], repeats: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU seconds of the process ``argv`` over ``repeats`` runs."""
    walls, cpus = [], []
    for _ in range(repeats):
        cpu = _cpu()
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def seed(url: str) -> dict[str, str]:
    """A little of everything in the database at ``url`` (through the store, as a runner's
    commands would leave it): an assessment with a plan, a run, a pain entry and shoes.
    Returns the plan's and the assessment's ids, for ``PLAN`` and ``ASSESSMENT``."""
    from datetime import date

    from runknee.api import ManualRun, PainEntry, Runknee, Shoe, close_databases

    api = Runknee.open(url)
    saved = api.save_assessment({"age_years": 30, "findings": {"pain_front_kneecap": "present"}})
    plan = api.start_plan(saved.id)
    api.diary.add_shoe(Shoe(name="trainers"))
    api.diary.add_run(ManualRun(run_date=date(2025, 3, 1), distance_m=5000.0, duration_s=1800.0))
    api.diary.add_pain(PainEntry(entry_date=date(2025, 3, 1), during_0_10=2))
    close_databases()
    return {"PLAN": plan.id, "ASSESSMENT": saved.id}


def main(argv: list[str] | None = None) -> None:
    """Time every command and print one line per target with its verdict."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["RUNKNEE_DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        ids = seed(env["RUNKNEE_DATABASE_URL"])
        ids |= {"PDF": f"{folder}/bench.pdf", "JSON": f"{folder}/bench-export.json"}
        commands = {
            name: ([ids.get(word, word) for word in command], target)
            for name, (command, target) in COMMANDS.items()
        }
        writers = {
            name: [ids.get(word, word) for word in command] for name, command in WRITERS.items()
        }
        for command in [*(c for c, _ in commands.values()), *writers.values()]:
            subprocess.run([*_runknee(), *command], env=env, check=True, capture_output=True)
        print(f"{'command':<31} {'wall (median)':>14} {'cpu (median)':>13} {'target':>7}")
        passed = 0
        for name, (command, target) in commands.items():
            wall, cpu = time_command(command, args.repeats, env)
            verdict = "pass" if cpu < target else "FAIL"
            passed += verdict == "pass"
            print(f"runknee {name:<23} {wall:>12.3f} s {cpu:>11.3f} s {target:>5} s {verdict}")
        print(f"start-up targets met: {passed} of {len(commands)}")
        for name, command in writers.items():
            wall, cpu = time_command(command, args.repeats, env)
            print(f"{'writes a file: ' + name:<39} {wall:>6.3f} s {cpu:>11.3f} s")
        store_env = {**env, "RUNKNEE_QUICK_READS": "off"}
        for name in STORE_REFERENCES:
            wall, cpu = time_command(commands[name][0], args.repeats, store_env)
            print(f"{'ref (store): ' + name:<39} {wall:>6.3f} s {cpu:>11.3f} s")
        for name, code in REFERENCES.items():
            wall, cpu = time_process([sys.executable, "-c", code], args.repeats, env)
            print(f"{name:<39} {wall:>6.3f} s {cpu:>11.3f} s")


if __name__ == "__main__":
    main()
