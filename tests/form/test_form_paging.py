"""The form-check history is paged (issue 8): newest first, limit/cursor in the API, and the
upload page shows the latest checks with "Older" pages."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.web.form_pages import HISTORY_PAGE_SIZE
from tests.form.form_synthetic import synthetic_report as report


def test_the_api_pages_form_checks_newest_first(any_api: Runknee) -> None:
    saved = [any_api.form.save(report(), f"clip {i}").id for i in range(5)][::-1]
    seen, cursor = [], None
    while True:
        page = any_api.form.page(2, cursor)
        seen += [check.id for check in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == saved
    assert any_api.form.count() == 5


def test_the_form_checks_endpoint_takes_limit_and_cursor(
    api: Runknee, app_client: TestClient
) -> None:
    saved = [api.form.save(report(), f"clip {i}").id for i in range(3)][::-1]
    first = app_client.get("/api/v1/form/checks?limit=2")
    assert [c["id"] for c in first.json()] == saved[:2]
    link = re.fullmatch(r'<(.+)>; rel="next"', first.headers["link"])
    assert link is not None
    rest = app_client.get(link.group(1))
    assert [c["id"] for c in rest.json()] == saved[2:] and "link" not in rest.headers


def test_the_upload_page_shows_the_latest_checks(api: Runknee, app_client: TestClient) -> None:
    for i in range(HISTORY_PAGE_SIZE + 2):
        api.form.save(report(), f"clip {i}")
    html = {"accept": "text/html"}
    first = BeautifulSoup(app_client.get("/form", headers=html).text, "html.parser")
    assert "clip 0<" not in str(first) and f"clip {HISTORY_PAGE_SIZE + 1}<" in str(first)
    older = first.select_one('nav.pager a[rel="next"]')
    assert older is not None
    second = BeautifulSoup(app_client.get(str(older["href"]), headers=html).text, "html.parser")
    assert "clip 0<" in str(second) and second.select_one('nav.pager a[rel="next"]') is None
