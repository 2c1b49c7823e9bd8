"""Security layer: response headers, a request-body size limit, and CSRF helpers for forms.

* Every response carries a strict Content-Security-Policy (no inline scripts), ``nosniff``,
  ``no-referrer``, ``X-Frame-Options: DENY``, a Permissions-Policy that turns off every
  device and sensor, and cross-origin isolation (COOP, CORP, COEP: everything is same-origin).
* Request bodies over :data:`MAX_BODY_BYTES` get a 413 in the error shape.
* HTML form posts carry a token tied to the browser's session: a page calls
  :func:`issue_csrf_token` when it renders the form (the token goes in a hidden ``csrf_token``
  field) and the POST handler calls :func:`verify_csrf`. The session is a random id in an
  HttpOnly, SameSite=Strict cookie; the token is an HMAC of it with the server secret (created
  on first run, stored 0600 next to the data, see :mod:`runknee.files`). Cookies are
  shared by every port of 127.0.0.1, so another local app can plant a session cookie, but it
  cannot compute the token for it without the secret.
* JSON endpoints need no token: they accept only ``application/json`` (:func:`require_json`),
  which a cross-site page cannot send without a CORS preflight, and runknee never answers
  preflights. Cross-site writes are also refused by Origin (:mod:`runknee.web.guard`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runknee.files import load_or_create_secret, secret_path
from runknee.web.guard import RequestGuard

MAX_BODY_BYTES = 256 * 1024
"""Largest request body accepted (256 KiB), except on the upload paths below."""

DIARY_UPLOAD_MAX_BYTES = 64 * 1024 * 1024
DIARY_UPLOAD_PATHS = frozenset({"/diary/import", "/api/v1/diary/import"})
"""Activity-file uploads (watch exports) may be up to 64 MiB."""

VIDEO_UPLOAD_MAX_BYTES = 512 * 1024 * 1024
VIDEO_UPLOAD_PATHS = frozenset({"/form", "/api/v1/form/jobs"})
"""Video uploads for the form check may be up to 512 MiB."""

DATA_IMPORT_MAX_BYTES = 1024 * 1024 * 1024
DATA_IMPORT_PATHS = frozenset({"/data/import"})
"""A runknee export brought back may be up to 1 GiB: it carries the diary and any form-check
videos the runner kept (base64)."""

SESSION_COOKIE = "runknee_session"
"""The browser session the CSRF token is tied to (a random id, not a secret to the browser).
"""

CSRF_FIELD = "csrf_token"
"""Name of the hidden form field that carries the token."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    # Nothing in runknee needs a device or sensor: say so, so an injected frame cannot ask.
    "Permissions-Policy": (
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
    ),
    # Every resource is the app's own, so isolating it from other origins costs nothing.
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
}

_RAW_HEADERS = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
# Pages and API answers carry health data: browsers and proxies must not keep copies. Only the
# app's own static files (styles, scripts, images) may be cached.
_NO_STORE = (b"cache-control", b"no-store")
STATIC_PREFIX = "/static/"


def _too_large(limit: int) -> str:
    return f"request body over {limit // 1024} KiB"


class SecurityMiddleware:
    """Pure ASGI middleware: adds :data:`SECURITY_HEADERS` and enforces the body size limit."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        cacheable = str(scope.get("path", "")).startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in _RAW_HEADERS if name not in names]
                if not cacheable and _NO_STORE[0] not in names:
                    extra.append(_NO_STORE)
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        path = str(scope.get("path", ""))
        limit = self.max_body_bytes
        if scope.get("method") == "POST" and path in DIARY_UPLOAD_PATHS:
            limit = max(limit, DIARY_UPLOAD_MAX_BYTES)
        if scope.get("method") == "POST" and path in VIDEO_UPLOAD_PATHS:
            limit = max(limit, VIDEO_UPLOAD_MAX_BYTES)
        if scope.get("method") == "POST" and path in DATA_IMPORT_PATHS:
            limit = max(limit, DATA_IMPORT_MAX_BYTES)
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > limit):
                # Declared too large (or not a number): answer before reading any of it.
                status = 413 if value.isdigit() else 400
                message = _too_large(limit) if status == 413 else "Content-Length is not a number"
                errors = [{"field": "body", "message": message}]
                refusal = JSONResponse(
                    {"ok": False, "errors": errors, "status": status}, status_code=status
                )
                await refusal(scope, receive, send_with_headers)
                return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, _too_large(limit))
            return message

        await self.app(scope, limited_receive, send_with_headers)


def install(
    app: FastAPI, max_body_bytes: int = MAX_BODY_BYTES, hosts: frozenset[str] | None = None
) -> None:
    """Add the request guard (Host allow-list, cross-site writes, HEAD; see
    :mod:`runknee.web.guard`) and, around it, the headers and size-limit middleware."""
    app.add_middleware(RequestGuard, hosts=hosts)
    app.add_middleware(SecurityMiddleware, max_body_bytes=max_body_bytes)


def load_secret(app: FastAPI) -> None:
    """Load (or create) the server secret now, at startup, before requests race for it (a
    secret already set on ``app.state.csrf_secret`` is kept)."""
    if getattr(app.state, "csrf_secret", None) is None:
        app.state.csrf_secret = _secret_for(app)


async def require_json(request: Request) -> None:
    """FastAPI dependency: the request body must be JSON (``application/json`` or ``+json``).

    Raises:
        HTTPException: 415 for any other content type.
    """
    content_type = request.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        shown = media_type or "none"
        raise HTTPException(415, f"send the body as application/json (got {shown})")


def issue_csrf_token(request: Request, response: Response) -> str:
    """Return the CSRF token for a form, setting the session cookie when needed.

    The cookie is HttpOnly and SameSite=Strict; put the returned token in a hidden
    ``csrf_token`` field of the form.
    """
    session = request.cookies.get(SESSION_COOKIE)
    if session is None or not _looks_like_token(session):
        session = secrets.token_urlsafe(32)
    response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
    return _sign(_secret(request), session)


def verify_csrf(request: Request, form_token: str | None) -> None:
    """Check a form post's token against the session cookie and the server secret.

    Raises:
        HTTPException: 403 when the session cookie or the form token is missing or the token
            is not the one for this session.
    """
    session = request.cookies.get(SESSION_COOKIE)
    if session is None or not _looks_like_token(session) or not form_token:
        raise HTTPException(403, "missing security token; reload the page and try again")
    expected = _sign(_secret(request), session)
    if not hmac.compare_digest(expected.encode(), form_token.encode("utf-8", "replace")):
        raise HTTPException(403, "security token mismatch; reload the page and try again")


def _sign(secret: bytes, session: str) -> str:
    digest = hmac.new(secret, b"csrf:" + session.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _secret(request: Request) -> bytes:
    """The server secret, loaded on first use and kept on the app (``app.state.csrf_secret``).

    With a :class:`runknee.api.Runknee` on the app it is the file next to its database;
    otherwise (a bare test app) a secret for the life of the process.
    """
    secret: bytes | None = getattr(request.app.state, "csrf_secret", None)
    if secret is None:
        secret = _secret_for(request.app)
        request.app.state.csrf_secret = secret
    return secret


def _secret_for(app: Any) -> bytes:
    runknee = getattr(app.state, "runknee", None)
    path = None
    if runknee is not None:
        path = secret_path(runknee.database_url())
    return load_or_create_secret(path)


def _looks_like_token(token: str) -> bool:
    return 20 <= len(token) <= 100 and token.isascii()
