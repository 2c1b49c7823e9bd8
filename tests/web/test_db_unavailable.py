"""An unreachable database is a 503 with Retry-After: HTML for pages, the error shape for the
API, never a 500 (a PostgreSQL URL whose port nobody listens on)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.storage import AssessmentStore, open_engine
from runknee.web.app import create_app
from tests.net_helpers import free_port


@pytest.fixture()
def unreachable() -> Iterator[TestClient]:
    url = f"postgresql+psycopg://runknee:secret@127.0.0.1:{free_port()}/runknee?connect_timeout=2"
    app = create_app(Runknee(store=AssessmentStore(open_engine(url))))
    app.state.csrf_secret = b"s" * 32  # keep the test's secret out of the user's data folder
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_api_answers_503_in_the_error_shape(unreachable: TestClient) -> None:
    response = unreachable.get("/api/v1/assessments")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    body = response.json()
    assert body["ok"] is False and body["status"] == 503
    assert body["errors"][0]["field"] == "database"
    assert "secret" not in response.text


def test_pages_answer_503_as_html(unreachable: TestClient) -> None:
    response = unreachable.get("/", headers={"accept": "text/html"})
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert response.headers["content-type"].startswith("text/html")
    assert "try again" in response.text


def test_health_still_answers(unreachable: TestClient) -> None:
    assert unreachable.get("/api/v1/health").status_code == 200
