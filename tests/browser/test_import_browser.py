"""End-to-end: bring data back on the "Your data" page, the compact plan print view and the
large exercise figure, in headless Chromium; axe-core clean (issue 12)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
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


def test_upload_a_download_back_and_see_the_report(page: Any, tmp_path: Path) -> None:
    response = page.request.post("/api/v1/assessments", data=KNEECAP)
    assert response.status == 201, response.text()
    page.goto("/data")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download everything (JSON)").click()
    saved = tmp_path / "mine.json"
    saved.write_bytes(Path(info.value.path()).read_bytes())
    page.get_by_label("The runknee file (JSON)").set_input_files(str(saved))
    page.get_by_label("Keep both (the copy from the file gets a new id)").check()
    page.get_by_role("button", name="Import the file").click()
    page.wait_for_load_state()
    report = page.locator("[role=status]").inner_text()
    assert "Import finished" in report and "kept both" in report
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"resourceType": "Bundle"}))
    page.get_by_label("The runknee file (JSON)").set_input_files(str(foreign))
    page.get_by_role("button", name="Import the file").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert "not a runknee export" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "import-file"


def test_axe_finds_no_violations_on_the_import_states_and_exercise_page(
    axe_page: Any, axe_path: Path, tmp_path: Path
) -> None:
    foreign = tmp_path / "foreign.json"
    foreign.write_text("{}")
    found = {}
    for width in (360, 1280):
        axe_page.set_viewport_size({"width": width, "height": 800})
        axe_page.goto("/data")
        axe_page.get_by_label("The runknee file (JSON)").set_input_files(str(foreign))
        axe_page.get_by_role("button", name="Import the file").click()
        axe_page.wait_for_load_state()
        violations = axe_violations(axe_page, axe_path)
        if violations:
            found[f"import-error@{width}"] = violations
        shot(axe_page, f"page-data-import-error-{width}")
        axe_page.goto("/exercises/clamshell")
        violations = axe_violations(axe_page, axe_path)
        if violations:
            found[f"exercise@{width}"] = violations
        figure = axe_page.locator(".exercise-detail .exercise-figure").bounding_box()
        assert figure["width"] >= min(300, width - 60)  # large, not a thumbnail
        shot(axe_page, f"page-exercise-clamshell-{width}")
    assert found == {}
    assert re.search(r"Faint = start", axe_page.request.get("/exercises/clamshell.svg").text())
