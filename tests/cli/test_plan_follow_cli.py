"""``runknee plan start|show|log|list|start-running|resume`` next to ``runknee plan --case``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from runknee.cli.main import app

runner = CliRunner()
CASE = {
    "age_years": 24,
    "sex": "female",
    "findings": {"pain_front_kneecap": "present", "worse_stairs_down": "present"},
}


@pytest.fixture()
def assessment(save_for_cli: Callable[[dict[str, Any]], str]) -> str:
    """A saved assessment of CASE that the CLI finds through RUNKNEE_DATABASE_URL."""
    return save_for_cli(CASE)


def _start(assessment: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", "start", "--assessment", assessment, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_start_show_and_log_three_sessions(assessment: str) -> None:
    plan = _start(assessment)
    plan_id = str(plan["id"])
    exercise = plan["plan"]["programme"]["phases"][0]["exercises"][0]["id"]
    decisions = []
    for during, morning in ((2, 0), (3, 0), (7, 2)):
        result = runner.invoke(
            app,
            [
                "plan", "log", plan_id, "--kind", "exercise", "--exercise", exercise,
                "--pain-during", str(during), "--pain-after", "1",
                "--pain-next-morning", str(morning), "--json",
            ],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        decisions.append(json.loads(result.output)["progress"]["decision"])
    assert decisions == ["hold", "hold", "step_back"]
    shown = runner.invoke(app, ["plan", "show", plan_id, "--json"])
    data = json.loads(shown.output)
    assert [s["number"] for s in data["sessions"]] == [1, 2, 3]
    assert data["phase_number"] == 1 and data["next_steps"]
    text = runner.invoke(app, ["plan", "show", plan_id])
    assert text.exit_code == 0
    for words in ("Phase 1 of", "Next", "Recent sessions", "Going back a step", "Pain trend"):
        assert words in text.output
    listed = runner.invoke(app, ["plan", "list", "--json"])
    assert [p["id"] for p in json.loads(listed.output)] == [plan_id]


def test_log_text_says_why(assessment: str) -> None:
    plan_id = str(_start(assessment)["id"])
    result = runner.invoke(
        app, ["plan", "log", plan_id, "--kind", "exercise", "--pain-during", "8"]
    )
    assert result.exit_code == 0, result.output
    assert "Going back a step" in result.output and "acceptable level" in result.output


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--kind", "swim", "--pain-during", "1"], "--kind"),
        (["--kind", "exercise", "--pain-during", "1", "--exercise", "nope"], "--exercise"),
        (["--kind", "exercise", "--pain-during", "1", "--symptom", "nope"], "new_symptoms"),
    ],
)
def test_bad_log_input_exits_2_naming_the_field(
    assessment: str, args: list[str], field: str
) -> None:
    plan_id = str(_start(assessment)["id"])
    result = runner.invoke(app, ["plan", "log", plan_id, *args, "--json"])
    assert result.exit_code == 2, result.output
    assert field in json.loads(result.output)["errors"][0]["field"]


def test_out_of_range_pain_is_a_usage_error(assessment: str) -> None:
    plan_id = str(_start(assessment)["id"])
    result = runner.invoke(
        app, ["plan", "log", plan_id, "--kind", "exercise", "--pain-during", "11"]
    )
    assert result.exit_code == 2
    assert "--pain-during" in result.output


def test_unknown_ids_exit_3(assessment: str) -> None:
    for args in (
        ["plan", "show", "0" * 32],
        ["plan", "start", "--assessment", "f" * 32],
        ["plan", "log", "0" * 32, "--kind", "exercise", "--pain-during", "1"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 3, (args, result.output)
        assert "Not found" in result.output


def test_start_running_and_resume(assessment: str) -> None:
    plan = _start(assessment)
    plan_id = str(plan["id"])
    missing = runner.invoke(app, ["plan", "start-running", plan_id, "--json"])
    assert missing.exit_code == 2
    assert json.loads(missing.output)["errors"][0]["field"].startswith("criteria.")
    criteria = plan["plan"]["return_to_running"]["start_criteria"]
    met = [arg for c in criteria for arg in ("--met", c["id"])]
    started = runner.invoke(app, ["plan", "start-running", plan_id, *met, "--json"])
    assert started.exit_code == 0, started.output
    assert json.loads(started.output)["state"]["running_stage_index"] == 0
    resumed = runner.invoke(app, ["plan", "resume", plan_id])
    assert resumed.exit_code == 0 and "no longer paused" in resumed.output


def test_plan_case_still_works_and_bare_plan_shows_help(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    result = runner.invoke(app, ["plan", "--case", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["programme"]["phases"]
    bare = runner.invoke(app, ["plan"])
    assert bare.exit_code == 2 and "start" in bare.output and "--case" in bare.output
