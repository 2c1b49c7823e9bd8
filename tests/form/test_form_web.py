"""The form-check pages and JSON API: upload, progress without JavaScript, report, history,
deletion, and a worker failure that leaves the server running."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.form.analysis import analyse_track
from runknee.form.models import ClipInfo
from runknee.web.app import create_app
from tests.form.form_synthetic import gait, synthetic_report
from tests.sample_clip import SAMPLE_CLIP
from tests.web.page_helpers import attr, find

CLIP = SAMPLE_CLIP


@pytest.fixture()
def client(api: Runknee) -> Iterator[TestClient]:
    with TestClient(create_app(api), headers={"accept": "text/html"}) as test_client:
        yield test_client


def _token(client: TestClient) -> str:
    page = BeautifulSoup(client.get("/form").text, "html.parser")
    tag = page.find("input", attrs={"name": "csrf_token"})
    assert tag is not None
    return str(tag["value"])


def _wait(client: TestClient, url: str, seconds: float = 120.0) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get(url, follow_redirects=False)
        if response.status_code == 303 or "http-equiv" not in response.text:
            done: httpx.Response = response
            return done
        assert 'http-equiv="refresh"' in response.text  # the page refreshes itself, no script
        time.sleep(0.5)
    raise AssertionError("the form check did not finish")


def test_upload_page_has_guidance_and_a_multipart_form(client: TestClient) -> None:
    page = client.get("/form")
    assert page.status_code == 200
    html = BeautifulSoup(page.text, "html.parser")
    form = html.find("form", attrs={"action": "/form"})
    assert form is not None and form["enctype"] == "multipart/form-data"
    assert "hip height" in page.text and "60 frames per second" in page.text
    assert html.find("script", string=True) is None
    current = find(html, "nav").find("a", attrs={"aria-current": "page"})
    assert current is not None and current.get_text() == "Form check"


def test_a_bad_upload_fails_in_the_worker_and_the_server_carries_on(client: TestClient) -> None:
    files = {"video": ("run.mp4", b"this is not a video" * 100, "video/mp4")}
    posted = client.post(
        "/form", data={"csrf_token": _token(client)}, files=files, follow_redirects=False
    )
    assert posted.status_code == 303
    job_url = posted.headers["location"]
    assert job_url.startswith("/form/jobs/")
    done = _wait(client, job_url)
    assert "could not be checked" in done.text
    assert "not a video" in done.text
    assert client.get("/form").status_code == 200


def test_an_upload_too_small_to_be_a_clip_is_refused_on_the_page(client: TestClient) -> None:
    files = {"video": ("run.mp4", b"null", "video/mp4")}
    posted = client.post("/form", data={"csrf_token": _token(client)}, files=files)
    assert posted.status_code == 422
    assert "4 bytes is too small to be a video clip" in posted.text


def test_upload_without_csrf_is_refused(client: TestClient) -> None:
    files = {"video": ("run.mp4", b"x", "video/mp4")}
    assert client.post("/form", files=files).status_code == 403


def test_report_page_shows_metrics_cues_plots_and_deletes(api: Runknee, client: TestClient) -> None:
    saved = api.form.save(synthetic_report(150.0), "treadmill.mp4")
    page = client.get(f"/form/{saved.id}")
    assert page.status_code == 200
    html = BeautifulSoup(page.text, "html.parser")
    assert "Step rate" in page.text and "Applies to you" in page.text
    assert "Heiderscheit" in page.text
    assert find(html, "svg").find("polyline") is not None
    assert "treadmill.mp4" in client.get("/form").text
    page_html = BeautifulSoup(page.text, "html.parser")
    token = attr(find(page_html, "input", attrs={"name": "csrf_token"}), "value")
    gone = client.post(
        f"/form/{saved.id}/delete", data={"csrf_token": token}, follow_redirects=False
    )
    assert gone.status_code == 303
    assert client.get(f"/form/{saved.id}").status_code == 404


def test_json_twins(api: Runknee, app_client: TestClient) -> None:
    first = api.form.save(synthetic_report(150.0), "a.mp4")
    second = api.form.save(synthetic_report(170.0), "b.mp4")
    assert [c["id"] for c in app_client.get("/api/v1/form/checks").json()] == [second.id, first.id]
    one = app_client.get(f"/api/v1/form/checks/{first.id}").json()
    assert one["report"]["gait"] == "running"
    compared = app_client.get(f"/api/v1/form/compare?before={first.id}&after={second.id}").json()
    assert any(c["id"] == "cadence_spm" and c["meaningful"] for c in compared["changes"])
    assert app_client.delete(f"/api/v1/form/checks/{first.id}").status_code == 204
    assert app_client.get(f"/api/v1/form/checks/{first.id}").status_code == 404
    for tiny in (b"", b"null"):  # empty, or a JSON null sent as the file: no clip at all
        refused = app_client.post(
            "/api/v1/form/jobs", files={"video": ("x.mov", tiny, "video/quicktime")}
        )
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "video"
        assert "too small to be a video clip" in refused.json()["errors"][0]["message"]
    started = app_client.post(
        "/api/v1/form/jobs", files={"video": ("x.mov", b"not a video" * 200, "video/quicktime")}
    )
    assert started.status_code == 202
    job = started.json()["id"]
    deadline = time.monotonic() + 60
    while (status := app_client.get(f"/api/v1/form/jobs/{job}").json())["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.3)
    assert status["state"] == "failed" and "not a video" in status["error"]
    assert app_client.get("/api/v1/form/jobs/" + "0" * 32).status_code == 404
    paths = app_client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/form/jobs", "/api/v1/form/checks/{check_id}"} <= set(paths)


@pytest.mark.slow
@pytest.mark.skipif(not CLIP.exists(), reason="the sample clip is not available")
def test_the_real_clip_through_the_web_with_the_annotated_video_kept(client: TestClient) -> None:
    pytest.importorskip("mediapipe")
    files = {"video": ("walk.mp4", CLIP.read_bytes(), "video/mp4")}
    data = {"csrf_token": _token(client), "keep_annotated": "yes"}
    posted = client.post("/form", data=data, files=files, follow_redirects=False)
    done = _wait(client, posted.headers["location"], 300)
    assert done.status_code == 303
    report_url = done.headers["location"]
    report = client.get(report_url)
    assert "walking" in report.text and "Annotated video" in report.text
    video = client.get(report_url + "/video/annotated")
    assert video.status_code == 200 and video.headers["content-type"] == "video/mp4"
    assert video.content[4:8] == b"ftyp"
    assert client.get(report_url + "/video/clip").status_code == 404


@pytest.mark.slow
@pytest.mark.skipif(not CLIP.exists(), reason="the sample clip is not available")
def test_a_finished_check_is_saved_even_if_nobody_looks(api: Runknee, client: TestClient) -> None:
    """The runner may close the tab: the report is saved when the worker ends, not on the
    next look at the progress page."""
    pytest.importorskip("mediapipe")
    files = {"video": ("walk.mp4", CLIP.read_bytes(), "video/mp4")}
    posted = client.post(
        "/form", data={"csrf_token": _token(client)}, files=files, follow_redirects=False
    )
    assert posted.status_code == 303
    deadline = time.monotonic() + 300
    while not api.form.list():
        assert time.monotonic() < deadline, "the finished check was never saved"
        time.sleep(0.5)
    assert len(api.form.list()) == 1


OVERSTRIDER = {
    "age_years": 30,
    "findings": {"pain_front_kneecap": "present", "low_cadence": "present"},
}


def test_cues_link_to_the_plan_and_the_plan_to_the_latest_check(
    api: Runknee, client: TestClient
) -> None:
    plan = api.start_plan(api.save_assessment(OVERSTRIDER).id)
    assert "quicker_steps" in {item.id for item in plan.plan.prevention}
    before = BeautifulSoup(client.get(f"/plans/{plan.id}/full").text, "html.parser")
    card = before.find("li", attrs={"id": "prevent-quicker_steps"})
    assert card is not None and card.find("a", attrs={"href": "/form"}) is not None
    assert "Your form check" not in card.get_text()

    check = api.form.save(synthetic_report(150.0), "slow.mp4")
    report = BeautifulSoup(client.get(f"/form/{check.id}").text, "html.parser")
    link = report.find("a", attrs={"href": f"/plans/{plan.id}/full#prevent-quicker_steps"})
    assert link is not None and "quicker steps" in link.get_text()
    assert "Long strides with the foot landing well ahead of the knee" in report.get_text()
    cue = next(c for c in check.report.cues if c.id == "raise_step_rate")
    assert cue.applies and cue.plan_cue == "quicker_steps" and cue.factor == "overstriding"

    after = BeautifulSoup(client.get(f"/plans/{plan.id}/full").text, "html.parser")
    card = after.find("li", attrs={"id": "prevent-quicker_steps"})
    assert card is not None
    text = " ".join(card.get_text().split())
    assert "step rate (cadence) 150 steps/min: this advice applies to you" in text
    assert card.find("a", attrs={"href": f"/form/{check.id}"}) is not None


def test_a_walking_clip_tells_the_plan_its_cue_was_not_judged(
    api: Runknee, client: TestClient
) -> None:
    plan = api.start_plan(api.save_assessment(OVERSTRIDER).id)
    times, raw = gait(cadence_spm=110, duty=0.62, fps=60.0, seconds=10.0)
    clip = ClipInfo(
        width_px=1280, height_px=720, frames=len(times), duration_s=times[-1], fps=60.0,
        variable_frame_rate=False,
    )  # fmt: skip
    walking = analyse_track(times, raw, clip)
    assert walking.gait == "walking"
    api.form.save(walking, "walk.mp4")
    page = BeautifulSoup(client.get(f"/plans/{plan.id}/full").text, "html.parser")
    card = page.find("li", attrs={"id": "prevent-quicker_steps"})
    assert card is not None
    text = " ".join(card.get_text().split())
    assert "not judged: the clip does not show running" in text
    assert "does not apply to you" not in text


def test_the_json_report_carries_the_plan_cue(api: Runknee) -> None:
    cues = {c.id: c for c in synthetic_report(150.0).cues}
    assert cues["raise_step_rate"].model_dump()["plan_cue"] == "quicker_steps"
    assert cues["look_ahead"].plan_cue is None
    links = api.form.plan_cues()
    assert (
        links["quicker_steps"].check is None and links["quicker_steps"].cue.id == "raise_step_rate"
    )
