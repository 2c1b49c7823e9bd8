"""The diary's and the form check's JSON API take what their published schema says, and only
that: booleans are not numbers, numbers are not booleans, days are ISO dates within the
diary's range, and ids that name nothing are a 404 (issue 8, found by schemathesis)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
RUN = {"run_date": "2025-03-01", "distance_m": 5000, "duration_s": 1800}


def _schemas() -> dict[str, Any]:
    schemas: dict[str, Any] = json.loads(COMMITTED.read_text("utf-8"))["components"]["schemas"]
    return schemas


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/diary/runs", {**RUN, "distance_m": False}),
        ("/api/v1/diary/runs", {**RUN, "duration_s": "1800"}),
        ("/api/v1/diary/runs", {**RUN, "run_date": 0}),
        ("/api/v1/diary/runs", {**RUN, "run_date": "2025-03-01T10:00:00"}),
        ("/api/v1/diary/shoes", {"name": "Trail", "retired": 0}),
        ("/api/v1/diary/shoes", {"name": "Trail", "start_km": True}),
        ("/api/v1/diary/pain", {"entry_date": "2025-03-01", "swelling": 1}),
        ("/api/v1/diary/pain", {"entry_date": "2025-03-01", "during_0_10": True}),
        ("/api/v1/diary/pain", {"entry_date": "2025-03-01", "during_0_10": "4"}),
    ],
)
def test_booleans_numbers_and_days_are_not_converted(
    app_client: TestClient, path: str, body: dict[str, Any]
) -> None:
    response = app_client.post(path, json=body)
    assert response.status_code == 422, response.text


def test_a_whole_valued_float_is_a_pain_score(app_client: TestClient) -> None:
    response = app_client.post(
        "/api/v1/diary/pain", json={"entry_date": "2025-03-01", "during_0_10": 4.0}
    )
    assert response.status_code == 201 and response.json()["during_0_10"] == 4


@pytest.mark.parametrize("as_of", ["0", "1700000000", "2025-03-01T00:00:00", "0643-01-01"])
def test_as_of_takes_only_an_iso_day_in_range(app_client: TestClient, as_of: str) -> None:
    for path in ("/api/v1/diary/report", "/api/v1/diary/findings"):
        response = app_client.get(path, params={"as_of": as_of})
        assert response.status_code == 422, (path, response.text)


def test_the_schema_states_the_day_range_the_server_enforces(app_client: TestClient) -> None:
    day = _schemas()["ManualRun"]["properties"]["run_date"]
    assert day["format"] == "date"
    pattern = re.compile(day["pattern"])
    for text, accepted in [("0643-05-01", False), ("1899-12-31", False), ("1900-01-01", True)]:
        assert bool(pattern.search(text)) is accepted
        status = app_client.post("/api/v1/diary/runs", json={**RUN, "run_date": text}).status_code
        assert status == (201 if accepted else 422), text
    for text in ("2200-12-31", "2201-01-01"):
        status = app_client.post("/api/v1/diary/runs", json={**RUN, "run_date": text}).status_code
        assert (status == 201) is bool(pattern.search(text)), text


def test_pain_locations_are_an_enum_of_the_knowledge_base(app_client: TestClient) -> None:
    location = _schemas()["PainEntry"]["properties"]["location"]
    names = location["anyOf"][0]["enum"]
    assert "outer_knee" in names
    ok = app_client.post(
        "/api/v1/diary/pain", json={"entry_date": "2025-03-01", "location": names[0]}
    )
    assert ok.status_code == 201
    bad = app_client.post("/api/v1/diary/pain", json={"entry_date": "2025-03-01", "location": "x"})
    assert bad.status_code == 422


def test_shoes_that_do_not_exist_are_a_404(app_client: TestClient) -> None:
    response = app_client.post("/api/v1/diary/runs", json={**RUN, "shoe_id": "f" * 32})
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "shoe_id"
    run = app_client.post("/api/v1/diary/runs", json=RUN).json()
    details = app_client.put(f"/api/v1/diary/runs/{run['id']}/details", json={"shoe_id": "e" * 32})
    assert details.status_code == 404


def test_form_upload_fields_take_only_what_the_schema_says(app_client: TestClient) -> None:
    fields = _schemas()["Body_start_job_api_v1_form_jobs_post"]["properties"]
    assert fields["view"]["type"] == "string" and fields["view"]["enum"] == ["side", "back"]
    for name, value in [("view", "null"), ("keep_clip", "0"), ("keep_annotated", "yes")]:
        response = app_client.post(
            "/api/v1/form/jobs",
            data={name: value},
            files={"video": ("a.mp4", b"x" * 2048, "video/mp4")},
        )
        assert response.status_code == 422, (name, response.text)
