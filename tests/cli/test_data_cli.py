"""``runknee data export|import`` (issue 12)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from runknee.api import Runknee
from runknee.cli.main import app
from runknee.storage import AssessmentStore
from tests.full_data import fill

runner = CliRunner()
CASE = {"age_years": 30, "findings": {"pain_front_kneecap": "present"}}


def test_export_erase_import_round_trip(
    save_for_cli: Callable[[dict[str, Any]], str], tmp_path: Path
) -> None:
    save_for_cli(CASE)
    out = tmp_path / "mine.json"
    written = runner.invoke(app, ["data", "export", "--out", str(out)])
    assert written.exit_code == 0, written.output
    before = json.loads(out.read_text())
    deleted = runner.invoke(app, ["assessments", "delete", before["assessments"][0]["id"], "-y"])
    assert deleted.exit_code == 0, deleted.output
    imported = runner.invoke(app, ["data", "import", str(out)])
    assert imported.exit_code == 0, imported.output
    assert "Assessments: 1 imported." in imported.output
    after = json.loads(runner.invoke(app, ["data", "export"]).stdout)
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before
    again = json.loads(runner.invoke(app, ["data", "import", str(out), "--json"]).stdout)
    assert again["sections"]["assessments"]["skipped"] == [before["assessments"][0]["id"]]
    both = runner.invoke(app, ["data", "import", str(out), "--keep-both"])
    assert "kept both" in both.output


def test_a_foreign_file_is_rejected_with_a_reason(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"resourceType": "Bundle"}')
    result = runner.invoke(app, ["data", "import", str(other)])
    assert result.exit_code == 2
    assert "not a runknee export" in result.output
    missing = runner.invoke(app, ["data", "import", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_the_diary_and_form_checks_round_trip_through_the_terminal(tmp_path: Path) -> None:
    url = os.environ["RUNKNEE_DATABASE_URL"]
    store = AssessmentStore.open(url)
    try:
        api = Runknee(store=store)
        fill(api)
    finally:
        store.close()
    out = tmp_path / "everything.json"
    assert runner.invoke(app, ["data", "export", "--out", str(out)]).exit_code == 0
    before = out.read_text("utf-8")
    store = AssessmentStore.open(url)
    try:
        Runknee(store=store).erase_data()
    finally:
        store.close()
    imported = runner.invoke(app, ["data", "import", str(out)])
    assert imported.exit_code == 0, imported.output
    assert "Diary activities:" in imported.output and "Form checks: 2 imported." in imported.output
    after = runner.invoke(app, ["data", "export"]).stdout
    assert _without_time(after) == _without_time(before)
    again = json.loads(runner.invoke(app, ["data", "import", str(out), "--json"]).stdout)
    assert again["sections"]["diary_pain_entries"]["imported"] == 0
    assert len(again["sections"]["diary_pain_entries"]["skipped"]) == 2


def test_an_export_larger_than_a_case_file_is_read(tmp_path: Path) -> None:
    """Kept form-check videos make exports large: the 16 MiB limit of case files does not apply."""
    document = json.loads(runner.invoke(app, ["data", "export"]).stdout)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(document) + " " * (17 * 1024 * 1024), "utf-8")
    result = runner.invoke(app, ["data", "import", str(big)])
    assert result.exit_code == 0, result.output
    assert "nothing was imported" in result.output


def _without_time(text: str) -> str:
    """The export's text without its ``exported_at`` line (the rest must be byte-identical)."""
    return "\n".join(line for line in text.strip().splitlines() if '"exported_at":' not in line)
