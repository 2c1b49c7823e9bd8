"""``runknee kb report``, the condition review fields and the problem catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runknee.cli.main import app
from runknee.knowledge.loader import default_knowledge_base, load_knowledge_base
from runknee.knowledge.problems import PROBLEMS
from runknee.knowledge.report import knowledge_report
from tests.knowledge.kb_issues import load_issues

SRC = Path(__file__).parents[2] / "src" / "runknee"


def test_likelihood_ratios_follow_p_present_and_background() -> None:
    kb = default_knowledge_base()
    report = knowledge_report(kb)
    assert {c.id for c in report.conditions} == set(kb.conditions)
    row = report.conditions[0].features[0]
    assert row.lr_positive == round(row.p_present / row.background, 2)
    assert row.lr_negative == round((1 - row.p_present) / (1 - row.background), 2)
    rows = [row for condition in report.conditions for row in condition.features]
    assert any(row.estimate_only for row in rows) and not all(row.estimate_only for row in rows)
    assert all(row.evidence.value == "derived" for row in rows if row.estimate_only)


def test_every_condition_is_an_honest_draft_for_now() -> None:
    for condition in knowledge_report(default_knowledge_base()).conditions:
        assert condition.status == "draft" and condition.reviewed_by is None


def test_the_cli_report_in_json_and_text() -> None:
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["kb", "report", "--json"]).stdout)
    assert data["rules"] and all(rule["sources"] for rule in data["rules"])
    text = runner.invoke(app, ["kb", "report"])
    assert text.exit_code == 0 and "LR+" in text.stdout


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")


def test_a_reviewed_condition_needs_a_reviewer(data_copy: Path) -> None:
    _edit(data_copy / "conditions" / "dvt.yaml", "status: draft", "status: reviewed")
    assert any(" K141 " in issue and "dvt.yaml" in issue for issue in load_issues(data_copy))


def test_a_missing_status_is_a_warning(data_copy: Path) -> None:
    _edit(data_copy / "conditions" / "dvt.yaml", "status: draft", "")
    from runknee.knowledge.lint import check_references

    codes = {p.code for p in check_references(load_knowledge_base(data_copy))}
    assert codes == {"K143"}


@pytest.mark.parametrize("path", sorted((SRC / "knowledge").glob("*.py")), ids=lambda p: p.name)
def test_every_problem_id_used_is_in_the_catalogue(path: Path) -> None:
    for code in re.findall(r'"(K\d{3})"', path.read_text("utf-8")):
        assert code in PROBLEMS, f"{path.name}: {code}"
