"""The clinician summary read back with pdftotext: what comes first, every answer, the warning
signs, the plan followed with its sessions; page counts; the FHIR bundle carries the same
(issue 12)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from runknee.api import Runknee
from tests.export.fhir_models import parse_bundle
from tests.plan_helpers import plan_with_sessions

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

CASE: dict[str, Any] = {
    "age_years": 24,
    "sex": "female",
    "findings": {
        "both_knees": "present",
        "pain_front_kneecap": "present",
        "worse_squatting": "present",
        "injury_event": "absent",
        "swelling": "absent",
        "locking": "unknown",
    },
    "facts": {"days_since_onset": 180},
}


def _read(data: bytes, tmp_path: Path) -> tuple[str, int]:
    path = tmp_path / "summary.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("latin-1")
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    pages = int(info.stdout.split("Pages:")[1].split()[0])
    return " ".join(text.split()), pages


def _with_plan(api: Runknee) -> tuple[str, str]:
    return plan_with_sessions(api, CASE, [(2, 1), (4, 3), (1, 1)])


def test_the_summary_opens_with_the_runner_and_lists_every_answer(
    api: Runknee, tmp_path: Path
) -> None:
    saved = api.save_assessment(CASE)
    text, pages = _read(api.summary_pdf_for(saved.id), tmp_path)
    assert 1 <= pages <= 2
    order = [
        "Runner: 24 years, female",
        "Assessed on",
        "How urgent",
        saved.result.urgency_advice.label,
        "Because:",
        "What it is likely to be",
        "Every answer given",
        "Warning signs checked",
        "Contributing factors",
        "Your plan",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert "Does the knee get stuck" in text and "Don't know" in text
    assert "Did the pain start with an injury" in text
    assert " in 10" in text or "in 20" in text
    assert "not present" in text.lower() or "not checked" in text


def test_a_followed_plan_adds_one_page_with_sessions_and_chart(
    api: Runknee, tmp_path: Path
) -> None:
    assessment, plan = _with_plan(api)
    text, pages = _read(api.summary_pdf_for(assessment), tmp_path)
    assert pages <= 3
    followed = text[text.index("The plan being followed") :]
    assert "Current phase: 1 of" in followed
    assert "Logged sessions (3)" in followed
    assert f"{api.plan_timeline(plan)[0].on:%d %b %Y}" in followed  # sessions by date
    assert "4/10" in followed and "3/10" in followed
    assert "Pain scores by session" in followed


def test_the_fhir_bundle_carries_the_same(api: Runknee) -> None:
    assessment, plan = _with_plan(api)
    second = api.plan_timeline(plan)[1].on
    data = api.fhir_bundle_for(assessment)
    parse_bundle(data)  # validates with fhir.resources
    kinds = [entry["resource"]["resourceType"] for entry in data["entry"]]
    assert "QuestionnaireResponse" in kinds and "RiskAssessment" in kinds
    care_plan = next(
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "CarePlan"
    )
    notes = " ".join(note["text"] for note in care_plan["note"])
    assert (
        "Current phase: 1 of" in notes
        and f"Session 2 ({second.isoformat()}, exercise): pain during 4/10" in notes
    )
    urgency = next(
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Observation"
    )
    checked = [c["valueString"] for c in urgency["component"]]
    assert any("Warning sign checked: not present" in v for v in checked)
