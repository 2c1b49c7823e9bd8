"""``runknee data export|import`` (issue 12)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from runknee.cli.main import app

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
