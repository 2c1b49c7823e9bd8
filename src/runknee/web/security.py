"""Security layer: response headers, a request-body size limit, and CSRF helpers for forms.

* Every response carries a strict Content-Security-Policy (no inline scripts), ``nosniff``,
  ``no-referrer`` and ``X-Frame-Options: DENY``.
* Request bodies over :data:`MAX_BODY_BYTES` get a 413 in the error shape.
* HTML form posts use the double-submit cookie: a page calls :func:`issue_csrf_token` when it
  renders the form (the token goes in a hidden ``csrf_token`` field) and the POST handler calls
  :func:`verify_csrf`. JSON endpoints need no token: they accept only ``application/json``
  (:func:`require_json`), which a cross-site page cannot send without a CORS preflight, and
  runknee never answers preflights.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 256 * 1024
"""Largest request body accepted (256 KiB), except on the upload paths below."""

DIARY_UPLOAD_MAX_BYTES = 64 * 1024 * 1024
DIARY_UPLOAD_PATHS = frozenset({"/diary/import", "/api/v1/diary/import"})
"""Activity-file uploads (watch exports) may be up to 64 MiB."""

VIDEO_UPLOAD_MAX_BYTES = 512 * 1024 * 1024
VIDEO_UPLOAD_PATHS = frozenset({"/form", "/api/v1/form/jobs"})
"""Video uploads for the form check may be up to 512 MiB."""

CSRF_COOKIE = "runknee_csrf"
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


def install(app: FastAPI, max_body_bytes: int = MAX_BODY_BYTES) -> None:
    """Add the security middleware to ``app``."""
    app.add_middleware(SecurityMiddleware, max_body_bytes=max_body_bytes)


def require_json(request: Request) -> None:
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
    """Return the CSRF token for a form, setting the ``runknee_csrf`` cookie when needed.

    The cookie is HttpOnly and SameSite=Strict; put the returned token in a hidden
    ``csrf_token`` field of the form.
    """
    cookie = request.cookies.get(CSRF_COOKIE)
    token = (
        cookie if cookie is not None and _looks_like_token(cookie) else secrets.token_urlsafe(32)
    )
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return token


def verify_csrf(request: Request, form_token: str | None) -> None:
    """Check a form post's token against the cookie.

    Raises:
        HTTPException: 403 when the cookie or the form token is missing or they differ.
    """
    cookie = request.cookies.get(CSRF_COOKIE)
    if cookie is None or not _looks_like_token(cookie) or not form_token:
        raise HTTPException(403, "missing security token; reload the page and try again")
    if not hmac.compare_digest(cookie.encode(), form_token.encode()):
        raise HTTPException(403, "security token mismatch; reload the page and try again")


def _looks_like_token(token: str) -> bool:
    return 20 <= len(token) <= 100 and token.isascii()
