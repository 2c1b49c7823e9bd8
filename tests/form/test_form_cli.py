"""``runknee form analyse|compare|list`` (the video pipeline itself is tested elsewhere)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runknee.api import Runknee
from runknee.cli.main import app
from runknee.storage import AssessmentStore
from tests.form.form_synthetic import synthetic_report as report
from tests.sample_clip import SAMPLE_CLIP

runner = CliRunner()


def test_a_text_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    text = tmp_path / "run.mp4"
    text.write_text("hello")
    result = runner.invoke(app, ["form", "analyse", str(text), "--json"])
    assert result.exit_code == 1
    assert "not a video" in json.loads(result.output)["errors"][0]["message"]
    empty = tmp_path / "empty.mov"
    empty.touch()
    result = runner.invoke(app, ["form", "analyse", str(empty)])
    assert result.exit_code == 1 and "empty" in result.output


def test_bad_view_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["form", "analyse", str(tmp_path / "x.mp4"), "--view", "front"])
    assert result.exit_code == 2


def test_compare_and_list_saved_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", url)
    store = AssessmentStore.open(url)
    api = Runknee(store=store)
    first = api.form.save(report(150.0), "before.mp4")
    second = api.form.save(report(168.0), "after.mp4")
    store.close()
    result = runner.invoke(app, ["form", "compare", first.id, second.id, "--json"])
    assert result.exit_code == 0, result.output
    cadence = next(c for c in json.loads(result.output)["changes"] if c["id"] == "cadence_spm")
    assert cadence["meaningful"] and cadence["change"] > 10
    listed = runner.invoke(app, ["form", "list", "--json"])
    assert [c["id"] for c in json.loads(listed.output)] == [second.id, first.id]
    text = runner.invoke(app, ["form", "compare", first.id, second.id])
    assert "Step rate" in text.output and "yes" in text.output


def test_the_terminal_report_names_each_cues_plan_cue_and_factor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rich.console import Console

    from runknee.cli import form as form_cli

    recorder = Console(record=True, width=300)
    monkeypatch.setattr(form_cli, "console", recorder)
    form_cli.print_report(report(150.0))
    text = recorder.export_text()
    line = next(row for row in text.splitlines() if "step rate" in row and "applies" in row)
    assert "plan cue: quicker_steps" in line and "factor: overstriding" in line


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLE_CLIP.exists(), reason="the sample clip is not available")
def test_the_annotated_video_replaces_its_file_whole_and_private(tmp_path: Path) -> None:
    pytest.importorskip("mediapipe")
    target = tmp_path / "annotated.mp4"
    target.write_bytes(b"an older video")
    os.chmod(target, 0o644)
    result = runner.invoke(app, ["form", "analyse", str(SAMPLE_CLIP), "--annotated", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[4:8] == b"ftyp"  # an MP4, written under its own extension
    assert target.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["annotated.mp4"]  # no temporary left
