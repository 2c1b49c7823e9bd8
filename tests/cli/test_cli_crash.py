"""An unexpected error is one line that calls it a bug (exit 70, a JSON error with --json) and
``RUNKNEE_DEBUG=1`` shows its traceback; Ctrl+C is "Interrupted" (exit 130) and an interrupted
import keeps nothing. The crash is made by the test (a facade method replaced for the run):
runknee has no switch that crashes it on purpose."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import runknee.storage.diary_transfer as diary_transfer
from runknee.api import Runknee
from runknee.cli.errors import EXIT_BUG, EXIT_INTERRUPTED
from runknee.cli.main import app
from runknee.storage import AssessmentStore
from tests.full_data import fill

runner = CliRunner()


def _raise(exc: BaseException) -> object:
    def raising(*args: object, **kwargs: object) -> object:
        raise exc

    return raising


def test_an_unexpected_error_is_one_line_that_says_it_is_a_bug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RUNKNEE_DEBUG", raising=False)
    monkeypatch.setattr(Runknee, "conditions", _raise(RuntimeError("the table fell over")))
    result = runner.invoke(app, ["conditions"])
    assert result.exit_code == EXIT_BUG == 70
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Unexpected error (RuntimeError: the table fell over)" in lines[0]
    assert "bug in runknee" in lines[0] and "RUNKNEE_DEBUG=1" in lines[0]
    assert "Traceback" not in result.output


def test_with_json_an_unexpected_error_is_a_json_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNKNEE_DEBUG", raising=False)
    monkeypatch.setattr(Runknee, "conditions", _raise(ValueError("odd")))
    result = runner.invoke(app, ["conditions", "--json"])
    assert result.exit_code == EXIT_BUG
    body = json.loads(result.stdout)
    assert body["ok"] is False and body["status"] == EXIT_BUG
    assert "ValueError: odd" in body["errors"][0]["message"]


def test_runknee_debug_shows_the_exception_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNKNEE_DEBUG", "1")
    monkeypatch.setattr(Runknee, "conditions", _raise(RuntimeError("the table fell over")))
    result = runner.invoke(app, ["conditions"])
    assert isinstance(result.exception, RuntimeError)
    assert result.exit_code == 1


def test_ctrl_c_is_interrupted_with_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Runknee, "conditions", _raise(KeyboardInterrupt()))
    for args in (["conditions"], ["conditions", "--json"]):
        result = runner.invoke(app, args)
        assert result.exit_code == EXIT_INTERRUPTED == 130
        assert "Interrupted" in result.output and "Traceback" not in result.output


def test_known_errors_keep_their_messages_and_codes() -> None:
    result = runner.invoke(app, ["conditions", "no_such_condition"])
    assert result.exit_code == 3 and "Not found" in result.stderr


def test_an_import_interrupted_half_way_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assessments, plans and the diary's runs are written before the pain entries: Ctrl+C at
    the pain entries leaves the database as empty as it was."""
    source = AssessmentStore.open(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    try:
        api = Runknee(store=source)
        fill(api)
        document = tmp_path / "mine.json"
        document.write_text(json.dumps(api.export_data()), "utf-8")
    finally:
        source.close()
    monkeypatch.setattr(diary_transfer, "_import_pain", _raise(KeyboardInterrupt()))
    result = runner.invoke(app, ["data", "import", str(document)])
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    target = AssessmentStore.open(os.environ["RUNKNEE_DATABASE_URL"])
    try:
        assert target.count() == 0
        assert target.diary.list() == [] and target.shoes.list() == []
    finally:
        target.close()


_CRASH = """
import sys
from runknee.api import Runknee
from runknee.cli.main import main

def crash(*args, **kwargs):
    raise RuntimeError("the table fell over")

Runknee.conditions = crash  # the test's own crash, in this process only
sys.argv = ["runknee", "conditions"]
main()
"""


@pytest.mark.parametrize("debug", ["", "1"])
def test_a_real_process_exits_70_with_one_line_or_the_traceback_when_debugging(
    debug: str,
) -> None:
    env = {**os.environ, "RUNKNEE_DEBUG": debug, "RUNKNEE_CACHE_DIR": "off"}
    done = subprocess.run(
        [sys.executable, "-c", _CRASH], env=env, capture_output=True, text=True, check=False
    )
    if debug:
        assert done.returncode == 1 and "RuntimeError: the table fell over" in done.stderr
        assert "Traceback" in done.stderr or "─" in done.stderr  # Typer's own traceback
        return
    assert done.returncode == EXIT_BUG, done.stderr
    assert done.stderr.strip().splitlines() == [
        "Unexpected error (RuntimeError: the table fell over). This is a bug in runknee: "
        "please report it with the details that RUNKNEE_DEBUG=1 shows when you run the same "
        "command again."
    ]


def test_a_commands_own_exit_status_passes_through(tmp_path: Path) -> None:
    """``typer.Exit`` is an exception too: a batch with a bad line still exits 2, not 70."""
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"age_years": 30}\n{"age_years": true}\n', "utf-8")
    result = runner.invoke(app, ["assess", "--cases", str(cases), "--json"])
    assert result.exit_code == 2, result.output


def test_every_command_reports_through_the_same_errors() -> None:
    """Each command body runs inside ``cli_errors`` (so none shows a bare traceback)."""
    import ast

    import runknee.cli

    commands = [
        (path.name, node)
        for path in sorted(Path(runknee.cli.__file__).parent.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.FunctionDef)
        and any("command" in ast.unparse(d) for d in node.decorator_list)
    ]
    assert len(commands) > 30
    missing = [
        (name, node.name) for name, node in commands if "cli_errors" not in ast.unparse(node)
    ]
    assert missing == []
