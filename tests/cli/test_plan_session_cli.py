"""``runknee plan log --date`` and ``runknee plan session edit|delete``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from runknee.cli.main import app
from tests import translation

runner = CliRunner()
CASE = {
    "age_years": 24,
    "sex": "female",
    "findings": {"pain_front_kneecap": "present", "worse_stairs_down": "present"},
}


@pytest.fixture()
def plan(save_for_cli: Callable[[dict[str, Any]], str]) -> tuple[str, str]:
    """A started plan (id, first exercise) over a saved assessment of CASE."""
    assessment = save_for_cli(CASE)
    result = runner.invoke(app, ["plan", "start", "--assessment", assessment, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return data["id"], data["plan"]["programme"]["phases"][0]["exercises"][0]["id"]


def _log(plan_id: str, exercise: str, *extra: str) -> Any:
    args = ["plan", "log", plan_id, "--kind", "exercise", "--exercise", exercise]
    return runner.invoke(app, [*args, "--pain-during", "2", *extra])


def test_log_with_a_date_then_add_next_morning_pain_and_delete(plan: tuple[str, str]) -> None:
    plan_id, exercise = plan
    today = datetime.now(UTC).date()
    first = _log(plan_id, exercise, "--date", today.isoformat(), "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["on"] == today.isoformat()
    second = _log(plan_id, exercise, "--pain-next-morning", "0")
    assert second.exit_code == 0, second.output
    assert f"Session 2, on {today:%a %d %b %Y}" in second.output
    assert "does not count towards moving on" in " ".join(second.output.split())
    edited = runner.invoke(
        app, ["plan", "session", "edit", plan_id, "1", "--pain-next-morning", "3", "--json"]
    )
    assert edited.exit_code == 0, edited.output
    data = json.loads(edited.output)
    assert data["session"]["pain_next_morning_0_10"] == 3
    assert data["progress"]["pain_verdict"] == "not_settled"
    kept = runner.invoke(app, ["plan", "session", "delete", plan_id, "2"], input="n\n")
    assert kept.exit_code == 0, kept.output
    assert "will be deleted" in kept.output and "Nothing was deleted" in kept.output
    gone = runner.invoke(app, ["plan", "session", "delete", plan_id, "2", "--yes"])
    assert gone.exit_code == 0, gone.output
    assert "Deleted" in gone.output
    shown = json.loads(runner.invoke(app, ["plan", "show", plan_id, "--json"]).output)
    assert [s["number"] for s in shown["sessions"]] == [1]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--date", "yesterday"], "--date"),
        (["--date", "2000-01-01"], "session.on"),
        (["--date", "2000-01-01", "--day", "1"], "--date"),
    ],
)
def test_bad_dates_name_the_field(plan: tuple[str, str], args: list[str], field: str) -> None:
    plan_id, exercise = plan
    result = _log(plan_id, exercise, *args, "--json")
    assert result.exit_code != 0
    assert field in result.output


def test_an_unknown_session_is_not_found(plan: tuple[str, str]) -> None:
    plan_id, _ = plan
    result = runner.invoke(app, ["plan", "session", "delete", plan_id, "7", "--yes"])
    assert result.exit_code != 0 and "7" in result.output


def test_a_date_far_ahead_is_refused(plan: tuple[str, str]) -> None:
    plan_id, exercise = plan
    ahead = (datetime.now(UTC).date() + timedelta(days=5)).isoformat()
    result = _log(plan_id, exercise, "--date", ahead)
    assert result.exit_code != 0 and "future" in result.output


def test_an_input_error_is_said_in_the_active_language(
    plan: tuple[str, str], tmp_path: Path
) -> None:
    plan_id, exercise = plan
    with translation.pseudo(tmp_path):
        shown = _log(plan_id, exercise, "--date", "2000-01-01")
        as_json = _log(plan_id, exercise, "--date", "2000-01-01", "--json")
    started = datetime.now(UTC).date().isoformat()  # the plan starts today
    assert shown.exit_code == 2
    said = " ".join(shown.output.split())
    assert f"session.on: {translation.MARK}before the plan started ({started})" in said
    error = json.loads(as_json.output)["errors"][0]  # JSON: the English, for programs
    assert error["message"] == f"before the plan started ({started})"
