"""The terminal result never contradicts its urgency (issue 7, item 7)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from runknee.api import Runknee
from runknee.cli.main import app
from runknee.knowledge.loader import default_knowledge_base
from tests.advice_cases import OTTAWA_WITH_AMBER, SWOLLEN_ONLY

runner = CliRunner()


def _assess(tmp_path: Path, case: dict[str, Any]) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    result = runner.invoke(app, ["assess", "--case", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_emergency_result_notes_amber_rules_without_their_instructions(tmp_path: Path) -> None:
    output = _assess(tmp_path, OTTAWA_WITH_AMBER)
    assert "Go to an emergency department today" in output
    assert "one to two weeks" not in output
    assert "Also noted" in output
    assert "Swollen knee" in output


def test_amber_rules_are_reasons_to_see_someone(tmp_path: Path) -> None:
    output = _assess(tmp_path, SWOLLEN_ONLY)
    assert "Reason to see someone: Swollen knee" in output
    assert "Warning sign: Swollen knee" not in output


def test_open_warning_signs_name_their_questions(tmp_path: Path) -> None:
    api = Runknee()
    result = api.assess(SWOLLEN_ONLY)
    assert result.open_red_flags
    output = _assess(tmp_path, SWOLLEN_ONLY)
    assert "Warning signs not checked" in output
    for rule in result.open_red_flags:
        for finding_id in rule.questions:
            assert (
                " ".join(default_knowledge_base().findings[finding_id].question.split()) in output
            )
