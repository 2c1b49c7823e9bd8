"""The "Your data" page brings data back: upload with CSRF, the report, clear reasons (issue 12)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from httpx import Response

from runknee.api import Runknee
from tests.example_cases import KNEECAP
from tests.web.page_helpers import select, soup, token


def _upload(
    client: TestClient, content: bytes, mode: str = "skip", csrf: str | None = None
) -> Response:
    page = soup(client.get("/data"))
    form = page.find("form", attrs={"action": "/data/import"})
    assert form is not None and form["enctype"] == "multipart/form-data"
    response: Response = client.post(
        "/data/import",
        data={"csrf_token": csrf if csrf is not None else token(page), "mode": mode},
        files={"file": ("runknee.json", content, "application/json")},
    )
    return response


def test_download_erase_upload_gives_the_same_data(client: TestClient, api: Runknee) -> None:
    first = api.save_assessment(KNEECAP)
    plan = api.start_plan(first.id, 0)
    api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": 1})
    download = client.get("/data/export.json").content
    api.erase_data()
    response = _upload(client, download)
    assert response.status_code == 200
    report = select(soup(response), "[role=status]").get_text(" ")
    assert "Assessments: 1 imported" in report and "Sessions: 1 imported" in report
    again = json.loads(client.get("/data/export.json").content)
    before = json.loads(download)
    again.pop("exported_at"), before.pop("exported_at")
    assert again == before
    twice = _upload(client, download, mode="keep-both")
    assert "kept both" in select(soup(twice), "[role=status]").get_text(" ")
    assert len(api.list_assessments()) == 2


def test_a_foreign_file_comes_back_with_the_reason(client: TestClient, api: Runknee) -> None:
    response = _upload(client, b'{"resourceType": "Bundle"}')
    assert response.status_code == 422
    summary = select(soup(response), ".error-summary").get_text(" ")
    assert "not a runknee export" in summary and "Nothing was imported" in summary
    damaged = _upload(client, b'{"format": "runknee-export", ')
    assert damaged.status_code == 422 and "not valid JSON" in damaged.text


def test_upload_without_the_csrf_token_is_forbidden(client: TestClient, api: Runknee) -> None:
    api.save_assessment(KNEECAP)
    download = client.get("/data/export.json").content
    api.erase_data()
    assert _upload(client, download, csrf="x" * 40).status_code == 403
    assert api.list_assessments() == []


def test_deleting_a_result_with_a_plan_names_what_goes_with_it(
    client: TestClient, api: Runknee
) -> None:
    first = api.save_assessment(KNEECAP)
    plan = api.start_plan(first.id, 0)
    for pain in (1, 2):
        api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": pain})
    page = soup(client.get(f"/assessments/{first.id}"))
    note = select(page, ".danger-zone .delete-goes-too").get_text(" ")
    assert "the plan you started on" in note and "2 logged sessions" in note
