"""Plan and exercise pages, in-process: start a plan, log sessions, print, the library."""

from __future__ import annotations

import re
from typing import Any

import httpx
from fastapi.testclient import TestClient

from runknee.api import Runknee
from tests.example_cases import FALL_WITH_TENDER_KNEECAP as EMERGENCY
from tests.example_cases import KNEECAP, SELF_CARE
from tests.web.page_helpers import attr, find, following, soup, token


def start_plan(client: TestClient, api: Runknee, case: dict[str, Any]) -> str:
    """Open a saved result, press 'Start a plan' and return the plan page's path."""
    saved = api.save_assessment(case)
    result = soup(client.get(f"/assessments/{saved.id}"))
    form = result.find("form", attrs={"action": f"/assessments/{saved.id}/plans"})
    assert form is not None and "Start a plan" in form.get_text()
    posted = client.post(
        f"/assessments/{saved.id}/plans",
        data={"csrf_token": token(result), "morning_pain": "0"},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    location = str(posted.headers["location"])
    assert re.fullmatch(r"/plans/[0-9a-f]{32}", location)
    return location


def log(client: TestClient, path: str, **fields: Any) -> httpx.Response:
    page = soup(client.get(path))
    data = {"csrf_token": token(page), "kind": "exercise", "pain_after": "1", **fields}
    posted: httpx.Response = client.post(f"{path}/sessions", data=data, follow_redirects=False)
    return posted


def test_plan_page_has_every_part(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, SELF_CARE)
    page = soup(client.get(path))
    headings = [h.get_text(" ", strip=True) for h in page.find_all("h2")]
    for wanted in ("Where you are", "Now", "Return to running", "Log a session", "Your sessions"):
        assert wanted in headings, headings
    assert any(h.startswith("Exercise programme") for h in headings)
    assert find(page, class_="alert-title").get_text().startswith("Look after it yourself")
    current = page.find("li", attrs={"aria-current": "step"})
    assert current is not None and "You are here" in current.get_text()
    images = current.find_all("img", class_="exercise-figure")
    assert images and all(attr(img, "alt").startswith("Stick figure of") for img in images)
    assert client.get(images[0]["src"]).headers["content-type"] == "image/svg+xml"
    assert "Skip it or stop when" in current.get_text()
    assert find(page, class_="sign-list").find(class_="badge")  # level of care per warning sign
    assert "0 to 3: fine." in page.get_text(" ")
    assert find(page, "nav").find("a", attrs={"href": "/plans"}) is not None
    assert page.find("script", src=False) is None and page.find(style=True) is None


def test_three_sessions_hold_hold_then_step_back_with_reasons(
    client: TestClient, api: Runknee
) -> None:
    path = start_plan(client, api, KNEECAP)
    exercise = attr(find(soup(client.get(path)), "input", attrs={"name": "exercises"}), "value")
    expected = [("2", "0", "staying at this level"), ("3", "0", "staying at this level")]
    expected.append(("7", "3", "going back a step"))
    for number, (during, morning, words) in enumerate(expected, start=1):
        posted = log(
            client,
            path,
            exercises=[exercise],
            pain_during=during,
            pain_next_morning=morning,
        )
        assert posted.status_code == 303
        assert posted.headers["location"] == f"{path}?logged={number}#decision"
        decision = find(soup(client.get(posted.headers["location"])), id="decision")
        assert f"Session {number} logged: {words}" in decision.get_text(" ", strip=True)
    assert "above the acceptable level" in decision.get_text()
    assert "Pain went above 5/10." in decision.get_text()
    page = soup(client.get(path))
    chart = find(page, "svg", class_="pain-chart")
    assert chart["role"] == "img" and chart.find("title") and chart.find("desc")
    assert "3 sessions" in find(chart, "desc").get_text()
    rows = find(find(page, "table", class_="sessions"), "tbody").find_all("tr")
    assert [find(r, "th").get_text() for r in rows] == ["1", "2", "3"]
    assert "Going back a step" in rows[2].get_text()


def test_bad_pain_values_show_errors_next_to_the_fields(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, KNEECAP)
    response = log(client, path, pain_during="eleven", pain_after="", pain_next_morning="12")
    assert response.status_code == 422
    page = soup(response)
    links = [a["href"] for a in find(page, class_="error-summary").find_all("a")]
    assert links == ["#field-pain_during", "#field-pain_after", "#field-pain_next_morning"]
    assert find(page, id="field-pain_during")["aria-invalid"] == "true"
    assert find(page, id="field-pain_during")["value"] == "eleven"
    assert api.plan_timeline(path.rsplit("/", 1)[1]) == []


def test_posts_need_the_csrf_token(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, KNEECAP)
    response = client.post(f"{path}/sessions", data={"kind": "exercise", "pain_during": "1"})
    assert response.status_code == 403
    saved = api.save_assessment(KNEECAP)
    assert client.post(f"/assessments/{saved.id}/plans", data={}).status_code == 403


def test_start_running_needs_every_check(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, KNEECAP)
    page = soup(client.get(path))
    checks = [i["value"] for i in page.find_all("input", attrs={"name": "met"})]
    assert len(checks) >= 2
    partial = client.post(f"{path}/running", data={"csrf_token": token(page), "met": checks[:1]})
    assert partial.status_code == 422
    assert "Not confirmed" in partial.text
    full = client.post(
        f"{path}/running",
        data={"csrf_token": token(page), "met": checks},
        follow_redirects=False,
    )
    assert full.status_code == 303
    stages = find(soup(client.get(path)), "ol", class_="stage-list")
    assert "Stage 1" in find(stages, attrs={"aria-current": True}).get_text()


def test_a_warning_sign_pauses_and_resume_clears_it(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, KNEECAP)
    page = soup(client.get(path))
    locking = next(
        i["value"]
        for i in page.find_all("input", attrs={"name": "symptoms"})
        if "locks" in following(i, "label").get_text()
    )
    posted = log(client, path, pain_during="1", pain_next_morning="0", symptoms=[locking])
    shown = soup(client.get(posted.headers["location"]))
    assert "paused" in find(shown, id="decision").get_text().lower()
    assert shown.find(id="paused-title") is not None
    resumed = client.post(
        f"{path}/resume", data={"csrf_token": token(shown)}, follow_redirects=False
    )
    assert resumed.status_code == 303
    assert soup(client.get(path)).find(id="paused-title") is None


def test_urgent_result_gives_an_until_seen_plan_only(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, EMERGENCY)
    page = soup(client.get(path))
    headings = [h.get_text(" ", strip=True) for h in page.find_all("h2")]
    assert "Now" in headings
    for absent in ("Return to running", "Log a session", "Your sessions", "Where you are"):
        assert absent not in headings
    assert not any(h.startswith("Exercise programme") for h in headings)
    assert "only covers what to do until you are seen" in page.get_text()
    assert page.find("form", attrs={"action": f"{path}/sessions"}) is None


def test_print_view_has_no_forms_and_every_phase_open(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, KNEECAP)
    page = soup(client.get(f"{path}/print"))
    assert find(page, "body")["class"] == ["print-view"]
    assert page.find("form") is None
    phases = page.find_all("li", class_="phase")
    assert len(phases) >= 2
    # the current phase with its exercise cards and figures; the others as a compact list
    assert phases[0].find("img") is not None
    assert all(p.find("ul", class_="exercise-names") for p in phases[1:])
    assert find(page, "link", attrs={"media": "print"})["href"] == "/static/print.css"


def test_result_page_links_plans_and_exports(client: TestClient, api: Runknee) -> None:
    path = start_plan(client, api, KNEECAP)
    assessment = api.get_plan(path.rsplit("/", 1)[1]).assessment_id
    page = soup(client.get(f"/assessments/{assessment}"))
    assert page.find("a", attrs={"href": path}) is not None
    assert "Start a new plan" in page.get_text()
    pdf = client.get(f"/assessments/{assessment}/summary.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    fhir = client.get(f"/assessments/{assessment}/fhir.json")
    assert fhir.status_code == 200 and fhir.json()["resourceType"] == "Bundle"
    assert page.find("a", attrs={"href": f"/assessments/{assessment}/fhir.json"})


def test_plans_list_and_unknown_plan(client: TestClient, api: Runknee) -> None:
    assert "No plans yet" in client.get("/plans").text
    path = start_plan(client, api, KNEECAP)
    assert soup(client.get("/plans")).find("a", attrs={"href": path}) is not None
    for missing in ("/plans/" + "0" * 32, "/plans/nope", "/plans/nope/print"):
        assert client.get(missing).status_code == 404


def test_exercise_library_pages(client: TestClient, api: Runknee) -> None:
    page = soup(client.get("/exercises"))
    tiles = page.find_all("li", class_="exercise-tile")
    assert len(tiles) == len(api.exercises())
    nav = find(find(page, "nav"), "a", attrs={"aria-current": "page"})
    assert nav.get_text() == "Exercises"
    detail = soup(client.get("/exercises/wall_sit"))
    assert find(detail, "h1").get_text() == "Wall sit hold"
    text = detail.get_text(" ")
    for words in ("How to do it", "Easier", "Harder", "When not to do it", "Dose:"):
        assert words in text
    svg = client.get("/exercises/wall_sit.svg")
    assert svg.status_code == 200 and svg.text.startswith("<svg")
    assert client.get("/exercises/nope").status_code == 404
    assert client.get("/exercises/nope.svg").status_code == 404
