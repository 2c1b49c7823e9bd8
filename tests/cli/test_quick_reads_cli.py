"""The read commands print the same bytes on the quick read path (``storage/sqlite_reads.py``)
as through the store, on a database filled by the store, and on one migrated to the newest
schema from an older one (the first read of which the quick path leaves to the store)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from runknee.api import Runknee, close_databases
from runknee.cli import assessments, diary, form, plan_follow
from runknee.cli.main import app
from runknee.storage import AssessmentStore
from runknee.storage.database import downgrade
from runknee.storage.sqlite_reads import QUICK_READS_ENV, SCHEMA_HEAD
from tests.storage.quick_read_data import fill

runner = CliRunner()

COMMANDS = [
    ["assessments", "list", "--json"],
    ["assessments", "list"],
    ["assessments", "show", "--json"],
    ["assessments", "show"],
    ["diary", "runs", "--json"],
    ["diary", "runs"],
    ["diary", "runs", "--json", "--since", "2025-03-05"],
    ["diary", "runs", "--since", "2025-03-09"],
    ["diary", "pain", "list", "--json"],
    ["diary", "pain", "list"],
    ["diary", "load", "--json"],
    ["diary", "load", "--json", "--as-of", "2025-03-09", "--weeks", "3"],
    ["diary", "load", "--as-of", "2025-03-09"],
    ["diary", "shoes", "list", "--json"],
    ["diary", "shoes", "list"],
    ["diary", "findings", "--json"],
    ["diary", "findings", "--json", "--as-of", "2025-03-09"],
    ["diary", "findings", "--as-of", "2025-03-12"],
    ["plan", "list", "--json"],
    ["plan", "list"],
    ["form", "list", "--json"],
    ["form", "list"],
]


@pytest.fixture(params=["filled", "migrated"])
def database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The filled database (``migrated``: taken down to revision 0005 first, then read once
    with the quick path on, which leaves it to the store to migrate); the commands' URL."""
    url = f"sqlite:///{tmp_path / 'quick.sqlite3'}"
    fill(url)
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", url)
    if request.param == "migrated":
        store = AssessmentStore.open(url)
        downgrade(store.engine, "0005")
        store.close()
        assert Runknee.reading().list_assessments()  # read by the store, which migrated it
        close_databases()
        with sqlite3.connect(tmp_path / "quick.sqlite3") as connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        connection.close()
        assert revision == [(SCHEMA_HEAD,)]
    assert Runknee.reading()._quick is not None  # the quick path takes this database
    return url


def _output(args: list[str], quick: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv(QUICK_READS_ENV, "on" if quick else "off")
    result = runner.invoke(app, args)
    return result.exit_code, result.output


@pytest.mark.parametrize("width", [80, 120])
def test_read_commands_print_the_same_on_both_paths(
    database: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in (assessments, diary, form, plan_follow):  # a table, or one block per item
        monkeypatch.setattr(module, "console", Console(width=width))
    newest = json.loads(_output(["assessments", "list", "--json"], False, monkeypatch)[1])
    plans = json.loads(_output(["plan", "list", "--json"], False, monkeypatch)[1])
    by_id = [
        ["assessments", "show", newest[-1]["id"][:6]],
        [
            "plan",
            "list",
            "--json",
            "--assessment",
            str(plans[0]["assessment_id"] or newest[0]["id"]),
        ],
        *(["plan", "show", plan["id"], *extra] for plan in plans for extra in ([], ["--json"])),
    ]
    for args in COMMANDS + by_id:
        slow = _output(args, False, monkeypatch)
        assert slow[0] == 0, slow
        assert _output(args, True, monkeypatch) == slow, args


def test_errors_read_the_same_on_both_paths(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    not_found, invalid = 3, 2  # cli/errors.py: EXIT_NOT_FOUND, EXIT_INPUT
    for args, code in (
        (["assessments", "show", "ffff", "--json"], not_found),
        (["plan", "list", "--json", "--assessment", "not-an-id"], not_found),
        (["diary", "runs", "--json", "--since", "2025-02-30"], invalid),
        (["diary", "load", "--json", "--as-of", "1800-01-01"], invalid),
        (["diary", "findings", "--as-of", "30/11/2026"], invalid),
        (["plan", "show", "f" * 32, "--json"], not_found),
        (["plan", "show", "not-a-plan"], not_found),
    ):
        slow = _output(args, False, monkeypatch)
        assert slow[0] == code, (args, slow)
        assert _output(args, True, monkeypatch) == slow, args
