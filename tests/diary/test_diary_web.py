"""The diary pages and their JSON twins, in process: forms with CSRF tokens, the upload, the
chart readable without JavaScript, and the API routes in the OpenAPI document."""

from __future__ import annotations

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from runknee.api import Runknee, Shoe
from tests.diary.diary_helpers import sample

FENIX = "python-fitparse/activity-small-fenix2-run.fit"


def _page(client: TestClient, url: str) -> BeautifulSoup:
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def _token(page: BeautifulSoup) -> str:
    tag = page.find("input", attrs={"name": "csrf_token"})
    assert tag is not None
    return str(tag["value"])


def test_upload_then_the_diary_shows_the_run(app_client: TestClient) -> None:
    page = _page(app_client, "/diary/import")
    response = app_client.post(
        "/diary/import",
        data={"csrf_token": _token(page)},
        files={"upload": ("fenix.fit", sample(FENIX).read_bytes(), "application/octet-stream")},
    )
    assert response.status_code == 200 and "1 new activity" in response.text  # singular
    runs = _page(app_client, "/diary/runs")
    assert "9.01" in runs.text and "running" in runs.text


def test_upload_needs_the_form_token(app_client: TestClient, api: Runknee) -> None:
    """A real file with a wrong token is refused by the token check (403) and not imported."""
    _page(app_client, "/diary/import")  # the session cookie the token is tied to
    response = app_client.post(
        "/diary/import",
        data={"csrf_token": "x" * 40},
        files={"upload": ("fenix.fit", sample(FENIX).read_bytes(), "application/octet-stream")},
    )
    assert response.status_code == 403
    assert api.diary.runs() == []


def test_diary_page_has_chart_with_text_and_a_table(api: Runknee, app_client: TestClient) -> None:
    page = _page(app_client, "/diary")
    svg = page.find("svg", attrs={"role": "img"})
    assert svg is not None and svg.find("title") is not None and svg.find("desc") is not None
    assert page.find("table", class_="weeks") is not None
    assert page.find("table", class_="calendar") is not None
    script = page.find("script")
    assert script is None or script.get("src")


