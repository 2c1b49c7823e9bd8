"""One error shape for every failure, and the security layer (headers, limits, CSRF)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.web.app import create_api_app
from runknee.web.security import (
    CONTENT_SECURITY_POLICY,
    MAX_BODY_BYTES,
    SECURITY_HEADERS,
    SESSION_COOKIE,
    issue_csrf_token,
    verify_csrf,
)

KNEECAP = {"age_years": 30, "findings": {"pain_front_kneecap": "present"}}


def assert_error(response: Any, status: int, field: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert (
        body["ok"] is False
        and body["status"] == status
        and set(body)
        == {
            "ok",
            "errors",
            "status",
        }
    )
    assert [error["field"] for error in body["errors"]][:1] == [field], body
    assert all(error["message"] for error in body["errors"])


def test_unknown_route_is_404(app_client: TestClient) -> None:
    assert_error(app_client.get("/api/v1/nope"), 404, "path")
    assert_error(
        app_client.get("/no/such/page", headers={"accept": "application/json"}), 404, "path"
    )


def test_wrong_method_is_405_with_allow(app_client: TestClient) -> None:
    response = app_client.put("/api/v1/assess", json=KNEECAP)
    assert_error(response, 405, "method")
    assert "POST" in response.headers["allow"]
    assert_error(app_client.get("/api/v1/assess"), 405, "method")


def test_malformed_json_is_400(app_client: TestClient) -> None:
    for body in (b"{", b'{"age_years": }', b"\xff\xfe", b"[" * 5000):
        response = app_client.post(
            "/api/v1/assess", content=body, headers={"content-type": "application/json"}
        )
        assert_error(response, 400, "body")


def test_empty_body_is_422_naming_the_body(app_client: TestClient) -> None:
    response = app_client.post("/api/v1/assess", headers={"content-type": "application/json"})
    assert_error(response, 422, "body")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
def test_json_endpoints_refuse_other_content_types_with_415(
    app_client: TestClient, content_type: str | None
) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    for path in ("/api/v1/assess", "/api/v1/interview/next", "/api/v1/assessments"):
        response = app_client.post(path, content=json.dumps(KNEECAP), headers=headers)
        assert_error(response, 415, "content-type")
    assert app_client.get("/api/v1/assessments").json() == []


def test_json_with_charset_and_vendor_types_is_accepted(app_client: TestClient) -> None:
    for content_type in ("application/json; charset=utf-8", "application/case+json"):
        response = app_client.post(
            "/api/v1/assess", content=json.dumps(KNEECAP), headers={"content-type": content_type}
        )
        assert response.status_code == 200


def test_bodies_over_the_limit_are_413(app_client: TestClient) -> None:
    big = json.dumps({"findings": {}, "pad": "x" * MAX_BODY_BYTES}).encode()
    response = app_client.post(
        "/api/v1/assess", content=big, headers={"content-type": "application/json"}
    )
    assert_error(response, 413, "body")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b" " * 1024

    response = app_client.post(
        "/api/v1/assessments", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_error(response, 413, "body")
    assert app_client.get("/api/v1/assessments").json() == []


def test_a_body_just_under_the_limit_is_read(app_client: TestClient) -> None:
    padded = json.dumps(KNEECAP).encode().ljust(MAX_BODY_BYTES - 1, b" ")
    response = app_client.post(
        "/api/v1/assess", content=padded, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200


def test_nonsense_content_length_is_400(app_client: TestClient) -> None:
    response = app_client.post(
        "/api/v1/assess",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": "abc"},
    )
    assert_error(response, 400, "body")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/health"),
        ("GET", "/api/v1/conditions"),
        ("POST", "/api/v1/assess"),
        ("GET", "/api/v1/nope"),
        ("GET", "/openapi.json"),
        ("GET", "/"),
    ],
)
def test_security_headers_are_on_every_response(
    app_client: TestClient, method: str, path: str
) -> None:
    response = app_client.request(method, path, json=KNEECAP if method == "POST" else None)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "unsafe-inline" not in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/", "/api/v1/assessments", "/data", "/api/v1/export"])
def test_pages_and_answers_with_health_data_are_never_cached(
    app_client: TestClient, path: str
) -> None:
    assert app_client.get(path).headers["cache-control"] == "no-store"


def test_static_files_may_be_cached(app_client: TestClient) -> None:
    response = app_client.get("/static/site.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("cache-control", "")


def test_the_csp_is_the_documented_one() -> None:
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "frame-ancestors": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
    }


def test_no_cors_is_ever_granted(app_client: TestClient) -> None:
    response = app_client.options(
        "/api/v1/assess",
        headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
    )
    assert response.status_code == 405
    assert "access-control-allow-origin" not in response.headers


def test_unexpected_errors_are_500_in_the_shape_without_details(api: Runknee) -> None:
    app = create_api_app(api)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/boom")
    assert_error(response, 500, "")
    assert "secret" not in response.text
    assert response.headers["x-frame-options"] == "DENY"


def test_html_pages_can_render_their_own_errors(api: Runknee) -> None:
    app = create_api_app(api)

    def page(request: Request, status: int, errors: list[dict[str, str]]) -> Response:
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)

    app.state.html_error_page = page
    with TestClient(app) as client:
        html = client.get("/missing", headers={"accept": "text/html"})
        assert html.status_code == 404 and html.text == "<h1>404</h1>"
        assert_error(client.get("/api/v1/missing", headers={"accept": "text/html"}), 404, "path")


@pytest.fixture()
def form_client() -> Iterator[TestClient]:
    app = FastAPI()
    from runknee.web import errors, security

    errors.install(app)
    security.install(app)

    @app.get("/form")
    def form(request: Request) -> Response:
        response = HTMLResponse()
        token = issue_csrf_token(request, response)
        response.body = response.render(f'<input name="csrf_token" value="{token}">')
        response.headers["content-length"] = str(len(response.body))
        return response

    @app.post("/form")
    def submit(request: Request, csrf_token: str | None = Form(None)) -> dict[str, bool]:
        verify_csrf(request, csrf_token)
        return {"ok": True}

    with TestClient(app) as client:
        yield client


def _form_token(response: Any) -> str:
    return str(response.text.split('value="', 1)[1].split('"', 1)[0])


def test_session_cookie_is_httponly_strict_and_stable(form_client: TestClient) -> None:
    first = form_client.get("/form")
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    session = first.cookies[SESSION_COOKIE]
    second = form_client.get("/form")
    assert second.cookies.get(SESSION_COOKIE, session) == session
    assert _form_token(second) == _form_token(first)


def test_the_token_is_signed_not_a_copy_of_the_cookie(form_client: TestClient) -> None:
    first = form_client.get("/form")
    assert first.cookies[SESSION_COOKIE] not in first.text


def test_csrf_accepts_the_matching_token(form_client: TestClient) -> None:
    token = _form_token(form_client.get("/form"))
    response = form_client.post("/form", data={"csrf_token": token})
    assert response.status_code == 200 and response.json() == {"ok": True}


def test_csrf_refuses_missing_or_wrong_tokens(form_client: TestClient) -> None:
    assert_error(form_client.post("/form", data={"csrf_token": "x" * 43}), 403, "csrf")
    form_client.get("/form")
    assert_error(form_client.post("/form", data={}), 403, "csrf")
    assert_error(form_client.post("/form", data={"csrf_token": "y" * 43}), 403, "csrf")


def test_a_planted_cookie_with_its_own_value_as_token_is_refused(form_client: TestClient) -> None:
    # Another app on 127.0.0.1 can set cookies for runknee (cookies ignore the port); with the
    # old double-submit cookie it could post its own value as the token.
    planted = "p" * 43
    form_client.cookies.set(SESSION_COOKIE, planted)
    assert_error(form_client.post("/form", data={"csrf_token": planted}), 403, "csrf")


def test_a_token_from_another_session_is_refused(form_client: TestClient) -> None:
    token = _form_token(form_client.get("/form"))
    form_client.cookies.set(SESSION_COOKIE, "q" * 43)
    assert_error(form_client.post("/form", data={"csrf_token": token}), 403, "csrf")
