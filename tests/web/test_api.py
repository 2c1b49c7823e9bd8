"""The JSON API, in process, on SQLite and PostgreSQL (``any_client``): every endpoint."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from runknee.api import Runknee

KNEECAP = {"age_years": 30, "findings": {"pain_front_kneecap": "present"}}
EMERGENCY = {"age_years": 40, "findings": {"fever_or_unwell": "present", "swelling": "present"}}


def error_fields(body: dict[str, Any]) -> list[str]:
    assert body["ok"] is False and set(body) == {"ok", "errors", "status"}
    return [error["field"] for error in body["errors"]]


def test_health_names_the_knowledge_version(any_client: TestClient, any_api: Runknee) -> None:
    response = any_client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"ok": True, "knowledge_version": any_api.knowledge_version}


def test_assess_returns_the_same_result_as_the_facade(
    any_client: TestClient, any_api: Runknee
) -> None:
    response = any_client.post("/api/v1/assess", json=KNEECAP)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == any_api.assess(KNEECAP).model_dump(mode="json")
    assert response.json()["urgency"] in {"self_care", "consultation"}


def test_assess_puts_urgency_first_for_red_flags(any_client: TestClient) -> None:
    body = any_client.post("/api/v1/assess", json=EMERGENCY).json()
    assert body["urgency"].startswith("emergency")
    assert body["red_flags"]


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"age_years": 3}, "age_years"),
        ({"age_years": "thirty"}, "age_years"),
        ({"sex": "other"}, "sex"),
        ({"findings": {"pain_front_kneecap": "maybe"}}, "findings.pain_front_kneecap"),
        ({"findings": {"no_such_finding": "present"}}, "findings.no_such_finding"),
        ({"facts": {"cadence_spm": 1000}}, "facts.cadence_spm"),
        ({"unexpected": 1}, "unexpected"),
        ([1, 2], "body"),
        ("a string", "body"),
    ],
)
def test_bad_cases_get_422_naming_the_field(any_client: TestClient, case: Any, field: str) -> None:
    for path in ("/api/v1/assess", "/api/v1/interview/next", "/api/v1/assessments"):
        response = any_client.post(path, json=case)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["status"] == 422
        assert field in error_fields(response.json()), response.json()


def test_interview_next_asks_the_basics_first(any_client: TestClient) -> None:
    body = any_client.post("/api/v1/interview/next", json={}).json()
    assert body["should_stop"] is False and body["kind"] == "age_years"
    assert body["reason"] and body["stage"] == "basics"


def test_interview_next_moves_on_to_findings(any_client: TestClient, any_api: Runknee) -> None:
    case = {"age_years": 30, "sex": "female"}
    body = any_client.post("/api/v1/interview/next", json=case).json()
    assert body == any_api.next_question(case).model_dump(mode="json")
    assert body["kind"] == "finding" and body["id"] in any_api.knowledge.finding_ids


def test_conditions_list_and_one(any_client: TestClient, any_api: Runknee) -> None:
    listed = any_client.get("/api/v1/conditions").json()
    assert [item["id"] for item in listed] == [c.id for c in any_api.conditions()]
    first = listed[0]["id"]
    one = any_client.get(f"/api/v1/conditions/{first}")
    assert one.status_code == 200 and one.json() == listed[0]


def test_unknown_condition_is_404_in_the_error_shape(any_client: TestClient) -> None:
    response = any_client.get("/api/v1/conditions/no_such_condition")
    assert response.status_code == 404
    assert error_fields(response.json()) == ["condition"]
    assert "no_such_condition" in response.json()["errors"][0]["message"]


def test_sources_and_findings(any_client: TestClient, any_api: Runknee) -> None:
    sources = any_client.get("/api/v1/sources").json()
    assert [item["id"] for item in sources] == [s.id for s in any_api.sources()]
    findings = any_client.get("/api/v1/findings").json()
    assert {item["id"] for item in findings} == any_api.knowledge.finding_ids


def test_saved_assessments_lifecycle(any_client: TestClient, any_api: Runknee) -> None:
    assert any_client.get("/api/v1/assessments").json() == []
    created = any_client.post("/api/v1/assessments", json=KNEECAP)
    assert created.status_code == 201
    body = created.json()
    assert created.headers["location"] == f"/api/v1/assessments/{body['id']}"
    assert body["case"] == any_api.case(KNEECAP).model_dump(mode="json")
    assert body["result"] == any_api.assess(KNEECAP).model_dump(mode="json")
    assert body["knowledge_version"] == any_api.knowledge_version
    assert body["created_at"] == body["updated_at"] == "2025-03-01T09:00:01Z"

    second = any_client.post("/api/v1/assessments", json=EMERGENCY).json()
    listed = any_client.get("/api/v1/assessments").json()
    assert [item["id"] for item in listed] == [second["id"], body["id"]]
    assert any_client.get(created.headers["location"]).json() == body

    deleted = any_client.delete(created.headers["location"])
    assert deleted.status_code == 204 and deleted.content == b""
    gone = any_client.get(created.headers["location"])
    assert gone.status_code == 404 and error_fields(gone.json()) == ["assessment"]
    again = any_client.delete(created.headers["location"])
    assert again.status_code == 404


@pytest.mark.parametrize("bad_id", ["0" * 32, "nope", "%00", "..%2F..%2Fetc"])
def test_unknown_assessment_ids_are_404(any_client: TestClient, bad_id: str) -> None:
    for method in ("GET", "DELETE"):
        response = any_client.request(method, f"/api/v1/assessments/{bad_id}")
        assert response.status_code == 404, (method, bad_id, response.text)
        assert response.json()["ok"] is False


def test_export_then_erase_everything(any_client: TestClient, any_api: Runknee) -> None:
    first = any_client.post("/api/v1/assessments", json=KNEECAP).json()
    second = any_client.post("/api/v1/assessments", json=EMERGENCY).json()
    exported = any_client.get("/api/v1/export")
    assert exported.status_code == 200
    data = exported.json()
    assert data["format"] == "runknee-export" and data["format_version"] == 1
    assert data["knowledge_version"] == any_api.knowledge_version
    assert data["assessments"] == [first, second]
    erased = any_client.delete("/api/v1/data")
    assert erased.status_code == 200 and erased.json() == {"ok": True, "deleted": 2}
    assert any_client.get("/api/v1/assessments").json() == []
    assert any_client.get("/api/v1/export").json()["assessments"] == []


def test_export_includes_interview_drafts_and_erase_deletes_them(
    any_client: TestClient, any_api: Runknee
) -> None:
    """Unfinished interviews are the user's data too: exported oldest first, erased with all."""
    older = any_api.interviews.start()
    any_api.interviews.answer(older.id, "age_years", "41")
    any_api.interviews.answer(older.id, "sex", "declined")
    any_api.interviews.answer(older.id, "injury_event", "no")
    newer = any_api.interviews.start()
    data = any_client.get("/api/v1/export").json()
    assert [draft["id"] for draft in data["drafts"]] == [older.id, newer.id]
    stored = data["drafts"][0]["answers"]
    assert stored["answers"] == {"age_years": 41, "sex": "declined", "injury_event": "absent"}
    assert stored["steps"] == ["age_years", "sex", "injury_event"]
    assert data["drafts"][0]["updated_at"] > data["drafts"][0]["created_at"]
    erased = any_client.delete("/api/v1/data")
    assert erased.json() == {"ok": True, "deleted": 0}
    assert any_client.get("/api/v1/export").json()["drafts"] == []
    assert any_api.interviews.count() == 0


def test_invalid_save_stores_nothing(any_client: TestClient) -> None:
    response = any_client.post("/api/v1/assessments", json={"findings": {"x": "present"}})
    assert response.status_code == 422
    assert any_client.get("/api/v1/assessments").json() == []
