"""End-to-end: the "Your data" page in headless Chromium (download, erase, axe-core)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.browser_helpers import axe_violations, shot
from tests.example_cases import KNEECAP

pytestmark = pytest.mark.browser


@pytest.fixture()
def axe_page(browser: Any, server: str) -> Iterator[Any]:
    """A page that may inject axe-core (CSP bypassed for the injected script only here)."""
    context = browser.new_context(bypass_csp=True, base_url=server)
    tab = context.new_page()
    yield tab
    context.close()


def save(page: Any) -> str:
    """Save an assessment through the JSON API; return its id."""
    response = page.request.post("/api/v1/assessments", data=KNEECAP)
    assert response.status == 201, response.text()
    return str(response.json()["id"])


def erase_button(page: Any) -> Any:
    return page.get_by_role("button", name="Erase everything")


def press_erase(page: Any) -> None:
    erase_button(page).click()
    page.wait_for_load_state()


def test_download_then_erase_from_the_footer_link(page: Any) -> None:
    """No JavaScript needed: the link downloads the JSON; erase asks for the tick first."""
    problems: list[str] = []  # console errors (a CSP violation shows up here)
    expected = "the server responded with a status of 422"  # the form sent without the tick

    def console(message: Any) -> None:
        if message.type == "error" and expected not in message.text:
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    saved = save(page)
    page.goto("/")
    page.locator("footer").get_by_role("link", name=re.compile("Your data")).click()
    page.wait_for_url(re.compile(r"/data$"))
    with page.expect_download() as info:
        page.get_by_role("link", name="Download everything (JSON)").click()
    download = info.value
    assert re.fullmatch(r"runknee-export-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    data = json.loads(Path(download.path()).read_text())
    assert saved in [item["id"] for item in data["assessments"]]

    press_erase(page)
    summary = page.locator(".error-summary")
    assert "Nothing was deleted" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "confirm"
    page.get_by_label("I understand this deletes everything").check()
    erase_button(page).click()
    page.wait_for_url(re.compile(r"/data\?erased=1$"))
    assert "Everything is erased" in page.locator(".notice").inner_text()
    assert page.request.get("/api/v1/export").json()["assessments"] == []
    assert problems == []


def test_axe_finds_no_violations_on_the_data_page(axe_page: Any, axe_path: Path) -> None:
    """axe-core, all rules, zero violations at 360 px and 1280 px: the page, its error state
    (confirmation missing) and the 'erased' message."""
    save(axe_page)
    found = {}
    for width in (360, 1280):
        axe_page.set_viewport_size({"width": width, "height": 800})
        axe_page.goto("/data")
        states: list[tuple[str, Callable[[], None]]] = [
            ("data", lambda: None),
            ("data-error", lambda: press_erase(axe_page)),
        ]
        for name, action in states:
            action()
            violations = axe_violations(axe_page, axe_path)
            if violations:
                found[f"{name}@{width}"] = violations
            shot(axe_page, f"page-{name}-{width}")
    axe_page.get_by_label("I understand this deletes everything").check()
    erase_button(axe_page).click()
    axe_page.wait_for_url(re.compile(r"/data\?erased=1$"))
    for width in (360, 1280):
        axe_page.set_viewport_size({"width": width, "height": 800})
        axe_page.goto("/data?erased=1")
        violations = axe_violations(axe_page, axe_path)
        if violations:
            found[f"data-erased@{width}"] = violations
        shot(axe_page, f"page-data-erased-{width}")
    assert found == {}
