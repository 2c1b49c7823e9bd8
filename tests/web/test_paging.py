"""Lists scale with the history: the API pages with limit/cursor, the home page shows the
latest with "Older" pages, the data page counts, and the export streams the whole document."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.web.api_routes import ExportData
from runknee.web.pages import HOME_PAGE_SIZE
from tests.example_cases import KNEECAP
from tests.web.page_helpers import attr, find, soup


@pytest.fixture()
def saved(api: Runknee) -> list[str]:
    """45 saved assessments, newest first."""
    return [api.save_assessment(KNEECAP).id for _ in range(45)][::-1]


def test_the_api_list_pages_with_limit_and_cursor(app_client: TestClient, saved: list[str]) -> None:
    seen: list[str] = []
    url: str | None = "/api/v1/assessments?limit=20"
    while url is not None:
        response = app_client.get(url)
        assert response.status_code == 200
        seen += [item["id"] for item in response.json()]
        link = response.headers.get("link")
        found = re.fullmatch(r'<(.+)>; rel="next"', link) if link else None
        assert found is not None or not link, link
        url = found.group(1) if found else None
        if url is not None:
            assert response.headers["x-next-cursor"] in url
    assert seen == saved


def test_the_default_page_is_50_and_limits_are_checked(
    app_client: TestClient, saved: list[str]
) -> None:
    assert len(app_client.get("/api/v1/assessments").json()) == 45
    for bad in ("limit=0", "limit=201", "limit=x", "cursor=%21%21", "cursor=abcd"):
        response = app_client.get(f"/api/v1/assessments?{bad}")
        assert response.status_code == 422, bad
        assert response.json()["ok"] is False


def test_deleting_meanwhile_neither_repeats_nor_skips(
    app_client: TestClient, api: Runknee, saved: list[str]
) -> None:
    first = app_client.get("/api/v1/assessments?limit=10")
    api.delete_assessment(saved[10])  # the first item of the next page
    rest = app_client.get(f"/api/v1/assessments?limit=50&cursor={first.headers['x-next-cursor']}")
    assert [i["id"] for i in rest.json()] == saved[11:]


def test_home_shows_the_latest_and_older_pages(client: TestClient, saved: list[str]) -> None:
    page = soup(client.get("/"))
    links = [a["href"] for a in page.select(".past-list a")]
    assert links == [f"/assessments/{i}" for i in saved[:HOME_PAGE_SIZE]]
    assert "45 saved" in page.get_text()
    older = find(page, "a", rel="next")
    second = soup(client.get(attr(older, "href")))
    assert second.select(".past-list a")[0]["href"] == f"/assessments/{saved[20]}"
    assert second.find("a", string="Newest") is not None
    assert client.get("/?before=garbage").status_code == 200


def test_data_page_counts(client: TestClient, api: Runknee, saved: list[str]) -> None:
    api.start_plan(saved[0])
    text = soup(client.get("/data")).get_text(" ")
    assert "45" in text


def test_the_streamed_export_is_the_whole_document(
    app_client: TestClient, api: Runknee, saved: list[str]
) -> None:
    plan = api.start_plan(saved[3])
    for path in ("/api/v1/export", "/data/export.json"):
        response = app_client.get(path)
        assert response.status_code == 200
        export = ExportData.model_validate(json.loads(response.content))
        assert [a.id for a in export.assessments] == saved[::-1]
        assert [p.id for p in export.plans] == [plan.id]
    assert "attachment" in app_client.get("/data/export.json").headers["content-disposition"]
