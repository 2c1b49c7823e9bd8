"""Attacks from other sites and other local apps: DNS rebinding (Host), cross-site writes
(Origin, Sec-Fetch-Site), forged form tokens; plus the headers, ``Allow`` on 405 and HEAD."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.pool import QueuePool

from runknee.api import Runknee
from runknee.web.app import create_app
from runknee.web.guard import allowed_hosts, host_name
from runknee.web.security import SESSION_COOKIE
from tests.example_cases import KNEECAP
from tests.web.page_helpers import soup, token

FOREIGN_HOSTS = ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "[::2]:80"]


@pytest.fixture()
def loopback(api: Runknee) -> Iterator[TestClient]:
    """The app as `runknee web` serves it: only loopback names (no test host name)."""
    app = create_app(api, hosts=allowed_hosts({}))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client


def _refused(response: Any, status: int, field: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert body["errors"][0]["field"] == field


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_a_rebound_host_cannot_read_the_export(loopback: TestClient, host: str) -> None:
    loopback.post("/api/v1/assessments", json=KNEECAP)
    response = loopback.get("/api/v1/export", headers={"host": host})
    _refused(response, 421, "host")
    assert "assessments" not in response.text


@pytest.mark.parametrize("host", FOREIGN_HOSTS[:2])
def test_a_rebound_host_cannot_erase(loopback: TestClient, api: Runknee, host: str) -> None:
    api.save_assessment(KNEECAP)
    _refused(loopback.delete("/api/v1/data", headers={"host": host}), 421, "host")
    _refused(loopback.post("/data/erase", headers={"host": host}), 421, "host")
    assert len(api.list_assessments()) == 1


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000"])
def test_loopback_names_are_answered(loopback: TestClient, host: str) -> None:
    assert loopback.get("/api/v1/health", headers={"host": host}).status_code == 200


def test_configured_names_are_answered(api: Runknee) -> None:
    hosts = allowed_hosts({"RUNKNEE_ALLOWED_HOSTS": "knee.lan, fd00::1"})
    assert {"knee.lan", "[fd00::1]"} <= hosts and host_name("[fd00::1]:80") == "[fd00::1]"
    with TestClient(create_app(api, hosts=hosts), base_url="http://knee.lan") as client:
        assert client.get("/api/v1/health").status_code == 200
        _refused(client.get("/api/v1/health", headers={"host": "evil.example"}), 421, "host")


def test_the_trailing_slash_redirect_never_names_a_foreign_host(loopback: TestClient) -> None:
    response = loopback.get("/api/v1/health/", headers={"host": "evil.example"})
    assert response.status_code == 421 and "location" not in response.headers
    own = loopback.get("/api/v1/health/", follow_redirects=False)
    assert "evil" not in own.headers.get("location", "")


CROSS_SITE = [
    {"origin": "http://evil.example"},
    {"origin": "http://127.0.0.1:9999"},  # another local app: same site, other origin
    {"origin": "null"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
    {"origin": "http://evil.example", "sec-fetch-site": "same-origin"},  # contradictory: refuse
]


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_cross_site_api_writes_are_refused(
    loopback: TestClient, api: Runknee, headers: dict[str, str]
) -> None:
    api.save_assessment(KNEECAP)
    _refused(loopback.delete("/api/v1/data", headers=headers), 403, "origin")
    _refused(loopback.post("/api/v1/assessments", json=KNEECAP, headers=headers), 403, "origin")
    assert len(api.list_assessments()) == 1


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_cross_site_form_posts_are_refused_even_with_a_token(
    loopback: TestClient, api: Runknee, headers: dict[str, str]
) -> None:
    api.save_assessment(KNEECAP)
    csrf = token(soup(loopback.get("/data")))
    data = {"confirm": "yes", "csrf_token": csrf}
    _refused(loopback.post("/data/erase", data=data, headers=headers), 403, "origin")
    assert len(api.list_assessments()) == 1


def test_same_origin_writes_pass(loopback: TestClient, api: Runknee) -> None:
    csrf = token(soup(loopback.get("/data")))
    same = {"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}
    response = loopback.post(
        "/data/erase",
        data={"confirm": "yes", "csrf_token": csrf},
        headers=same,
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert loopback.get("/api/v1/health", headers={"origin": "http://evil.example"}).is_success


def test_own_forms_under_no_referrer_pass(loopback: TestClient, api: Runknee) -> None:
    """Chromium sends ``Origin: null`` for the app's own form posts (Referrer-Policy:
    no-referrer) together with ``Sec-Fetch-Site: same-origin``."""
    api.save_assessment(KNEECAP)
    csrf = token(soup(loopback.get("/data")))
    own = {"origin": "null", "sec-fetch-site": "same-origin"}
    response = loopback.post(
        "/data/erase",
        data={"confirm": "yes", "csrf_token": csrf},
        headers=own,
        follow_redirects=False,
    )
    assert response.status_code == 303 and api.list_assessments() == []


def test_a_planted_session_cookie_cannot_erase(loopback: TestClient, api: Runknee) -> None:
    """Another app on 127.0.0.1 sets the session cookie and posts the form without headers."""
    api.save_assessment(KNEECAP)
    planted = "a" * 43
    loopback.cookies.set(SESSION_COOKIE, planted)
    for guess in (planted, "", "b" * 43):
        response = loopback.post("/data/erase", data={"confirm": "yes", "csrf_token": guess})
        assert response.status_code == 403
    assert len(api.list_assessments()) == 1


def test_isolation_and_permission_headers_and_no_server_name(loopback: TestClient) -> None:
    response = loopback.get("/")
    assert response.headers["cross-origin-opener-policy"] == "same-origin"
    assert response.headers["cross-origin-resource-policy"] == "same-origin"
    assert response.headers["cross-origin-embedder-policy"] == "require-corp"
    assert "camera=()" in response.headers["permissions-policy"]
    assert "server" not in response.headers


def test_405_names_every_allowed_method(loopback: TestClient, api: Runknee) -> None:
    saved = api.save_assessment(KNEECAP)
    response = loopback.put(f"/api/v1/assessments/{saved.id}", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, HEAD"
    assert loopback.patch("/api/v1/assessments").headers["allow"] == "GET, HEAD, POST"


def test_head_is_answered_on_get_routes(loopback: TestClient, api: Runknee) -> None:
    saved = api.save_assessment(KNEECAP)
    for path in ("/api/v1/health", f"/api/v1/assessments/{saved.id}", "/", "/data"):
        response = loopback.head(path)
        assert response.status_code == 200, path
        assert response.content == b""


def test_the_engine_is_closed_at_shutdown(api: Runknee) -> None:
    with TestClient(create_app(api, hosts=allowed_hosts({}))) as client:
        client.get("/api/v1/assessments", headers={"host": "127.0.0.1"})
        pool = api._store.engine.pool
        assert isinstance(pool, QueuePool), pool  # the file database's pool counts connections
        assert pool.checkedin() >= 1
    assert pool.checkedin() == 0  # no pooled connection left open
