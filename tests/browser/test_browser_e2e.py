"""End-to-end: real server, headless Chromium, at phone and desktop widths.

Covers the three urgency paths from the home page to the result, back and change, the print
view, a keyboard-only interview and axe-core on every page type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.browser_helpers import (
    answer,
    axe_scan,
    current_question,
    run_interview,
    see_result,
    shot,
    start_interview,
)
from tests.example_cases import CONSULTATION, EMERGENCY, SELF_CARE

pytestmark = pytest.mark.browser


@pytest.fixture()
def errors(page: Any) -> Iterator[list[str]]:
    """Console errors and uncaught exceptions (a CSP violation shows up here)."""
    found: list[str] = []
    page.on(
        "console", lambda message: found.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: found.append(str(error)))
    yield found
    assert found == []


def test_self_care_interview_from_home_to_result(page: Any, errors: list[str]) -> None:
    """Gradual kneecap pain in a young runner: self-care, runner's knee most likely."""
    run_interview(page, SELF_CARE, stop="pain_front_kneecap")
    page.get_by_text("Why am I asked this?").click()
    shot(page, "interview-question-360", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 860})
    shot(page, "interview-question-1280", full_page=False)
    page.set_viewport_size({"width": 360, "height": 780})
    asked = run_interview(page, SELF_CARE)
    assert page.get_by_role("heading", level=1).inner_text() == "That is all the questions"
    shot(page, "interview-finished-360")
    see_result(page)
    assert page.locator(".alert h2").inner_text() == "Look after it yourself for now"
    first = page.locator(".condition-card").first
    assert "Pain around the kneecap" in first.locator("h3").inner_text()
    assert re.search(r"about \d+ in 10", first.locator(".chance").inner_text())
    first.get_by_text("Reasons for and against").click()
    assert first.get_by_text("Is the pain around or behind the kneecap?").is_visible()
    shot(page, "result-self-care-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "result-self-care-1280")
    assert len(asked) <= 36


def test_emergency_case_says_what_to_do_first(page: Any, errors: list[str]) -> None:
    """A fall onto the knee with a tender kneecap: Ottawa positive, emergency message on top."""
    asked = run_interview(page, EMERGENCY, stop="twist_planted_foot")
    assert "tender_kneecap" in asked
    alert = page.locator(".alert-emergency")
    assert alert.is_visible()
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Go to an emergency department today"
    )
    question = page.locator(".question-form")
    assert alert.bounding_box()["y"] < question.bounding_box()["y"]
    assert "Ottawa" in alert.inner_text()
    shot(page, "interview-emergency-360")
    see_result(page)
    assert page.locator(".alert h2").inner_text() == "Go to an emergency department today"
    assert "Ottawa" in page.locator(".flag-list").inner_text()
    shot(page, "result-emergency-360")


def test_consultation_case(page: Any, errors: list[str]) -> None:
    """Pain for more than six weeks: book a routine appointment."""
    run_interview(page, CONSULTATION)
    see_result(page)
    assert page.locator(".alert h2").inner_text() == "Book a routine appointment"
    shot(page, "result-consultation-360")


def test_back_and_change_an_answer(page: Any, errors: list[str]) -> None:
    """Back shows the last answer; the summary's Change link edits an earlier one."""
    run_interview(page, SELF_CARE, stop="sudden_onset")
    draft = page.url
    page.get_by_role("link", name="Back").click()
    assert page.url == f"{draft}/change?q=calf_pain"
    assert current_question(page) == "calf_pain"
    assert "Your answer: No" in page.locator(".current").inner_text()
    page.get_by_role("link", name="Back").click()
    assert current_question(page) == "injury_event"
    page.get_by_role("button", name=re.compile("^Yes")).click()
    page.wait_for_load_state()
    assert current_question(page) not in {"injury_event", "calf_pain"}
    page.get_by_text("Your answers so far").click()
    page.get_by_role("link", name=re.compile("your answer to .How old are you")).click()
    assert current_question(page) == "age_years"
    page.get_by_label("How old are you?").fill("26")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    page.get_by_text("Your answers so far").click()
    assert "26 years" in page.locator(".answers").inner_text()
    assert "Yes" in page.locator(".answer-row").nth(2).inner_text()
    shot(page, "interview-change-360")


