"""Plan sessions as dated diary entries on the web: today's page, dates, next-morning pain added
later, editing, deleting with a confirm page, the diary calendar, and the JSON API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient

from runknee.api import Runknee
from tests.example_cases import KNEECAP
from tests.web.page_helpers import soup, token
from tests.web.test_plan_pages import log, start_plan

START = date(2025, 3, 1)  # conftest's StepClock starts on this day


def _one(node: Tag | BeautifulSoup, *args: Any, **kwargs: Any) -> Tag:
    """The first matching element (the test fails when there is none)."""
    found = node.find(*args, **kwargs)
    assert isinstance(found, Tag), (args, kwargs)
    return found


def _later(api: Runknee, days: int) -> None:
    clock: Any = api.clock
    clock.now += timedelta(days=days)


def _exercise(client: TestClient, path: str) -> str:
    tag = _one(soup(client.get(path)), "input", attrs={"name": "exercises"})
    assert tag is not None
    return str(tag["value"])


def test_today_page_shows_the_exercises_with_their_dose_large_and_the_log_form(
    client: TestClient, api: Runknee
) -> None:
    path = start_plan(client, api, KNEECAP)
    page = soup(client.get(path))
    assert _one(page, "h1").get_text(strip=True) == "Today, Saturday 01 March"
    cards = page.find_all("li", class_="today-exercise")
    phase = api.plan_overview(path.rsplit("/", 1)[1]).phase
    assert phase is not None and len(cards) == len(phase.exercises)
    first = api.exercise(phase.exercises[0].id)
    figures = _one(cards[0], "dl", class_="dose-figures")
    pairs = dict(
        zip(
            [t.get_text(strip=True) for t in figures.find_all("dt")],
            [d.get_text(strip=True) for d in figures.find_all("dd")],
            strict=True,
        )
    )
    assert pairs["Sets"] == str(first.dosage.sets)
    assert _one(cards[0], "img", class_="exercise-figure")["width"] == "320"
    on = _one(page, "input", attrs={"name": "on"})
    assert on["type"] == "date" and on["value"] == START.isoformat()
    _one(page, "form", attrs={"action": f"{path}/sessions"})
    assert page.find("script", src=False) is None and not page.select("[style]")


def test_a_session_logged_for_an_earlier_day_takes_its_place(
    client: TestClient, api: Runknee
) -> None:
    path = start_plan(client, api, KNEECAP)
    exercise = _exercise(client, path)
    _later(api, 4)
    today = log(client, path, exercises=[exercise], pain_during="2", pain_next_morning="0")
    assert today.headers["location"] == f"{path}?logged=1#decision"
    earlier = log(
        client,
        path,
        exercises=[exercise],
        pain_during="2",
        pain_next_morning="0",
        on=START.isoformat(),
    )
    assert earlier.headers["location"] == f"{path}?logged=1#decision"  # first by date
    rows = _one(soup(client.get(f"{path}/full")), "table", class_="sessions").find_all("tr")[1:]
    assert [_one(r, "td").get_text() for r in rows] == ["Sat 01 Mar 2025", "Wed 05 Mar 2025"]
    assert "Good session (2 of 6" in rows[1].get_text()


def test_a_second_session_today_is_explained_as_not_counting(
    client: TestClient, api: Runknee
) -> None:
    path = start_plan(client, api, KNEECAP)
    exercise = _exercise(client, path)
    log(client, path, exercises=[exercise], pain_during="2", pain_next_morning="0")
    page = soup(client.get(path))
    assert _one(page, id="today-title").get_text() == "Today is a rest day for the exercises"
    assert "another one today is logged but does not count" in page.get_text()
    second = log(client, path, exercises=[exercise], pain_during="2", pain_next_morning="0")
    decision = _one(soup(client.get(second.headers["location"])), id="decision")
    assert "does not count towards moving on" in decision.get_text()


def test_next_morning_pain_is_added_the_next_day(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, KNEECAP)
    exercise = _exercise(client, path)
    log(client, path, exercises=[exercise], pain_during="2")
    assert soup(client.get(path)).find(id="morning-title") is None  # the morning is not yet
    _later(api, 1)
    page = soup(client.get(path))
    form = _one(page, "form", class_="morning-form")
    assert "Saturday 01 March" in form.get_text()
    posted = client.post(
        form["action"],
        data={"csrf_token": token(page), "pain_next_morning": "4"},
        follow_redirects=False,
    )
    assert posted.headers["location"] == f"{path}?logged=1&edited=1#decision"
    decision = _one(soup(client.get(posted.headers["location"])), id="decision")
    assert "Session 1 changed: going back a step" in decision.get_text(" ", strip=True)
    assert soup(client.get(path)).find(id="morning-title") is None


def test_editing_a_session_prefills_the_form_and_replays(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, KNEECAP)
    exercise = _exercise(client, path)
    log(client, path, exercises=[exercise], pain_during="2", pain_next_morning="0")
    plan_id = path.rsplit("/", 1)[1]
    session = api.plan_timeline(plan_id)[0]
    edit = f"{path}/sessions/{session.id}/edit"
    page = soup(client.get(edit))
    assert _one(page, "input", attrs={"name": "pain_during"})["value"] == "2"
    assert _one(page, "input", attrs={"value": exercise}).has_attr("checked")
    data = {
        "csrf_token": token(page),
        "kind": "exercise",
        "on": START.isoformat(),
        "exercises": [exercise],
        "pain_during": "7",
        "pain_after": "1",
        "pain_next_morning": "0",
    }
    posted = client.post(edit, data=data, follow_redirects=False)
    assert posted.status_code == 303
    assert api.plan_timeline(plan_id)[0].progress.decision == "step_back"
    bad = client.post(edit, data={**data, "on": "2025-02-01"}, follow_redirects=False)
    assert bad.status_code == 422
    assert _one(_one(soup(bad), class_="error-summary"), "a")["href"] == "#field-on"


def test_deleting_asks_first_says_what_changes_and_replays(
    client: TestClient, api: Runknee
) -> None:
    path = start_plan(client, api, KNEECAP)
    exercise = _exercise(client, path)
    log(client, path, exercises=[exercise], pain_during="1", pain_next_morning="0", symptoms=[])
    plan_id = path.rsplit("/", 1)[1]
    session = api.plan_timeline(plan_id)[0]
    full = soup(client.get(f"{path}/full"))
    link = _one(full, "a", attrs={"href": f"{path}/sessions/{session.id}/delete"})
    confirm = soup(client.get(link["href"]))
    assert _one(confirm, "h1").get_text() == "Delete session 1?"
    assert "Saturday 01 March 2025" in confirm.get_text(" ")
    _one(confirm, "ul", class_="changes")
    assert len(api.plan_timeline(plan_id)) == 1  # asking deletes nothing
    form = _one(confirm, "form", attrs={"action": f"{path}/sessions/{session.id}/delete"})
    assert _one(form, "button").get_text() == "Delete the session"
    posted = client.post(
        form["action"], data={"csrf_token": token(confirm)}, follow_redirects=False
    )
    assert posted.headers["location"] == f"{path}?deleted=1"
    assert "worked out again" in client.get(posted.headers["location"]).text
    assert api.plan_timeline(plan_id) == []
    assert client.get(link["href"]).status_code == 404


def test_the_diary_calendar_shows_plan_sessions_on_their_dates(
    client: TestClient, api: Runknee
) -> None:
    path = start_plan(client, api, KNEECAP)
    exercise = _exercise(client, path)
    log(client, path, exercises=[exercise], pain_during="3", pain_next_morning="0")
    plan_id = path.rsplit("/", 1)[1]
    session = api.plan_timeline(plan_id)[0]
    page = soup(client.get("/diary"))
    cell = _one(page, "td", attrs={"aria-current": "date"})
    link = _one(cell, "a", class_="plan-session")
    assert link.get_text() == "plan: exercises 3/10"
    assert link["href"] == f"{path}/full#session-{session.id}"


def test_the_json_api_logs_edits_and_deletes_sessions(client: TestClient, api: Runknee) -> None:
    plan_id = api.start_plan(api.save_assessment(KNEECAP).id).id
    base = f"/api/v1/plans/{plan_id}/sessions"
    headers = {"accept": "application/json"}
    body = {"kind": "exercise", "on": START.isoformat(), "pain_during_0_10": 2}
    created = client.post(base, json=body, headers=headers)
    assert created.status_code == 201, created.text
    session = created.json()
    assert session["on"] == "2025-03-01" and session["progress"]["pain_verdict"] == "pending"
    assert created.headers["location"] == f"{base}/{session['id']}"
    patched = client.patch(
        f"{base}/{session['id']}", json={"pain_next_morning_0_10": 0}, headers=headers
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["progress"]["pain_verdict"] == "ok"
    unknown = client.patch(f"{base}/{session['id']}", json={"colour": "red"}, headers=headers)
    assert unknown.status_code == 422
    preview = client.get(f"{base}/{session['id']}/deletion", headers=headers)
    assert preview.status_code == 200 and preview.json()["session"]["id"] == session["id"]
    assert len(client.get(base, headers=headers).json()) == 1
    deleted = client.delete(f"{base}/{session['id']}", headers=headers)
    assert deleted.status_code == 200 and deleted.json()["changed"] == []
    assert client.get(base, headers=headers).json() == []
    assert client.get(f"/api/v1/plans/{plan_id}", headers=headers).json()["sessions"] == []
    assert client.delete(f"{base}/{session['id']}", headers=headers).status_code == 404
