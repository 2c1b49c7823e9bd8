"""``runknee export fhir`` and ``runknee export pdf``: files in, bundle or PDF out, clear errors."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from typer.testing import CliRunner

from runknee.cli.main import app

runner = CliRunner()
CASE = {"age_years": 30, "sex": "male", "findings": {"pain_outer_side": "present"}}


def _write(tmp_path: Path, data: object, name: str = "case.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


@pytest.fixture()
def saved_id(save_for_cli: Callable[[dict[str, Any]], str]) -> str:
    """A saved assessment of CASE that the CLI finds through RUNKNEE_DATABASE_URL."""
    return save_for_cli(CASE)


def test_export_fhir_prints_a_valid_bundle(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "fhir", "--case", _write(tmp_path, CASE)])
    assert result.exit_code == 0, result.output
    bundle = Bundle.model_validate_json(result.stdout)
    resources = [entry.resource for entry in bundle.entry or []]
    kinds = [resource.get_resource_type() for resource in resources if resource is not None]
    assert len(kinds) == len(resources)  # every entry holds a resource
    assert "Patient" not in kinds and kinds[-1] == "Provenance"


def test_export_fhir_reads_stdin_and_adds_a_patient_on_request() -> None:
    result = runner.invoke(
        app, ["export", "fhir", "--case", "-", "--patient"], input=json.dumps(CASE)
    )
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)["entry"]
    assert entries[0]["resource"]["resourceType"] == "Patient"
    assert entries[0]["resource"]["gender"] == "male"


def test_a_malformed_case_exits_2_naming_the_field(tmp_path: Path) -> None:
    bad = _write(tmp_path, {"age_years": "ten", "findings": {"pain_outer_side": "maybe"}})
    for command in (["fhir"], ["pdf", "--out", str(tmp_path / "x.pdf")]):
        result = runner.invoke(app, ["export", *command, "--case", bad])
        assert result.exit_code == 2
        assert "age_years" in result.output and "findings.pain_outer_side" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_broken_json_and_missing_files_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{nope")
    result = runner.invoke(app, ["export", "fhir", "--case", str(broken)])
    assert result.exit_code == 2 and "not valid JSON" in result.output
    missing = runner.invoke(app, ["export", "fhir", "--case", str(tmp_path / "none.json")])
    assert missing.exit_code == 2


def test_at_most_one_source_may_be_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    neither = runner.invoke(app, ["export", "fhir"])  # the newest assessment: there is none
    assert neither.exit_code == 3 and "runknee interview" in neither.output
    both = runner.invoke(
        app, ["export", "fhir", "--case", _write(tmp_path, CASE), "--assessment", "abc"]
    )
    assert both.exit_code == 2


def test_export_pdf_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = runner.invoke(
        app, ["export", "pdf", "--case", _write(tmp_path, CASE), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in result.output


def test_export_pdf_is_private_whatever_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"old")
    os.chmod(out, 0o644)  # an existing, world-readable file is tightened too
    old = os.umask(0o022)
    try:
        result = runner.invoke(
            app, ["export", "pdf", "--case", _write(tmp_path, CASE), "--out", str(out)]
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.read_bytes().startswith(b"%PDF")


def test_export_pdf_reports_an_unwritable_path(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir" / "summary.pdf"
    result = runner.invoke(
        app, ["export", "pdf", "--case", _write(tmp_path, CASE), "--out", str(out)]
    )
    assert result.exit_code == 2 and "--out" in result.output


def test_a_saved_assessment_exports_both_ways(saved_id: str, tmp_path: Path) -> None:
    fhir = runner.invoke(app, ["export", "fhir", "--assessment", saved_id])
    assert fhir.exit_code == 0, fhir.output
    Bundle.model_validate_json(fhir.stdout)
    out = tmp_path / "saved.pdf"
    pdf = runner.invoke(app, ["export", "pdf", "--assessment", saved_id, "--out", str(out)])
    assert pdf.exit_code == 0, pdf.output
    assert out.read_bytes().startswith(b"%PDF")


def test_an_unknown_assessment_exits_3(saved_id: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "fhir", "--assessment", "0" * 32])
    assert result.exit_code == 3
    out = tmp_path / "x.pdf"
    pdf = runner.invoke(app, ["export", "pdf", "--assessment", "0" * 32, "--out", str(out)])
    assert pdf.exit_code == 3 and not out.exists()
