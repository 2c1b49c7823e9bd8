"""Every list that grows with the runner's history is paged (issue 8): the diary's runs, pain
entries and shoes and the form-check history in the API (limit/cursor, newest first, the next
page in ``Link`` and ``X-Next-Cursor``), and the runs page shows the latest with "Older" pages."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.web.diary_pages import RUNS_PAGE_SIZE
from tests.example_cases import KNEECAP
from tests.web.page_helpers import soup

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
# Lists fixed by the knowledge base, not by the runner's history.
KNOWLEDGE_LISTS = {
    "/api/v1/conditions",
    "/api/v1/findings",
    "/api/v1/sources",
    "/api/v1/diary/findings",
}


def _walk(client: TestClient, url: str | None) -> list[dict[str, Any]]:
    """Every item of a paged list, following ``Link`` from ``url`` to the last page."""
    seen: list[dict[str, Any]] = []
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200, response.text
        seen += response.json()
        link = response.headers.get("link")
        match = re.fullmatch(r'<(.+)>; rel="next"', link or "")
        url = match.group(1) if match else None
        if url is not None:
            assert response.headers["x-next-cursor"] in url
        else:
            assert "x-next-cursor" not in response.headers
    return seen


def test_every_list_of_the_history_is_paged_in_the_openapi() -> None:
    paths = json.loads(COMMITTED.read_text("utf-8"))["paths"]
    lists = {
        path
        for path, item in paths.items()
        if "get" in item
        and item["get"]["responses"]["200"]["content"]["application/json"]["schema"].get("type")
        == "array"
    }
    assert lists - KNOWLEDGE_LISTS == {
        "/api/v1/assessments",
        "/api/v1/diary/runs",
        "/api/v1/diary/pain",
        "/api/v1/diary/shoes",
        "/api/v1/form/checks",
        "/api/v1/plans/{plan_id}/sessions",
    }
    for path in lists - KNOWLEDGE_LISTS:
        operation = paths[path]["get"]
        assert {"limit", "cursor"} <= {p["name"] for p in operation["parameters"]}, path
        assert {"Link", "X-Next-Cursor"} <= set(operation["responses"]["200"]["headers"]), path


@pytest.mark.parametrize(
    ("name", "body"),
    [
        # Days on both sides of 1970: a cursor before it is negative.
        (
            "runs",
            lambda i: {"run_date": f"19{50 + i * 5}-06-01", "distance_m": i, "duration_s": 60},
        ),
        ("pain", lambda i: {"entry_date": f"20{10 + i}-06-01", "during_0_10": i % 10}),
        ("shoes", lambda i: {"name": f"Pair {i}"}),
    ],
)
def test_diary_lists_page_newest_first_with_limit_and_cursor(
    app_client: TestClient, name: str, body: Any
) -> None:
    created = [app_client.post(f"/api/v1/diary/{name}", json=body(i)).json() for i in range(7)]
    newest_first = [item["id"] for item in reversed(created)]
    assert [i["id"] for i in _walk(app_client, f"/api/v1/diary/{name}?limit=3")] == newest_first
    assert [i["id"] for i in app_client.get(f"/api/v1/diary/{name}").json()] == newest_first
    bad = app_client.get(f"/api/v1/diary/{name}?limit=201")
    assert bad.status_code == 422


def test_runs_between_two_days_are_paged_too(app_client: TestClient) -> None:
    for day in ("2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"):
        app_client.post(
            "/api/v1/diary/runs", json={"run_date": day, "distance_m": 1, "duration_s": 60}
        )
    url = "/api/v1/diary/runs?since=2025-01-02&until=2025-01-04&limit=2"
    assert [r["start_utc"][:10] for r in _walk(app_client, url)] == [
        "2025-01-04",
        "2025-01-03",
        "2025-01-02",
    ]


def test_the_runs_page_shows_the_latest_then_older_pages(app_client: TestClient) -> None:
    for i in range(RUNS_PAGE_SIZE + 3):
        day = f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}"
        app_client.post(
            "/api/v1/diary/runs", json={"run_date": day, "distance_m": 1000, "duration_s": 60}
        )
    html = {"accept": "text/html"}
    first = soup(app_client.get("/diary/runs", headers=html))
    assert len(first.select("table.runs tbody tr")) == RUNS_PAGE_SIZE
    older = first.select_one('nav.pager a[rel="next"]')
    assert older is not None and "01 Jan 2024" not in first.text
    second = soup(app_client.get(str(older["href"]), headers=html))
    rows = second.select("table.runs tbody tr")
    assert len(rows) == 3 and "01 Jan 2024" in rows[-1].text
    assert second.select_one('nav.pager a[rel="next"]') is None
    stale = app_client.get("/diary/runs?before=not-a-cursor", headers=html)
    assert stale.status_code == 200 and len(soup(stale).select("table.runs tbody tr")) == 50


def test_a_plans_sessions_page_in_date_order(api: Runknee, app_client: TestClient) -> None:
    saved = api.save_assessment(KNEECAP)
    plan = api.start_plan(saved.id, 0)
    for pain in range(5):
        api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": pain})
    first = app_client.get(f"/api/v1/plans/{plan.id}/sessions?limit=2")
    assert first.status_code == 200 and len(first.json()) == 2
    seen = _walk(app_client, f"/api/v1/plans/{plan.id}/sessions?limit=2")
    assert [item["number"] for item in seen] == [1, 2, 3, 4, 5]
    whole = app_client.get(f"/api/v1/plans/{plan.id}/sessions")
    assert "link" not in whole.headers and len(whole.json()) == 5
