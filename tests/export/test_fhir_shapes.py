"""Every shape the FHIR exporter writes is a valid R4 Bundle as ``fhir.resources`` writes it.

The exporter builds JSON data without the ``fhir.resources`` models (their import was most of
``runknee export fhir``'s start-up), so these tests are what checks its shapes: each bundle is
validated by the R4B models and written back by them byte for byte, keys in the same order.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from runknee import __version__
from runknee.api import Runknee
from runknee.export.fhir import build_bundle
from runknee.knowledge.loader import default_knowledge_base
from tests.export.conftest import HOT_KNEE, KNEECAP
from tests.export.fhir_models import assert_written_as_fhir
from tests.plan_helpers import plan_with_sessions

DEV_CASES = Path(__file__).parents[1] / "eval" / "dev_cases.jsonl"
DEV = [json.loads(line) for line in DEV_CASES.read_text().splitlines() if line.strip()]
AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
SHAPES: dict[str, dict[str, Any]] = {
    "kneecap": KNEECAP,
    "hot knee": HOT_KNEE,
    "nothing answered": {},
    "declined": {"declined": ["age_years", "sex"], "findings": {"pain_front_kneecap": "present"}},
    "every fact": {
        "age_years": 40,
        "sex": "male",
        "findings": {"pain_front_kneecap": "unknown", "swelling": "absent"},
        "facts": {
            "days_since_onset": 12,
            "morning_stiffness_min": 5,
            "weekly_distance_km": 32.5,
            "weekly_distance_change_pct": -20,
            "shoe_distance_km": 640,
            "cadence_spm": 171,
        },
    },
}


@pytest.mark.parametrize("row", DEV, ids=[row["id"] for row in DEV])
@pytest.mark.parametrize("patient", [False, True])
def test_every_development_case(row: dict[str, Any], patient: bool) -> None:
    api = Runknee(clock=lambda: AT)
    assert_written_as_fhir(api.fhir_bundle(row["case"], include_patient=patient))


@pytest.mark.parametrize("name", SHAPES)
@pytest.mark.parametrize("patient", [False, True])
def test_answers_declined_missing_and_facts(name: str, patient: bool) -> None:
    api = Runknee(clock=lambda: AT)
    assert_written_as_fhir(api.fhir_bundle(SHAPES[name], include_patient=patient))


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 3, 1, 9, 30, 0, 123456, tzinfo=UTC),
        datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        datetime(2025, 3, 1, 9, 30, 5, 120000, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
    ],
)
def test_times_with_fractions_and_offsets(moment: datetime) -> None:
    assert_written_as_fhir(Runknee(clock=lambda: moment).fhir_bundle(KNEECAP))


def test_without_care_plan_content_and_with_a_newer_knowledge_base() -> None:
    knowledge = default_knowledge_base()
    api = Runknee(clock=lambda: AT)
    case = api.case(HOT_KNEE)
    older = api.assess(case).model_copy(update={"knowledge_version": "an-older-version"})
    for plain in (knowledge, dataclasses.replace(knowledge, plans=None)):
        bundle = build_bundle(
            plain, case, older, generated_at=AT, app_version=__version__, include_patient=True
        )
        provenance = bundle["entry"][-1]["resource"]
        assert len(provenance["entity"]) == 2  # the assessment's version and today's
        assert_written_as_fhir(bundle)


def test_a_saved_assessment_with_its_plan_followed(api: Runknee) -> None:
    assessment, plan = plan_with_sessions(api, KNEECAP, [(4, 3), (3, 2), (2, 1)])
    sessions = api.plan_timeline(plan)
    api.edit_plan_session(plan, sessions[-1].id, {"pain_next_morning_0_10": 2})
    for patient in (False, True):
        bundle = api.fhir_bundle_for(assessment, include_patient=patient)
        notes = json.dumps(bundle)
        assert "next morning 2/10" in notes
        assert_written_as_fhir(bundle)


_WITHOUT_FHIR_MODELS = """
import json, sys
sys.modules["fhir"] = sys.modules["fhir_core"] = None  # as if fhir.resources were not installed
from fastapi.testclient import TestClient
from runknee.api import Runknee
from runknee.web.app import create_app

api = Runknee.open(sys.argv[1])
saved = api.save_assessment({"age_years": 30, "findings": {"pain_front_kneecap": "present"}})
with TestClient(create_app(api)) as client:
    page = client.get(f"/assessments/{saved.id}/fhir.json")
assert page.status_code == 200, page.text
print(json.loads(page.text)["resourceType"])
"""


def test_the_app_exports_without_the_fhir_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_FHIR_MODELS, url],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Bundle\n"
