"""The terminal shows the knowledge base's words in the active language."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from runknee.cli.main import app
from runknee.knowledge.loader import default_knowledge_base
from tests import translation

runner = CliRunner()


def test_conditions_are_listed_with_translated_names(tmp_path: Path) -> None:
    english = default_knowledge_base().conditions["patellofemoral_pain"]
    with translation.pseudo(tmp_path):
        shown = runner.invoke(app, ["conditions"], env={"COLUMNS": "200"})
        one = runner.invoke(app, ["conditions", "patellofemoral_pain"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert translation.MARK + english.lay_name in shown.output
    assert translation.MARK + english.description.split(".")[0] in " ".join(one.output.split())
