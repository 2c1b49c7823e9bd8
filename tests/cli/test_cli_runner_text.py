"""Text the runner typed or a file carried (a shoe's name, a form check's label) is printed as
written: square brackets in it are not Rich markup, so they neither style nor stop a command."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from runknee.api import Runknee, close_databases
from runknee.cli.main import app
from runknee.storage import AssessmentStore
from tests.form.form_synthetic import synthetic_report

runner = CliRunner()

NAMES = ["Pegasus [/b] 40", "[bold]Trail[/]", "clip [/] one"]


@pytest.mark.parametrize("quick", ["on", "off"])
def test_brackets_in_a_shoe_name_or_a_label_are_printed_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: str
) -> None:
    url = f"sqlite:///{tmp_path / 'runner.sqlite3'}"
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", url)
    monkeypatch.setenv("RUNKNEE_QUICK_READS", quick)
    store = AssessmentStore.open(url)
    Runknee(store=store).form.save(synthetic_report(160.0), NAMES[2])
    store.close()
    for name in NAMES[:2]:
        added = runner.invoke(app, ["diary", "shoes", "add", name])
        assert added.exit_code == 0, added.output
        assert name in added.output
    shoes = runner.invoke(app, ["diary", "shoes", "list"])
    assert shoes.exit_code == 0, shoes.output
    assert all(name in shoes.output for name in NAMES[:2])
    checks = runner.invoke(app, ["form", "list"])
    assert checks.exit_code == 0, checks.output
    assert NAMES[2] in checks.output
    close_databases()
