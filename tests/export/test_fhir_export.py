"""The FHIR export: a valid R4 Bundle whose resources say what the assessment says, no more."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runknee import __version__
from runknee.api import Runknee
from runknee.export.fhir import build_bundle
from runknee.export.fhir_codes import (
    ANSWER_SYSTEM,
    ICD10_SYSTEM,
    SNOMED_SYSTEM,
    URGENCY_SYSTEM,
    VER_STATUS_SYSTEM,
)
from runknee.knowledge.loader import default_knowledge_base
from tests.case_strategies import valid_cases
from tests.export.fhir_models import assert_written_as_fhir, parse_bundle

DEV_CASES = Path(__file__).parents[1] / "eval" / "dev_cases.jsonl"
DEV = [json.loads(line) for line in DEV_CASES.read_text().splitlines() if line.strip()]


def _bundle(runknee: Runknee, assessed: Any, **options: Any) -> dict[str, Any]:
    options.setdefault("plan", assessed.plan)
    return build_bundle(
        default_knowledge_base(),
        assessed.case,
        assessed.result,
        generated_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        app_version=__version__,
        **options,
    )


def _of_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _one(bundle: dict[str, Any], kind: str) -> dict[str, Any]:
    (resource,) = _of_type(bundle, kind)
    return resource


def _codes(concept: dict[str, Any], system: str) -> list[str]:
    return [c["code"] for c in concept.get("coding", []) if c["system"] == system]


def test_the_bundle_is_a_valid_fhir_collection(runknee: Runknee, kneecap: Any) -> None:
    data = _bundle(runknee, kneecap)
    reparsed = Bundle.model_validate_json(json.dumps(data))
    assert reparsed.type == "collection"
    kinds = [e["resource"]["resourceType"] for e in data["entry"]]
    assert kinds[:4] == ["Device", "QuestionnaireResponse", "Observation", "Condition"]
    assert kinds[-3:] == ["RiskAssessment", "CarePlan", "Provenance"]
    assert "Patient" not in kinds
    assert all(e["fullUrl"].startswith("urn:uuid:") for e in data["entry"])
    assert len({e["fullUrl"] for e in data["entry"]}) == len(data["entry"])


@pytest.mark.parametrize("row", DEV, ids=[row["id"] for row in DEV])
def test_every_development_case_exports_and_validates(runknee: Runknee, row: Any) -> None:
    data = runknee.fhir_bundle(row["case"])
    bundle = parse_bundle(json.dumps(data))
    assert bundle.entry is not None
    statuses = [
        _codes(c["verificationStatus"], VER_STATUS_SYSTEM) for c in _of_type(data, "Condition")
    ]
    assert statuses[0] == ["provisional"]
    assert all(status == ["differential"] for status in statuses[1:])


def test_conditions_are_never_confirmed_and_carry_the_knowledge_base_codes(
    runknee: Runknee, kneecap: Any
) -> None:
    data = _bundle(runknee, kneecap)
    conditions = _of_type(data, "Condition")
    assert len(conditions) == len(kneecap.result.conditions)
    answers_url = data["entry"][1]["fullUrl"]
    for resource, ranked in zip(conditions, kneecap.result.conditions, strict=True):
        known = runknee.condition(ranked.id)
        assert "confirmed" not in json.dumps(resource["verificationStatus"])
        assert _codes(resource["code"], ICD10_SYSTEM) == [known.codes.icd10]
        expected_snomed = [known.codes.snomed_ct] if known.codes.snomed_ct else []
        assert _codes(resource["code"], SNOMED_SYSTEM) == expected_snomed
        assert resource["evidence"][0]["detail"] == [{"reference": answers_url}]
        assert "not a diagnosis" in resource["note"][0]["text"]


def test_snomed_codes_appear_only_where_the_knowledge_base_has_them(runknee: Runknee) -> None:
    with_snomed = [c for c in runknee.conditions() if c.codes.snomed_ct]
    assert with_snomed, "the shipped knowledge base has some verified SNOMED CT codes"
    seen = set()
    for row in DEV:
        for resource in _of_type(runknee.fhir_bundle(row["case"]), "Condition"):
            seen.update(_codes(resource["code"], SNOMED_SYSTEM))
    assert seen <= {c.codes.snomed_ct for c in with_snomed}


def test_risk_assessment_probabilities_match_the_assessment(runknee: Runknee, kneecap: Any) -> None:
    risk = _one(_bundle(runknee, kneecap), "RiskAssessment")
    predictions = risk["prediction"]
    assert [p["probabilityDecimal"] for p in predictions] == [
        c.probability for c in kneecap.result.conditions
    ]
    for prediction, ranked in zip(predictions, kneecap.result.conditions, strict=True):
        assert _codes(prediction["outcome"], ICD10_SYSTEM) == [
            runknee.condition(ranked.id).codes.icd10
        ]
        assert prediction["rationale"]
    leading = kneecap.result.conditions[0]
    question = default_knowledge_base().findings[leading.supporting[0].finding].question
    assert question in predictions[0]["rationale"]


def test_the_questionnaire_response_holds_every_answer(runknee: Runknee, kneecap: Any) -> None:
    answers = _one(_bundle(runknee, kneecap), "QuestionnaireResponse")
    items = {item["linkId"]: item for item in answers["item"]}
    assert items["age_years"]["answer"] == [{"valueInteger": 24}]
    assert items["sex"]["answer"][0]["valueCoding"]["code"] == "female"
    for finding_id, state in kneecap.case.findings.items():
        item = items[finding_id]
        assert item["text"] == default_knowledge_base().findings[finding_id].question
        coding = item["answer"][0]["valueCoding"]
        assert (coding["system"], coding["code"]) == (ANSWER_SYSTEM, state.value)
    assert items["facts.weekly_distance_km"]["answer"] == [{"valueDecimal": 32.5}]
    assert answers["status"] == "completed"
    assert answers["questionnaire"].endswith(f"|{kneecap.result.knowledge_version}")


def test_urgency_is_a_coded_observation_with_the_red_flags(runknee: Runknee, hot_knee: Any) -> None:
    data = _bundle(runknee, hot_knee)
    (urgency,) = _of_type(data, "Observation")
    value = urgency["valueCodeableConcept"]
    assert _codes(value, URGENCY_SYSTEM) == [hot_knee.result.urgency.value] == ["emergency"]
    assert value["text"] == hot_knee.result.urgency_advice.label
    components = [c["code"]["coding"][0]["code"] for c in urgency["component"]]
    fired = [rule.id for rule in hot_knee.result.red_flags]
    assert components[: len(fired)] == fired
    # then every other warning sign checked, with its result (as on the PDF)
    rest = urgency["component"][len(fired) :]
    assert rest and all(c["valueString"].startswith("Warning sign checked: ") for c in rest)
    plan = _one(data, "CarePlan")
    assert _codes(plan["activity"][0]["detail"]["code"], URGENCY_SYSTEM) == ["emergency"]


def test_the_care_plan_is_a_draft_proposal_with_the_plan_items(
    runknee: Runknee, kneecap: Any
) -> None:
    plan = _one(_bundle(runknee, kneecap), "CarePlan")
    assert (plan["status"], plan["intent"]) == ("draft", "proposal")
    assert plan["description"] == kneecap.plan.headline
    codes = [a["detail"]["code"]["coding"][0]["code"] for a in plan["activity"]]
    for action in kneecap.plan.now:
        assert f"now.{action.id}" in codes
    avoided = [a["detail"] for a in plan["activity"] if a["detail"].get("doNotPerform")]
    assert len(avoided) == len(kneecap.plan.avoid)
    assert kneecap.result.disclaimer in [note["text"] for note in plan["note"]]


def test_without_a_plan_the_care_plan_carries_urgency_and_self_care(
    runknee: Runknee, kneecap: Any
) -> None:
    plan = _one(_bundle(runknee, kneecap, plan=None), "CarePlan")
    leading = runknee.condition(kneecap.result.conditions[0].id)
    descriptions = [a["detail"]["description"] for a in plan["activity"]]
    assert descriptions[0].startswith(kneecap.result.urgency_advice.what_to_do)
    assert leading.self_care in descriptions


def test_provenance_names_runknee_and_the_knowledge_base_version(
    runknee: Runknee, kneecap: Any
) -> None:
    data = _bundle(runknee, kneecap)
    provenance = _one(data, "Provenance")
    device_url = next(
        e["fullUrl"] for e in data["entry"] if e["resource"]["resourceType"] == "Device"
    )
    assert provenance["agent"][0]["who"]["reference"] == device_url
    device = _one(data, "Device")
    assert device["deviceName"] == [{"name": "runknee", "type": "user-friendly-name"}]
    versions = [v["value"] for v in device["version"]]
    assert versions == [__version__, kneecap.result.knowledge_version]
    entity = provenance["entity"][0]["what"]["identifier"]
    assert entity["value"] == kneecap.result.knowledge_version == runknee.knowledge_version
    targets = {t["reference"] for t in provenance["target"]}
    others = {e["fullUrl"] for e in data["entry"]} - {device_url, data["entry"][-1]["fullUrl"]}
    assert targets == others
    assert provenance["recorded"] == "2025-03-01T09:30:00Z"


def test_a_patient_is_added_only_on_request_and_stays_anonymous(
    runknee: Runknee, kneecap: Any
) -> None:
    without = _bundle(runknee, kneecap)
    assert _one(without, "RiskAssessment")["subject"] == {
        "display": "Anonymous runner (not identified)"
    }
    data = _bundle(runknee, kneecap, include_patient=True)
    patient = _one(data, "Patient")
    assert set(patient) == {"resourceType", "id", "gender", "birthDate"}
    assert (patient["gender"], patient["birthDate"]) == ("female", "2001")
    patient_url = data["entry"][0]["fullUrl"]
    for kind in ("QuestionnaireResponse", "Observation", "RiskAssessment", "CarePlan"):
        assert _one(data, kind)["subject"] == {"reference": patient_url}


def test_the_export_is_reproducible_and_needs_aware_times(runknee: Runknee, kneecap: Any) -> None:
    assert _bundle(runknee, kneecap) == _bundle(runknee, kneecap)
    with pytest.raises(ValueError, match="timezone"):
        build_bundle(
            default_knowledge_base(),
            kneecap.case,
            kneecap.result,
            generated_at=datetime(2025, 3, 1),
            app_version=__version__,
        )


def test_a_saved_assessment_exports_with_its_own_time(api: Runknee) -> None:
    saved = api.save_assessment({"age_years": 30, "findings": {"pain_outer_side": "present"}})
    data = api.fhir_bundle_for(saved.id)
    answers = _one(data, "QuestionnaireResponse")
    assert answers["authored"] == saved.created_at.isoformat().replace("+00:00", "Z")
    provenance = _one(data, "Provenance")
    assert provenance["entity"][0]["what"]["identifier"]["value"] == saved.knowledge_version
    assert provenance["recorded"] > answers["authored"]  # the step clock has moved on


FIXED = Runknee(clock=lambda: datetime(2025, 3, 1, tzinfo=UTC))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=valid_cases, include_patient=st.booleans())
def test_any_case_exports_to_a_valid_bundle_that_never_confirms(
    data: dict[str, Any], include_patient: bool
) -> None:
    bundle = FIXED.fhir_bundle(data, include_patient=include_patient)
    assert_written_as_fhir(bundle)
    statuses = [
        code
        for resource in _of_type(bundle, "Condition")
        for code in _codes(resource["verificationStatus"], VER_STATUS_SYSTEM)
    ]
    assert "confirmed" not in statuses
    assert statuses[:1] == ["provisional"] or not statuses
