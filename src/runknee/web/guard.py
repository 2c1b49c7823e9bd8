"""Who may talk to the server: a Host allow-list, no cross-site writes, and HEAD on GET routes.

* **Host allow-list.** A page on another domain can rebind its name to 127.0.0.1 (DNS
  rebinding) and then read the runner's data as if it were same-origin. Only requests whose
  ``Host`` names ``127.0.0.1``, ``localhost``, ``[::1]`` or a configured name are answered;
  anything else gets 421 before any route runs, so no redirect can copy a foreign Host into
  ``Location`` either. Names are configured with ``RUNKNEE_ALLOWED_HOSTS`` (comma-separated,
  for a deployment behind a proxy) or by ``runknee web --host``.
* **No cross-site writes.** A request that may change data (anything but GET, HEAD, OPTIONS)
  is refused with 403 when the browser says it comes from another site: ``Sec-Fetch-Site``
  other than ``same-origin``/``none``, an ``Origin`` whose host is not this request's Host, or
  ``Origin: null`` without ``Sec-Fetch-Site`` (see :func:`is_cross_site`).
  Other apps on 127.0.0.1 (another port is the *same site* for cookies) are refused too.
  Clients that send neither header (curl, scripts) are not browsers and pass on to the CSRF
  token (forms) and the JSON content-type check (API).
* **HEAD** is answered like GET without the body, for every GET route.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALLOWED_HOSTS_ENV = "RUNKNEE_ALLOWED_HOSTS"
"""Comma-separated extra host names the server answers to (besides loopback)."""

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_SITE_FETCHES = frozenset({"same-origin", "none"})


def allowed_hosts(environ: Mapping[str, str], extra: Iterable[str] = ()) -> frozenset[str]:
    """Loopback names, ``RUNKNEE_ALLOWED_HOSTS`` from ``environ`` and ``extra`` (lower case;
    an IPv6 address is written in brackets)."""
    names = [*environ.get(ALLOWED_HOSTS_ENV, "").split(","), *extra]
    return LOOPBACK_HOSTS | {_bracketed(name.strip().lower()) for name in names if name.strip()}


def default_allowed_hosts() -> frozenset[str]:
    """:func:`allowed_hosts` from this process's environment."""
    return allowed_hosts(os.environ)


def _bracketed(name: str) -> str:
    if ":" in name and not name.startswith("["):
        return f"[{name}]"  # a bare IPv6 address, as a Host header writes it
    return name


def host_name(host: str) -> str:
    """The name part of a ``Host`` header (``[::1]:8000`` -> ``[::1]``), lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if ":" in host else host


def is_cross_site(headers: Mapping[str, str], host: str) -> bool:
    """Whether a browser says this request comes from another site (or origin).

    ``Sec-Fetch-Site`` cannot be set by a page, so when present it decides, except that an
    ``Origin`` naming another host still refuses. ``Origin: null`` is what browsers send for the
    app's own forms under ``Referrer-Policy: no-referrer``; it passes only with
    ``Sec-Fetch-Site: same-origin`` (or ``none``), never on its own (a sandboxed frame).
    """
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in SAME_SITE_FETCHES:
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    if origin == "null":
        return fetch_site is None
    return urlsplit(origin).netloc.lower() != host.strip().lower()


class RequestGuard:
    """Pure ASGI middleware: the Host allow-list, the cross-site write check and HEAD."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.hosts = hosts if hosts is not None else default_allowed_hosts()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            shown = host_name(host)[:100] or "none"
            message = f"this server does not answer to the host name {shown!r}"
            await _refuse(scope, receive, send, 421, "host", message)
            return
        method = scope["method"]
        if method not in SAFE_METHODS and is_cross_site(headers, host):
            message = "requests from other sites may not change your data"
            await _refuse(scope, receive, send, 403, "origin", message)
            return
        if method == "HEAD":
            await self.app({**scope, "method": "GET"}, receive, _without_body(send))
            return
        await self.app(scope, receive, send)


def _without_body(send: Send) -> Send:
    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return send_head


async def _refuse(
    scope: Scope, receive: Receive, send: Send, status: int, field: str, message: str
) -> None:
    errors = [{"field": field, "message": message}]
    response = JSONResponse({"ok": False, "errors": errors, "status": status}, status_code=status)
    await response(scope, receive, send)


PROBED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route accepts at this request's path (for a complete ``Allow``).

    Each method is tried against the routes (included routers too), through their public
    ``matches``: a full match means some route takes it.
    """
    methods = {
        method
        for method in PROBED_METHODS
        for route in request.app.router.routes
        if route.matches({**request.scope, "method": method})[0] == Match.FULL
    }
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)
