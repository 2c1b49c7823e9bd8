"""End-to-end: the diary pages in headless Chromium, axe-core clean at 360 and 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.browser.browser_helpers import axe_scan

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared/data/activities/python-fitparse"


@pytest.fixture()
def axe_page(browser: Any, server: str) -> Iterator[Any]:
    """A page that may inject axe-core (CSP bypassed for the injected script only here)."""
    context = browser.new_context(bypass_csp=True, base_url=server)
    tab = context.new_page()
    yield tab
    context.close()


def test_diary_pages_are_axe_clean(axe_page: Any, axe_path: Path) -> None:
    fit = SAMPLE / "activity-small-fenix2-run.fit"
    if not fit.exists():
        pytest.skip("sample corpus not found")
    response = axe_page.request.post(
        "/api/v1/diary/import?name=fenix.fit",
        data=fit.read_bytes(),
        headers={"content-type": "application/octet-stream"},
    )
    assert response.status == 200, response.text()
    axe_page.request.post("/api/v1/diary/shoes", data={"name": "Road", "alert_km": 600})
    axe_page.request.post(
        "/api/v1/diary/pain", data={"entry_date": "2015-08-15", "during_0_10": 6, "swelling": True}
    )
    _recent_shoe_change(axe_page)
    runs = axe_page.request.get("/api/v1/diary/runs").json()
    pain = axe_page.request.get("/api/v1/diary/pain").json()
    job = axe_page.request.post(
        "/api/v1/diary/import?name=fenix.fit&background=true",
        data=fit.read_bytes(),
        headers={"content-type": "application/octet-stream"},
    ).json()
    pages = [
        ("diary", "/diary"),
        ("diary-2015", "/diary?as_of=2015-08-20"),
        ("diary-runs", "/diary/runs"),
        ("diary-shoes", "/diary/shoes"),
        ("diary-import", "/diary/import"),
        ("diary-import-job", f"/diary/import/jobs/{job['id']}"),
        ("diary-delete", f"/diary/runs/{runs[0]['id']}/delete"),
        ("diary-run", f"/diary/runs/{runs[0]['id']}"),
        ("diary-pain-delete", f"/diary/pain/{pain[0]['id']}/delete"),
    ]
    assert (
        axe_scan(
            axe_page,
            axe_path,
            pages,
            screenshot={"diary", "diary-2015", "diary-run", "diary-shoes"},
        )
        == {}
    )


def _recent_shoe_change(page: Any) -> None:
    """Runs in new shoes this week, old shoes before: the diary page offers a finding."""
    old = page.request.post("/api/v1/diary/shoes", data={"name": "Old pair"}).json()
    new = page.request.post("/api/v1/diary/shoes", data={"name": "Racers"}).json()
    today = datetime.now(UTC).date()
    for days, shoe in ((50, old), (40, old), (3, new)):
        body = {
            "run_date": (today - timedelta(days=days)).isoformat(),
            "distance_m": 8000,
            "duration_s": 2800,
            "shoe_id": shoe["id"],
            "surface": "road",
        }
        assert page.request.post("/api/v1/diary/runs", data=body).status == 201
