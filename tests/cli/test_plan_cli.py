"""``runknee plan`` and ``runknee exercises`` (text, JSON and SVG output)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from runknee.cli.main import app

runner = CliRunner()
CASE = {"age_years": 29, "sex": "female", "findings": {"pain_front_kneecap": "present"}}


def _case_file(tmp_path: Path, case: dict[str, object]) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    return str(path)


def test_plan_json_for_a_case(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", "--case", _case_file(tmp_path, CASE), "--json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["limited"] is False
    assert plan["programme"]["phases"]
    assert plan["return_to_running"]["stages"]
    assert plan["pain_rule"]["ok_max_0_10"] == 3


def test_plan_text_shows_today_warning_signs_and_programme(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", "--case", _case_file(tmp_path, CASE)])
    assert result.exit_code == 0, result.output
    for heading in ("Today", "Get help if", "Programme:", "Return to running"):
        assert heading in result.output


def test_urgent_plan_has_no_programme(tmp_path: Path) -> None:
    case = {"age_years": 40, "findings": {"calf_swelling": "present"}}
    result = runner.invoke(app, ["plan", "--case", _case_file(tmp_path, case), "--json"])
    plan = json.loads(result.output)
    assert plan["limited"] is True
    assert plan["programme"] is None and plan["return_to_running"] is None


def test_plan_reads_stdin_and_rejects_bad_input() -> None:
    ok = runner.invoke(app, ["plan", "--case", "-", "--json"], input=json.dumps(CASE))
    assert ok.exit_code == 0
    bad = runner.invoke(app, ["plan", "--case", "-", "--json"], input='{"findings": {"x": "yes"}}')
    assert bad.exit_code == 2
    assert json.loads(bad.output)["ok"] is False


def test_exercises_list_and_one_exercise() -> None:
    listed = runner.invoke(app, ["exercises", "--json"])
    assert listed.exit_code == 0
    assert len(json.loads(listed.output)) >= 30
    text = runner.invoke(app, ["exercises"])
    assert "wall_sit" in text.output
    one = runner.invoke(app, ["exercises", "wall_sit", "--json"])
    assert json.loads(one.output)["loading_stage"] == "isometric"
    card = runner.invoke(app, ["exercises", "spanish_squat"])
    assert "Spanish squat" in card.output and "Dose:" in card.output


def test_exercise_svg_is_written(tmp_path: Path) -> None:
    out = tmp_path / "wall_sit.svg"
    result = runner.invoke(app, ["exercises", "wall_sit", "--svg", str(out)])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_text())
    assert root.find("{http://www.w3.org/2000/svg}title") is not None


def test_unknown_exercise_and_svg_without_id_fail_clearly(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["exercises", "moonwalk", "--json"])
    assert missing.exit_code == 3
    no_id = runner.invoke(app, ["exercises", "--svg", str(tmp_path / "x.svg")])
    assert no_id.exit_code == 2
