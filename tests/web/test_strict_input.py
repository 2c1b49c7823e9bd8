"""Input handled strictly: duplicate keys, non-numbers in numeric fields, hostile JSON, and
Unicode or giant digits typed into forms. Each was silently accepted, or a 500, before."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from runknee.api import Runknee
from tests.example_cases import KNEECAP
from tests.web.interview_helpers import post_answer, start
from tests.web.page_helpers import soup, token
from tests.web.test_plan_pages import start_plan

JSON = {"content-type": "application/json"}
GIANT = "1" + "0" * 4300


def _error(response: Any, status: int, field: str, text: str = "") -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert any(e["field"] == field and text in e["message"] for e in body["errors"]), body


def test_a_repeated_key_cannot_lower_an_emergency(app_client: TestClient) -> None:
    body = (
        '{"findings": {"calf_pain": "present", "calf_swelling": "present", "calf_pain": "absent"}}'
    )
    for path in ("/api/v1/assess", "/api/v1/assessments", "/api/v1/interview/next"):
        _error(app_client.post(path, content=body, headers=JSON), 400, "body", "duplicate key")
    assert app_client.get("/api/v1/assessments").json() == []


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": True},
        {"age_years": "30"},
        {"age_years": 30.5},
        {"facts": {"days_since_onset": "5"}},
        {"facts": {"cadence_spm": True}},
    ],
)
def test_numeric_fields_take_real_numbers_only(
    app_client: TestClient, case: dict[str, Any]
) -> None:
    response = app_client.post("/api/v1/assess", json=case)
    assert response.status_code == 422, response.text


def test_numbers_are_still_numbers(app_client: TestClient) -> None:
    case = {"age_years": 30, "facts": {"days_since_onset": 5, "weekly_distance_km": 20.5}}
    assert app_client.post("/api/v1/assess", json=case).status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
        (b'{"age_years": ' + GIANT.encode() + b"}", "digits"),
        (b'{"age_years": 1e999}', "out of range"),
        (b'{"age_years": NaN}', "NaN"),
        (b'{"sex": "\xff"}', "UTF-8"),
        (b'\xef\xbb\xbf{"age_years": 30}', "byte-order mark"),
    ],
)
def test_hostile_json_is_a_400_not_a_500(app_client: TestClient, body: bytes, message: str) -> None:
    _error(app_client.post("/api/v1/assess", content=body, headers=JSON), 400, "body", message)


def test_line_separators_inside_strings_are_plain_json(app_client: TestClient) -> None:
    body = '{"age_years": 30, "sex": "fe\u2028male"}'.encode()
    response = app_client.post("/api/v1/assess", content=body, headers=JSON)
    assert response.status_code == 422  # valid JSON, invalid value: named, not a parse error
    assert response.json()["errors"][0]["field"] == "sex"


@pytest.mark.parametrize("typed", ["²", "٣", GIANT, "-1", "11", "3.5", " "])
def test_a_bad_pain_number_gets_the_form_again(
    client: TestClient, api: Runknee, typed: str
) -> None:
    path = start_plan(client, api, KNEECAP)
    page = soup(client.get(path))
    data = {"csrf_token": token(page), "kind": "exercise", "pain_during": typed, "pain_after": "1"}
    response = client.post(f"{path}/sessions", data=data)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "whole number from 0 to 10" in response.text
    assert api.plan_timeline(path.rsplit("/", 1)[1]) == []


@pytest.mark.parametrize("typed", ["²", GIANT])
def test_a_bad_morning_pain_is_a_page_not_a_500(
    client: TestClient, api: Runknee, typed: str
) -> None:
    saved = api.save_assessment(KNEECAP)
    page = soup(client.get(f"/assessments/{saved.id}"))
    response = client.post(
        f"/assessments/{saved.id}/plans", data={"csrf_token": token(page), "morning_pain": typed}
    )
    assert response.status_code == 422 and "whole number from 0 to 10" in response.text
    assert api.list_plans() == []


@pytest.mark.parametrize("typed", ["²", "٣٠", GIANT])
def test_a_bad_age_gets_the_question_again(client: TestClient, typed: str) -> None:
    first = start(client)
    response = post_answer(client, first, "age_years", choice="age", age=typed)
    assert response.status_code == 422, response.status_code
    assert "whole years" in response.text