def test_pain_form_adds_an_entry_and_flags_show_with_sources(
    api: Runknee, app_client: TestClient
) -> None:
    page = _page(app_client, "/diary")
    today = api.diary.today().isoformat()
    response = app_client.post(
        "/diary/pain",
        data={"csrf_token": _token(page), "entry_date": today, "during": "7", "night": "yes"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = _page(app_client, "/diary")
    flags = page.find(id="flags-title")
    assert flags is not None
    assert "see a doctor or physiotherapist" in page.text and "/sources#nice_ng226" in str(page)


def test_bad_pain_values_come_back_with_an_error(app_client: TestClient) -> None:
    page = _page(app_client, "/diary")
    response = app_client.post(
        "/diary/pain", data={"csrf_token": _token(page), "entry_date": "nope"}
    )
    assert response.status_code == 422 and "There is a problem" in response.text


def test_manual_run_shoes_and_delete_with_a_question_first(
    api: Runknee, app_client: TestClient
) -> None:
    page = _page(app_client, "/diary/shoes")
    app_client.post(
        "/diary/shoes", data={"csrf_token": _token(page), "name": "Trail shoes", "alert_km": "600"}
    )
    assert "Trail shoes" in _page(app_client, "/diary/shoes").text
    page = _page(app_client, "/diary/runs")
    app_client.post(
        "/diary/runs",
        data={
            "csrf_token": _token(page),
            "run_date": "2025-02-27",
            "distance_km": "8",
            "minutes": "45",
            "surface": "trail",
        },
    )
    (run,) = api.diary.runs()
    question = _page(app_client, f"/diary/runs/{run.id}/delete")
    assert "Pain entries and shoes stay" in question.text
    app_client.post(f"/diary/runs/{run.id}/delete", data={"csrf_token": _token(question)})
    assert api.diary.runs() == []


def test_json_twins(app_client: TestClient) -> None:
    json = {"accept": "application/json"}
    shoe = app_client.post("/api/v1/diary/shoes", json={"name": "Road", "alert_km": 500}).json()
    run = app_client.post(
        "/api/v1/diary/runs",
        json={
            "run_date": "2025-02-20",
            "distance_m": 5000,
            "duration_s": 1800,
            "shoe_id": shoe["id"],
        },
    )
    assert run.status_code == 201
    assert app_client.post("/api/v1/diary/runs", json={"run_date": "x"}).status_code == 422
    assert (
        app_client.post(
            "/api/v1/diary/pain", json={"entry_date": "2025-02-20", "during_0_10": 11}
        ).status_code
        == 422
    )
    imported = app_client.post(
        "/api/v1/diary/import?name=fenix.fit", content=sample(FENIX).read_bytes()
    )
    assert imported.json()["activities_added"] == 1
    runs = app_client.get("/api/v1/diary/runs", headers=json).json()
    assert len(runs) == 2  # newest first: the manual run of 2025 before the watch's older one
    assert [r["source_format"] for r in runs] == ["manual", "fit"]
    detail = app_client.get(f"/api/v1/diary/runs/{runs[1]['id']}", headers=json).json()
    assert len(detail["splits"]) == 9
    report = app_client.get("/api/v1/diary/report?as_of=2025-02-23", headers=json).json()
    assert report["shoes"][0]["km"] == 5.0 and report["weeks"][-1]["run_count"] == 1
    assert app_client.delete(f"/api/v1/diary/shoes/{shoe['id']}").status_code == 204
    assert app_client.get("/api/v1/diary/runs/" + "0" * 32).status_code == 404
    exported = app_client.get("/api/v1/export", headers=json).json()
    assert len(exported["diary"]["activities"]) == 2


def test_openapi_lists_the_diary_routes(app_client: TestClient) -> None:
    paths = app_client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/diary/report", "/api/v1/diary/runs", "/api/v1/diary/import"} <= set(paths)


def test_a_run_page_shows_splits_and_saves_details(api: Runknee, app_client: TestClient) -> None:
    api.diary.import_upload("fenix.fit", sample(FENIX).read_bytes())
    shoe = api.diary.add_shoe(Shoe(name="Road"))
    (run,) = api.diary.runs()
    page = _page(app_client, f"/diary/runs/{run.id}")
    assert len(page.select("table.splits tbody tr")) == 9 and "162 steps per minute" in page.text
    form = {
        "csrf_token": _token(page),
        "shoe_id": shoe.id,
        "surface": "trail",
        "route": "hilly",
        "session_type": "long",
        "notes": "fjord loop",
    }
    assert (
        app_client.post(f"/diary/runs/{run.id}", data=form, follow_redirects=False).status_code
        == 303
    )
    saved = api.diary.run(run.id)
    assert (saved.shoe_id, saved.surface, saved.route, saved.session_type, saved.notes) == (
        shoe.id,
        "trail",
        "hilly",
        "long",
        "fjord loop",
    )
    form["surface"] = "lava"
    assert app_client.post(f"/diary/runs/{run.id}", data=form).status_code == 422


def test_pain_and_shoes_are_deleted_after_a_question(api: Runknee, app_client: TestClient) -> None:
    today = api.diary.today()
    from runknee.api import PainEntry

    entry = api.diary.add_pain(PainEntry(entry_date=today, during_0_10=3))
    page = _page(app_client, "/diary")
    assert page.find("a", href=f"/diary/pain/{entry.id}/delete") is not None
    question = _page(app_client, f"/diary/pain/{entry.id}/delete")
    app_client.post(f"/diary/pain/{entry.id}/delete", data={"csrf_token": _token(question)})
    assert api.diary.pain() == []
    shoe = api.diary.add_shoe(Shoe(name="Old pair"))
    shoes = _page(app_client, "/diary/shoes")
    app_client.post(f"/diary/shoes/{shoe.id}/retire", data={"csrf_token": _token(shoes)})
    assert api.diary.shoes()[0].retired
    question = _page(app_client, f"/diary/shoes/{shoe.id}/delete")
    assert "0 runs that wore them stay" in question.text
    app_client.post(f"/diary/shoes/{shoe.id}/delete", data={"csrf_token": _token(question)})
    assert api.diary.shoes() == []


def test_diary_findings_are_offered_and_prefill_the_questions(
    api: Runknee, app_client: TestClient
) -> None:
    _runs_in_new_shoes(api)
    page = _page(app_client, "/diary")
    box = page.find("input", attrs={"name": "finding", "value": "new_shoes"})
    assert box is not None and not box.has_attr("checked") and "Racers" in page.text
    response = app_client.post(
        "/diary/assess",
        data={"csrf_token": _token(page), "finding": ["new_shoes", "made_up"]},
        follow_redirects=False,
    )
    assert response.status_code == 303
    draft_id = response.headers["location"].rsplit("/", 1)[-1]
    assert api.interviews.get(draft_id).state.answers == {"new_shoes": "present"}
    assert (
        app_client.get(f"/interview/{draft_id}", headers={"accept": "text/html"}).status_code == 200
    )


def test_days_out_of_range_are_input_errors(app_client: TestClient) -> None:
    json = {"accept": "application/json"}
    for url in ("/api/v1/diary/report?as_of=0001-01-01", "/api/v1/diary/findings?as_of=9999-12-31"):
        response = app_client.get(url, headers=json)
        assert response.status_code == 422 and response.json()["ok"] is False
        assert response.json()["errors"][0]["field"] == "query.as_of"
    assert (
        app_client.get("/diary?as_of=0001-01-01", headers={"accept": "text/html"}).status_code
        == 422
    )
    bad_run = {"run_date": "0001-01-01", "distance_m": 1, "duration_s": 1}
    assert app_client.post("/api/v1/diary/runs", json=bad_run).status_code == 422


def test_the_home_page_offers_the_diary_findings_before_the_questions(
    api: Runknee, app_client: TestClient
) -> None:
    home = _page(app_client, "/")
    assert home.find("input", attrs={"name": "finding"}) is None  # an empty diary offers nothing
    _runs_in_new_shoes(api)
    home = _page(app_client, "/")
    box = home.find("input", attrs={"name": "finding", "value": "new_shoes"})
    assert box is not None
    form = box.find_parent("form")
    assert form is not None and form["action"] == "/diary/assess"


def _runs_in_new_shoes(api: Runknee) -> None:
    """Runs in an old pair of shoes, then one in a new pair five days ago."""
    from datetime import timedelta

    from runknee.api import ManualRun, RunDetails

    today = api.diary.today()
    old, new = api.diary.add_shoe(Shoe(name="Old pair")), api.diary.add_shoe(Shoe(name="Racers"))
    for days, shoe in ((60, old), (40, old), (5, new)):
        run = api.diary.add_run(
            ManualRun(run_date=today - timedelta(days=days), distance_m=8000, duration_s=2800)
        )
        api.diary.update_run(run.id, RunDetails(shoe_id=shoe.id))
