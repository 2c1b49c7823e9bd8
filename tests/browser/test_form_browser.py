"""End-to-end: the running-form check in headless Chromium (upload, self-refreshing progress,
report with plots, axe-core at phone and desktop widths)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.browser_helpers import axe_violations, shot
from tests.sample_clip import SAMPLE_CLIP

pytestmark = pytest.mark.browser

CLIP = SAMPLE_CLIP


@pytest.fixture()
def axe_page(browser: Any, server: str) -> Iterator[Any]:
    """A page that may inject axe-core (CSP bypassed for the injected script only here)."""
    context = browser.new_context(bypass_csp=True, base_url=server)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    context.close()


def _axe_both_widths(page: Any, axe_path: Path, name: str) -> dict[str, Any]:
    found = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        violations = axe_violations(page, axe_path)
        if violations:
            found[f"{name}@{width}"] = violations
        shot(page, f"form-{name}-{width}")
    return found


def test_a_file_that_is_not_a_video_ends_on_a_clear_message(axe_page: Any, axe_path: Path) -> None:
    page = axe_page
    page.goto("/form")
    assert _axe_both_widths(page, axe_path, "upload") == {}
    page.set_input_files(
        "#video",
        files=[{"name": "run.mp4", "mimeType": "video/mp4", "buffer": b"not a video" * 200}],
    )
    page.get_by_role("button", name="Check my running form").click()
    page.wait_for_url("**/form/jobs/*")
    page.get_by_text("could not be checked").wait_for(timeout=60_000)  # the meta refresh got there
    assert "not a video" in page.content()
    assert _axe_both_widths(page, axe_path, "failed") == {}


@pytest.mark.slow
@pytest.mark.skipif(not CLIP.exists(), reason="the sample clip is not available")
def test_upload_the_sample_clip_and_read_the_report(axe_page: Any, axe_path: Path) -> None:
    pytest.importorskip("mediapipe")
    page = axe_page
    page.goto("/form")
    page.set_input_files("#video", str(CLIP))
    page.get_by_label("Make and keep a video with the skeleton and angles drawn on").check()
    page.get_by_role("button", name="Check my running form").click()
    page.wait_for_url("**/form/jobs/*")
    progress = page.content()
    assert 'http-equiv="refresh"' in progress or "Form check:" in progress
    page.wait_for_url(re.compile(r"/form/[0-9a-f]{32}$"), timeout=300_000)
    page.get_by_role("heading", name="Form check: sports2d-demo.mp4").wait_for()
    text = page.content()
    assert "walking" in text and "Step rate" in text and "<svg" in text
    assert _axe_both_widths(page, axe_path, "report") == {}
    page.goto("/form")
    assert page.get_by_role("link", name="sports2d-demo.mp4").count() == 1
