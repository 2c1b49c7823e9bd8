"""End-to-end: follow a plan in headless Chromium (start, log, print, keyboard, axe-core)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.browser_helpers import axe_scan, shot
from tests.example_cases import FALL_WITH_TENDER_KNEECAP as EMERGENCY
from tests.example_cases import KNEECAP

pytestmark = pytest.mark.browser


@pytest.fixture()
def errors(page: Any) -> Iterator[list[str]]:
    """Console errors and uncaught exceptions (a CSP violation shows up here)."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    yield found
    assert found == []


def saved_result(page: Any, case: dict[str, Any]) -> str:
    """Save an assessment through the JSON API and return its result page's path."""
    response = page.request.post("/api/v1/assessments", data=case)
    assert response.status == 201, response.text()
    return f"/assessments/{response.json()['id']}"


def start_plan(page: Any, case: dict[str, Any]) -> str:
    """Open a saved result, press 'Start a plan' and return the plan's path."""
    page.goto(saved_result(page, case))
    page.get_by_role("button", name="Start a plan").click()
    page.wait_for_url(re.compile(r"/plans/[0-9a-f]{32}$"))
    return str(page.url.split(page.url.split("/plans/")[0], 1)[1])


def log_session(page: Any, during: int, after: int, morning: int) -> str:
    """Fill in and send the log form; return the decision box's text."""
    form = page.locator("form.log-form")
    form.locator("input[name=exercises]").first.check()
    form.get_by_label("Worst pain during the session").fill(str(during))
    form.get_by_label("Worst pain just after").fill(str(after))
    form.get_by_label("Pain the next morning").fill(str(morning))
    form.get_by_role("button", name="Log this session").click()
    page.wait_for_url(re.compile(r"\?logged=\d+#decision$"))
    return str(page.locator("#decision").inner_text())


def test_follow_a_plan_and_see_it_respond(page: Any, errors: list[str]) -> None:
    """Start from a result: today's session first; log a session, a second one the same day
    (logged, not counted), and one that breaks the pain rule; then delete one, asked first."""
    path = start_plan(page, KNEECAP)
    expect(page.get_by_role("heading", name=re.compile(r"^Today, "), level=1)).to_be_visible()
    figure = page.locator("li.today-exercise img.exercise-figure").first
    assert figure.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("li.today-exercise dl.dose-figures dd").first.is_visible()
    first = log_session(page, 2, 1, 0)
    assert "Session 1 logged: staying at this level" in first
    assert "Good session (1 of" in first
    second = log_session(page, 3, 2, 0)
    assert "does not count towards moving on" in second
    expect(page.locator("#today-title")).to_have_text("Today is a rest day for the exercises")
    third = log_session(page, 7, 5, 3)
    assert "Session 3 logged: going back a step" in third
    assert "Pain went above the acceptable level" in third
    shot(page, "plan-360")
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(page.url.split("#")[0])  # the decision for session 3, from the top of the page
    # test-artifacts/browser/plan-1280.png is the picture used for docs/screenshots/plan.png
    saved = shot(page, "plan-1280", full_page=False)
    page.get_by_role("link", name="The whole plan").first.click()
    assert "You are here" in page.locator("li.phase-current h3").inner_text()
    rows = page.locator("table.sessions tbody tr")
    expect(rows).to_have_count(3)
    assert page.locator("svg.pain-chart g.series-during circle").count() == 3
    page.locator("section[aria-labelledby=timeline-title]").screenshot(
        path=str(saved.with_name("plan-timeline-1280.png"))
    )
    shot(page, "plan-1280-full")
    rows.nth(2).get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete session 3?", level=1)).to_be_visible()
    assert "What changes" in page.locator("main").inner_text()
    page.get_by_role("button", name="Delete the session").click()
    page.wait_for_url(re.compile(r"\?deleted=1$"))
    assert "worked out again" in page.locator("main").inner_text()
    page.goto(f"{path}/full")
    expect(page.locator("table.sessions tbody tr")).to_have_count(2)


