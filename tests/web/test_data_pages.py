"""The "Your data" page, in-process: counts, where it is kept, the JSON download, erase."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.storage import AssessmentStore
from runknee.web.data_pages import database_words
from tests.example_cases import KNEECAP, SELF_CARE
from tests.web.page_helpers import attr, soup, token


def fill(api: Runknee) -> str:
    """Two saved assessments, one plan with two logged sessions and one unfinished interview;
    return the first assessment's id."""
    first = api.save_assessment(KNEECAP)
    api.save_assessment(SELF_CARE)
    plan = api.start_plan(first.id, 0)
    for pain in (1, 2):
        api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": pain})
    draft = api.interviews.start()
    api.interviews.answer(draft.id, "age_years", "30")
    return first.id


def counts(page: BeautifulSoup) -> list[str]:
    return [" ".join(li.get_text(" ").split()[:3]) for li in page.select(".data-counts li")]


def test_page_says_what_is_kept_where_with_counts(client: TestClient, api: Runknee) -> None:
    """Plain words, the counts, the kind of database (never its URL) and no inline code."""
    empty = soup(client.get("/data"))
    assert counts(empty) == [
        "0 saved assessments:",
        "0 plans you",
        "0 logged sessions:",
        "0 unfinished sets",
        "0 running form",
    ]
    fill(api)
    response = client.get("/data")
    assert response.status_code == 200
    page = soup(response)
    assert page.title is not None and page.title.text.strip().startswith("Your data ")
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Your data"]
    assert counts(page) == [
        "2 saved assessments:",
        "1 plan you",
        "2 logged sessions:",
        "1 unfinished set",
        "0 running form",
    ]
    text = " ".join(page.get_text(" ").split())
    assert "not in the page address" in text
    assert "unchanged for 7 days are deleted when you next start the questions" in text
    assert "nothing is sent anywhere" in text
    assert "a SQLite file on this computer" in text
    assert "sqlite:" not in response.text and "runknee.sqlite3" not in response.text
    assert page.find(style=True) is None and page.find("style") is None
    assert all(attr(script, "src").startswith("/static/") for script in page.find_all("script"))
    assert page.find("a", href="/data/export.json") is not None
    form = page.find("form", attrs={"action": "/data/erase"})
    assert form is not None and form["method"] == "post"
    box = form.find("input", attrs={"type": "checkbox", "name": "confirm"})
    assert box is not None and page.find("label", attrs={"for": box["id"]}) is not None


def test_home_and_footer_link_to_the_page(client: TestClient) -> None:
    page = soup(client.get("/"))
    assert page.select_one("main a[href='/data']") is not None
    assert page.select_one("footer a[href='/data']") is not None


def test_database_words_never_show_the_url(api: Runknee) -> None:
    assert database_words(api) == "a SQLite file on this computer, kept until you erase it"
    store = AssessmentStore.open("sqlite://")
    try:
        assert "in memory" in database_words(Runknee(store=store))
    finally:
        store.close()


def test_export_downloads_the_api_export_as_a_dated_json_file(
    client: TestClient, api: Runknee
) -> None:
    saved = fill(api)
    response = client.get("/data/export.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    # StepClock starts on 2025-03-01: the name carries the export's own (UTC) date.
    assert response.headers["content-disposition"] == (
        'attachment; filename="runknee-export-2025-03-01.json"'
    )
    data = json.loads(response.text)
    assert data["format"] == "runknee-export"
    assert data["assessments"][0]["id"] == saved  # oldest first
    assert data["assessments"][0]["case"]["findings"] == KNEECAP["findings"]
    assert len(data["plans"]) == 1 and len(data["plans"][0]["sessions"]) == 2
    assert [draft["answers"]["answers"] for draft in data["drafts"]] == [{"age_years": 30}]
    from_api = client.get("/api/v1/export", headers={"accept": "application/json"}).json()
    assert {**data, "exported_at": None} == {**from_api, "exported_at": None}


def test_erase_without_the_confirmation_deletes_nothing(client: TestClient, api: Runknee) -> None:
    fill(api)
    page = soup(client.get("/data"))
    response = client.post("/data/erase", data={"csrf_token": token(page)})
    assert response.status_code == 422
    again = soup(response)
    assert again.title is not None and again.title.text.startswith("Error: ")
    summary = again.select_one(".error-summary[role=alert]")
    assert summary is not None and "Nothing was deleted" in summary.get_text()
    assert summary.select_one("a[href='#confirm']") is not None
    box = again.find("input", id="confirm")
    assert box is not None and box["aria-invalid"] == "true"
    assert again.find(id=box["aria-describedby"]) is not None
    assert counts(again)[0] == "2 saved assessments:"
    assert len(api.list_assessments()) == 2 and len(api.list_plans()) == 1
    assert api.interviews.count() == 1


def test_erase_without_the_csrf_token_is_forbidden(client: TestClient, api: Runknee) -> None:
    fill(api)
    client.get("/data")  # sets the cookie; the form token is what is missing
    response = client.post("/data/erase", data={"confirm": "yes"})
    assert response.status_code == 403
    wrong = client.post("/data/erase", data={"confirm": "yes", "csrf_token": "x" * 40})
    assert wrong.status_code == 403
    assert len(api.list_assessments()) == 2


def test_erase_with_the_confirmation_deletes_everything(client: TestClient, api: Runknee) -> None:
    fill(api)
    page = soup(client.get("/data"))
    response = client.post(
        "/data/erase",
        data={"csrf_token": token(page), "confirm": "yes"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/data?erased=1"
    assert api.list_assessments() == [] and api.list_plans() == []
    assert api.interviews.count() == 0
    done = soup(client.get(response.headers["location"]))
    notice = done.select_one(".notice[role=status]")
    assert notice is not None and "Everything is erased" in notice.get_text()
    assert counts(done)[3] == "0 unfinished sets"
    data = client.get("/data/export.json").json()
    assert data["assessments"] == [] and data["plans"] == [] and data["drafts"] == []
