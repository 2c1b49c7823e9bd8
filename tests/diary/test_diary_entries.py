"""Manual runs, pain entries and shoes on SQLite and PostgreSQL; the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runknee.api import ManualRun, PainEntry, RunDetails, Runknee, Shoe
from runknee.cli.main import app
from runknee.errors import CaseInputError, NotFoundError
from tests.diary.diary_helpers import sample


def test_runs_pain_and_shoes_round_trip(any_api: Runknee) -> None:
    diary = any_api.diary
    shoe = diary.add_shoe(Shoe(name="Road", start_km=100, alert_km=600))
    run = diary.add_run(
        ManualRun(
            run_date=date(2025, 2, 3),
            distance_m=8000,
            duration_s=2700,
            shoe_id=shoe.id,
            surface="road",
        )
    )
    assert run.local_date == date(2025, 2, 3) and run.surface == "road"
    changed = diary.update_run(run.id, RunDetails(session_type="long", notes="windy"))
    assert changed.session_type == "long" and changed.shoe_id is None and changed.notes == "windy"
    pain = diary.add_pain(
        PainEntry(entry_date=date(2025, 2, 3), during_0_10=3, location="front_kneecap")
    )
    assert diary.pain() == [pain]
    updated = diary.update_pain(pain.id, PainEntry(entry_date=date(2025, 2, 3), during_0_10=4))
    assert updated.during_0_10 == 4
    diary.update_run(run.id, RunDetails(shoe_id=shoe.id))
    assert diary.runs_with_shoe(shoe.id) == 1
    diary.delete_shoe(shoe.id)
    assert diary.run(run.id).shoe_id is None  # the run stays, without shoes
    diary.delete_pain(pain.id)
    diary.delete_run(run.id)
    assert diary.runs() == [] and diary.pain() == [] and diary.shoes() == []
    with pytest.raises(NotFoundError):
        diary.delete_run(run.id)


def test_an_unknown_location_is_an_input_error_and_unknown_shoes_not_found(api: Runknee) -> None:
    with pytest.raises(CaseInputError):
        api.diary.add_pain(PainEntry(entry_date=date(2025, 1, 1), location="elbow"))
    with pytest.raises(NotFoundError):
        api.diary.add_run(
            ManualRun(run_date=date(2025, 1, 1), distance_m=1, duration_s=1, shoe_id="f" * 32)
        )


def test_migration_downgrades_and_upgrades(database_url: str) -> None:
    from runknee.storage import open_engine
    from runknee.storage.database import downgrade, migrate

    engine = open_engine(database_url)
    migrate(engine)
    downgrade(engine, "0003")
    migrate(engine)
    engine.dispose()


def test_cli_import_load_and_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    runner = CliRunner()
    bad = tmp_path / "bad.fit"
    bad.write_bytes(b"nothing here")
    result = runner.invoke(app, ["diary", "import", str(bad), "--json"])
    assert result.exit_code == 1 and json.loads(result.output)["failures"][0]["file"] == "bad.fit"
    fit = sample("python-fitparse/activity-small-fenix2-run.fit")
    result = runner.invoke(app, ["diary", "import", str(fit), str(bad)])
    assert (
        result.exit_code == 0 and "1 new activities" in result.output and "bad.fit" in result.output
    )
    result = runner.invoke(
        app, ["diary", "pain", "add", "--date", "2015-08-15", "--during", "6", "--json"]
    )
    assert result.exit_code == 0
    result = runner.invoke(app, ["diary", "load", "--as-of", "2015-08-16", "--json"])
    report = json.loads(result.output)
    assert report["weeks"][-1]["run_distance_m"] == pytest.approx(9008.2)
    assert [flag["id"] for flag in report["flags"]] == ["pain_during_high"]
    runs = json.loads(runner.invoke(app, ["diary", "runs", "--json"]).output)
    assert runs[0]["avg_cadence_spm"] == 162
    assert runner.invoke(app, ["diary", "load", "--as-of", "2015-08-16"]).exit_code == 0
    assert runner.invoke(app, ["diary", "shoes", "add", "Road", "--alert-km", "700"]).exit_code == 0
    assert "Road" in runner.invoke(app, ["diary", "shoes", "list"]).output


def test_cli_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    runner = CliRunner()
    assert (
        runner.invoke(app, ["diary", "pain", "add", "--date", "2025-03-03", "--night"]).exit_code
        == 0
    )
    result = runner.invoke(app, ["diary", "findings", "--as-of", "2025-03-05", "--json"])
    assert [item["finding_id"] for item in json.loads(result.output)] == ["night_pain"]
    assert "night_pain" in runner.invoke(app, ["diary", "findings", "--as-of", "2025-03-05"]).output
