"""The CLI is a thin, scriptable layer: JSON on every read command, clear errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from runknee.cli.main import app

runner = CliRunner()
DEV_CASES = Path(__file__).parents[1] / "eval" / "dev_cases.jsonl"


def _write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def test_assess_case_json_has_the_documented_fields(tmp_path: Path) -> None:
    case = _write(
        tmp_path, "case.json", {"age_years": 30, "findings": {"pain_outer_side": "present"}}
    )
    result = runner.invoke(app, ["assess", "--case", case, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("urgency", "red_flags", "conditions", "contributing_factors", "knowledge_version"):
        assert key in data
    assert {"id", "probability", "supporting", "conflicting", "unasked"} <= set(
        data["conditions"][0]
    )


def test_assess_batch_gives_one_result_per_line_in_order() -> None:
    result = runner.invoke(app, ["assess", "--cases", str(DEV_CASES), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    cases = [
        json.loads(line)["case"] for line in DEV_CASES.read_text().splitlines() if line.strip()
    ]
    assert len(lines) == len(cases)
    single = runner.invoke(app, ["assess", "--case", "-", "--json"], input=json.dumps(cases[7]))
    assert json.loads(lines[7]) == json.loads(single.output)


def test_invalid_case_exits_2_with_the_error_shape(tmp_path: Path) -> None:
    case = _write(tmp_path, "bad.json", {"age_years": "ten"})
    result = runner.invoke(app, ["assess", "--case", case, "--json"])
    assert result.exit_code == 2
    error = json.loads(result.output)
    assert error["ok"] is False and error["errors"][0]["field"] == "age_years"


def test_malformed_json_and_missing_file_are_clear_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = runner.invoke(app, ["assess", "--case", str(broken)])
    assert result.exit_code == 2
    assert "not valid JSON" in result.output
    missing = runner.invoke(app, ["assess", "--case", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2


def test_conditions_list_and_one(tmp_path: Path) -> None:
    listed = json.loads(runner.invoke(app, ["conditions", "--json"]).output)
    assert len(listed) >= 19
    one = runner.invoke(app, ["conditions", "fracture", "--json"])
    assert json.loads(one.output)["codes"]["icd10"].startswith("S")
    unknown = runner.invoke(app, ["conditions", "nope", "--json"])
    assert unknown.exit_code == 3


def test_explain_shows_evidence(tmp_path: Path) -> None:
    case = _write(tmp_path, "case.json", {"findings": {"pain_below_kneecap": "present"}})
    result = runner.invoke(
        app, ["explain", "--case", case, "--condition", "patellar_tendinopathy", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["assessment"]["supporting"][0]["finding"] == "pain_below_kneecap"


def test_kb_lint_passes_and_reports_the_version() -> None:
    result = runner.invoke(app, ["kb", "lint", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["knowledge_version"].startswith("kb-")


def test_findings_and_sources_read_commands() -> None:
    findings = json.loads(runner.invoke(app, ["findings", "--json"]).output)
    assert any(item["id"] == "injury_event" for item in findings)
    sources = json.loads(runner.invoke(app, ["sources", "--json"]).output)
    assert any(item["id"] == "stiell1996" for item in sources)


def test_interview_in_the_terminal_reaches_a_result() -> None:
    # 30-year-old, declines sex, then "no" to everything until the engine stops
    answers = "30\n?\n" + "n\n" * 90
    result = runner.invoke(app, ["interview", "--json"], input=answers)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["urgency"] in {"self_care", "consultation"}


def test_interview_back_undoes_the_last_answer() -> None:
    # answer age, then go back and answer it again; a wrong input shows the help
    answers = "30\nb\n45\nm\nmaybe\n" + "n\n" * 90
    result = runner.invoke(app, ["interview", "--json"], input=answers)
    assert result.exit_code == 0, result.output
    assert "don't know" in result.output


def test_next_command_returns_the_next_question(tmp_path: Path) -> None:
    case = _write(tmp_path, "partial.json", {"age_years": 40, "sex": "female"})
    data = json.loads(runner.invoke(app, ["next", "--case", case, "--json"]).output)
    assert data["stage"] == "urgency_screen" and data["should_stop"] is False


def test_kb_lint_fails_with_file_and_line_on_a_broken_copy(tmp_path: Path) -> None:
    import shutil

    from runknee.knowledge.loader import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    rules = data / "red_flags.yaml"
    rules.write_text(rules.read_text().replace("urgency: emergency_ambulance", "urgency: asap", 1))
    result = runner.invoke(app, ["kb", "lint", "--data-dir", str(data)])
    assert result.exit_code == 4
    assert "red_flags.yaml:" in result.output and "urgency" in result.output


def test_terminal_result_gives_reasons_as_questions_and_answers(tmp_path: Path) -> None:
    case = _write(
        tmp_path,
        "case.json",
        {"findings": {"injury_event": "absent", "pain_outer_side": "present"}},
    )
    result = runner.invoke(app, ["assess", "--case", case])
    assert result.exit_code == 0, result.output
    # the table wraps the question; both halves and the answer are there
    assert "Is the pain on the outer" in result.output
    assert "side of the knee? yes" in result.output
    assert "pain_outer_side" not in result.output