def test_plan_print_view(page: Any, errors: list[str]) -> None:
    """The print view hides forms and navigation, opens every phase, and prints."""
    path = start_plan(page, KNEECAP)
    page.get_by_role("link", name="Print view").first.click()
    assert page.url.endswith(f"{path}/print")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    assert page.locator("form").count() == 0
    assert page.locator("li.phase img.exercise-figure").count() > 5
    page.emulate_media(media="print")
    expect(page.locator(".site-header nav")).to_be_hidden()
    expect(page.locator(".js-print")).to_be_hidden()
    page.pdf(path=str(shot(page, "plan-print").with_suffix(".pdf")))


def _tab_to(page: Any, selector: str) -> None:
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {selector!r}"
            return
    raise AssertionError(f"could not Tab to {selector!r}")


def test_log_form_works_from_the_keyboard(page: Any, errors: list[str]) -> None:
    """Skip to 'Log a session', tick an exercise, type the pains and send, keys only."""
    start_plan(page, KNEECAP)
    _tab_to(page, "a[href='#log-title']")
    page.keyboard.press("Enter")
    _tab_to(page, "input[name=exercises]")
    page.keyboard.press("Space")
    _tab_to(page, "#field-pain_during")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("0")
    _tab_to(page, "form.log-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Session 1 logged" in page.locator("#decision").inner_text()


@pytest.fixture()
def axe_page(browser: Any, server: str) -> Iterator[Any]:
    """A page that may inject axe-core (CSP bypassed for the injected script only here)."""
    context = browser.new_context(bypass_csp=True, base_url=server)
    tab = context.new_page()
    yield tab
    context.close()


def test_axe_finds_no_violations_on_plan_and_exercise_pages(axe_page: Any, axe_path: Path) -> None:
    """axe-core, all rules, zero violations at 360 px and 1280 px."""
    path = start_plan(axe_page, KNEECAP)
    log_session(axe_page, 2, 1, 0)
    log_session(axe_page, 6, 4, 2)
    axe_page.goto(f"{path}/full")
    edit = axe_page.locator("table.sessions a", has_text="Edit").first.get_attribute("href")
    delete = axe_page.locator("table.sessions a", has_text="Delete").first.get_attribute("href")
    until_seen = start_plan(axe_page, EMERGENCY)
    pages = [
        ("plan", path),
        ("plan-full", f"{path}/full"),
        ("plan-print", f"{path}/print"),
        ("plan-until-seen", until_seen),
        ("plan-session-edit", str(edit)),
        ("plan-session-delete", str(delete)),
        ("plans", "/plans"),
        ("exercises", "/exercises"),
        ("exercise", "/exercises/wall_sit"),
    ]
    shown = {"exercises", "exercise", "plan-until-seen"}
    assert axe_scan(axe_page, axe_path, pages, screenshot=shown) == {}


def test_delete_the_assessment_and_keep_the_plan(axe_page: Any, axe_path: Path) -> None:
    """The delete form names the plan and offers both; a kept plan says its assessment went."""
    path = start_plan(axe_page, KNEECAP)
    log_session(axe_page, 2, 1, 0)
    axe_page.goto(f"{path}/full")  # the whole plan names the result it is built on
    result = axe_page.get_by_role("link", name="The result it is built on").get_attribute("href")
    assert axe_scan(axe_page, axe_path, [("result-with-plan", result)]) == {}
    axe_page.goto(result)
    axe_page.get_by_text("Delete this assessment").click()
    expect(axe_page.locator(".delete-goes-too")).to_contain_text("1 logged session")
    axe_page.get_by_role("button", name="Delete, keep the plan").click()
    axe_page.wait_for_url(re.compile(r"/\?deleted=1$"))
    axe_page.goto(path)
    expect(axe_page.get_by_text("The assessment it was built on was deleted")).to_be_visible()
    axe_page.goto(f"{path}/full")
    expect(axe_page.get_by_text("The assessment it was built on was deleted")).to_be_visible()
    pages = [("plan-kept", path), ("plan-kept-full", f"{path}/full"), ("plans-kept", "/plans")]
    assert axe_scan(axe_page, axe_path, pages) == {}