def test_addresses_carry_no_answers_and_the_draft_outlives_the_tab(
    page: Any, browser: Any, server: str, errors: list[str]
) -> None:
    """Every address the browser visits (its history) is a draft id and at most a question id;
    the answers are on the server, so a new browser at the same address carries on."""
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    asked = run_interview(page, CONSULTATION, stop="swelling")
    draft = page.url
    page.reload()  # post/redirect/get: reloading shows the question again, posts nothing
    assert current_question(page) == "swelling"
    interview_urls = [url for url in visited if "/interview" in url]
    assert interview_urls and all(
        re.fullmatch(r".*/interview/[0-9a-f]{32}(/change\?q=[a-z0-9_]+)?", url)
        for url in interview_urls
    ), interview_urls
    assert not any("s=" in url for url in visited), visited
    other = browser.new_context(base_url=server)
    try:
        tab = other.new_page()
        tab.goto(draft)
        assert current_question(tab) == "swelling"
        tab.get_by_text(re.compile("Your answers so far")).click()
        assert tab.locator(".answer-row").count() == len(asked)
    finally:
        other.close()


def test_print_view(page: Any, errors: list[str]) -> None:
    """The print view opens the reasons and hides navigation when printed."""
    run_interview(page, SELF_CARE)
    see_result(page)
    page.get_by_role("link", name="Print view").click()
    assert page.url.endswith("/print")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()  # by site.js
    page.emulate_media(media="print")
    expect(page.locator(".site-header nav")).to_be_hidden()
    expect(page.locator(".js-print")).to_be_hidden()
    assert page.locator("details.reasons").first.get_attribute("open") is not None
    page.pdf(path=str(shot(page, "result-print").with_suffix(".pdf")))


def _tab_to(page: Any, label: str) -> None:
    for _ in range(40):
        page.keyboard.press("Tab")
        text = page.evaluate("document.activeElement.innerText || ''")
        if text.strip() == label:
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {label!r}"
            return
    raise AssertionError(f"could not Tab to {label!r}")


def test_keyboard_only_interview(page: Any, errors: list[str]) -> None:
    """Tab, Enter and Space only, from the home page to the result."""
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    _tab_to(page, "Start the questions")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    labels = {"present": "Yes", "absent": "No", "unknown": "I don\u2019t know"}
    for number in range(60):
        question = current_question(page)
        if question is None:
            break
        if question in ("age_years", "sex"):
            label = "Prefer not to say"
        else:
            label = labels[SELF_CARE["findings"].get(question, "unknown")]
        _tab_to(page, label)
        with page.expect_navigation():
            page.keyboard.press("Enter" if number % 2 else "Space")
    _tab_to(page, "See my result")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/assessments/[0-9a-f]{32}$"))
    assert page.locator(".alert h2").is_visible()


@pytest.fixture()
def axe_page(browser: Any, server: str) -> Iterator[Any]:
    """A page that may inject axe-core (CSP bypassed for the injected script only here)."""
    context = browser.new_context(bypass_csp=True, base_url=server)
    tab = context.new_page()
    yield tab
    context.close()


def _page_types(page: Any) -> list[tuple[str, str]]:
    """(name, url) of every page type. Each interview page is its own draft, left in the state
    shown (a finished draft is deleted, so 'finished' and 'result' are separate interviews)."""
    asked = run_interview(page, EMERGENCY, stop="twist_planted_foot")
    emergency_question = page.url
    back = page.locator(".back-link").get_attribute("href")
    run_interview(page, SELF_CARE)
    finished = page.url
    run_interview(page, SELF_CARE)
    result = "/assessments/" + see_result(page)
    question_age = start_interview(page)
    start_interview(page)
    answer(page, SELF_CARE, "age_years")
    assert asked
    return [
        ("home", "/"),
        ("question-age", question_age),
        ("question-sex", page.url),
        ("question-emergency", emergency_question),
        ("change", back),
        ("finished", finished),
        ("result", result),
        ("print", result + "/print"),
        ("conditions", "/conditions"),
        ("condition", "/conditions/patellofemoral_pain"),
        ("sources", "/sources"),
        ("not-found", "/conditions/nope"),
        ("draft-not-found", "/interview/" + "0" * 32),
    ]


def test_axe_finds_no_violations_on_any_page(axe_page: Any, axe_path: Path) -> None:
    """axe-core, all rules, zero violations, every page type at 360 px and 1280 px."""
    pages = _page_types(axe_page)
    assert axe_scan(axe_page, axe_path, pages) == {}
