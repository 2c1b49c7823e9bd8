"""Saved form checks on SQLite and PostgreSQL: metrics by default, videos only when chosen,
export and erase-all included; comparing two reports."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from runknee.api import Runknee, form_checks
from runknee.errors import NotFoundError
from tests.form.form_synthetic import synthetic_report as report
from tests.web.page_helpers import attr, find


def test_metrics_only_by_default_and_videos_when_chosen(any_api: Runknee) -> None:
    plain = any_api.form.save(report(), "plain.mp4")
    kept = any_api.form.save(report(), "kept.mp4", clip=b"clip-bytes", annotated=b"annotated")
    assert not plain.has_clip and not plain.has_annotated
    assert [c.id for c in any_api.form.list()] == [kept.id, plain.id]
    again = any_api.form.get(kept.id)
    assert again.has_clip and again.has_annotated
    assert again.report == kept.report
    assert any_api.form.video(kept.id, "clip") == b"clip-bytes"
    with pytest.raises(NotFoundError):
        any_api.form.video(plain.id, "clip")
    exported = any_api.export_data()["form_checks"]
    assert [item["id"] for item in exported] == [plain.id, kept.id]
    assert exported[1]["clip_bytes"] == len(b"clip-bytes") and exported[0]["clip_bytes"] is None
    any_api.erase_data()
    assert any_api.form.list() == []


def test_delete_and_unknown_ids(any_api: Runknee) -> None:
    saved = any_api.form.save(report(), "a.mp4")
    any_api.form.delete(saved.id)
    with pytest.raises(NotFoundError):
        any_api.form.get(saved.id)
    with pytest.raises(NotFoundError):
        any_api.form.delete("not-an-id")


def test_compare_flags_only_changes_beyond_the_spread() -> None:
    before, after = report(150.0), report(165.0)
    comparison = form_checks.FormChecks.compare(before, after)
    cadence = next(c for c in comparison.changes if c.id == "cadence_spm")
    assert cadence.change == pytest.approx(15.0, abs=1.0)
    assert cadence.meaningful
    same = form_checks.FormChecks.compare(before, before)
    assert not any(c.meaningful for c in same.changes)


def test_a_running_clip_suggests_findings_for_a_new_assessment(api: Runknee) -> None:
    slow = report(150.0)
    suggested = form_checks.FormChecks.suggested_findings(slow)
    assert suggested["low_cadence"] == "present"
    assert set(suggested) <= {f.id for f in api.findings()}
    assert form_checks.FormChecks.suggested_findings(report(178.0))["low_cadence"] == "absent"
    walking = slow.model_copy(update={"gait": "walking"})
    assert form_checks.FormChecks.suggested_findings(walking) == {}


def test_a_saved_running_check_can_start_the_questions_with_its_findings(
    api: Runknee, app_client: TestClient
) -> None:
    check = api.form.save(report(150.0), "slow.mp4")
    page = BeautifulSoup(app_client.get(f"/form/{check.id}").text, "html.parser")
    box = page.find("input", attrs={"name": "finding", "value": "low_cadence"})
    assert box is not None
    token = attr(find(page, "input", attrs={"name": "csrf_token"}), "value")
    response = app_client.post(
        f"/form/{check.id}/assess",
        data={"csrf_token": token, "finding": ["low_cadence", "made_up"]},
        follow_redirects=False,
    )
    assert response.status_code == 303
    draft_id = response.headers["location"].rsplit("/", 1)[-1]
    assert api.interviews.get(draft_id).state.answers == {"low_cadence": "present"}
