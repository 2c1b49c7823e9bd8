"""The "Your data" page brings data back: upload with CSRF, the report, clear reasons (issue 12)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from httpx import Response

from runknee.api import Runknee
from tests.example_cases import KNEECAP
from tests.full_data import CLIP, fill, synthetic_report
from tests.web.page_helpers import find, select, soup, token


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


def test_the_diary_and_form_checks_come_back_through_the_upload(
    client: TestClient, api: Runknee
) -> None:
    fill(api)
    api.form.save(synthetic_report(165.0), "long.mp4", clip=CLIP * 30)
    download = client.get("/data/export.json").content
    assert len(download) > 256 * 1024  # larger than an ordinary request body may be
    api.erase_data()
    response = _upload(client, download)
    assert response.status_code == 200, response.text[:300]
    report = select(soup(response), "[role=status]").get_text(" ")
    assert "Diary activities:" in report and "Form checks: 3 imported" in report
    assert "Diary pain entries: 2 imported" in report and "Left out" not in report
    again = json.loads(client.get("/data/export.json").content)
    before = json.loads(download)
    again.pop("exported_at"), before.pop("exported_at")
    assert again == before
    long = next(c for c in api.form.list() if c.label == "long.mp4")
    assert api.form.video(long.id, "clip") == CLIP * 30


def test_a_damaged_video_is_refused_with_where(client: TestClient, api: Runknee) -> None:
    fill(api)
    document = json.loads(client.get("/data/export.json").content)
    api.erase_data()
    document["form_checks"][0]["clip_base64"] = "not base64!"
    response = _upload(client, json.dumps(document).encode())
    assert response.status_code == 422
    summary = select(soup(response), ".error-summary").get_text(" ")
    assert "Nothing was imported" in summary and "not base64" in summary
    assert api.list_assessments() == [] and api.diary.runs() == []


def _with_a_plan(api: Runknee) -> tuple[str, str]:
    first = api.save_assessment(KNEECAP)
    plan = api.start_plan(first.id, 0)
    for pain in (1, 2):
        api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": pain})
    return first.id, plan.id


def test_the_delete_form_offers_to_keep_the_plan(client: TestClient, api: Runknee) -> None:
    assessment, plan = _with_a_plan(api)
    page = soup(client.get(f"/assessments/{assessment}"))
    form = find(page, "form", attrs={"action": f"/assessments/{assessment}/delete"})
    buttons = {b["value"]: b.get_text(" ") for b in form.find_all("button", attrs={"name": "plan"})}
    assert set(buttons) == {"keep", "delete"} and "2 sessions" in buttons["delete"]
    response = client.post(
        f"/assessments/{assessment}/delete",
        data={"csrf_token": token(page), "plan": "keep"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert api.list_assessments() == [] and api.get_plan(plan).assessment_id is None
    shown = soup(client.get(f"/plans/{plan}"))
    assert "assessment it was built on was deleted" in shown.get_text(" ")
    assert shown.find("a", href=f"/assessments/{assessment}") is None
    assert "its assessment was deleted" in client.get("/plans").text
    assert client.get(f"/plans/{plan}/print").status_code == 200


def test_the_delete_form_can_take_the_plan_too(client: TestClient, api: Runknee) -> None:
    assessment, _ = _with_a_plan(api)
    page = soup(client.get(f"/assessments/{assessment}"))
    client.post(
        f"/assessments/{assessment}/delete", data={"csrf_token": token(page), "plan": "delete"}
    )
    assert api.list_assessments() == [] and api.list_plans() == []


def test_the_json_api_keeps_the_plan_when_asked(app_client: TestClient, api: Runknee) -> None:
    assessment, plan = _with_a_plan(api)
    response = app_client.delete(f"/api/v1/assessments/{assessment}?keep_plan=true")
    assert response.status_code == 204
    assert api.get_plan(plan).assessment_id is None
    other, _ = _with_a_plan(api)
    assert app_client.delete(f"/api/v1/assessments/{other}").status_code == 204
    assert [p.id for p in api.list_plans()] == [plan]
