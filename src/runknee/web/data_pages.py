"""The "Your data" page: what runknee stores and where, a JSON download, and erase everything.

* ``GET /data`` explains what is stored (assessments, plans, logged sessions and unfinished
  interviews, with counts) and which kind of database holds it (never its URL or password);
* ``GET /data/export.json`` downloads the same document as ``GET /api/v1/export``;
* ``POST /data/erase`` erases everything once the runner ticks the confirmation, then redirects
  (303) to ``/data?erased=1``; without the tick the page comes back (422) with an error summary.

Like the other pages: no inline scripts or styles, the form carries the CSRF token.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from runknee.api import DRAFT_MAX_AGE, Runknee
from runknee.web.export_stream import export_response
from runknee.web.pages import render, see_other
from runknee.web.security import verify_csrf

CONFIRM_VALUE = "yes"
"""What the confirmation checkbox sends when ticked."""

CONFIRM_ERROR = "Tick “I understand this deletes everything” to erase your data."

DRAFT_DAYS = DRAFT_MAX_AGE.days
"""Unfinished interviews unchanged this many days are deleted when a new one starts."""

DATABASE_NAMES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB"}


def _api(request: Request) -> Runknee:
    api: Runknee = request.app.state.runknee
    return api


def database_words(api: Runknee) -> str:
    """The kind of database in plain words (no path, host or password)."""
    url = api.store.engine.url
    backend = url.get_backend_name()
    if backend == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or database.startswith("file::memory:"):
            return "a temporary SQLite database in memory, gone when runknee stops"
        return "a SQLite file on this computer, kept until you erase it"
    name = DATABASE_NAMES.get(backend, backend)
    return f"a {name} database chosen when runknee was set up (RUNKNEE_DATABASE_URL)"


def _data_page(
    request: Request, erased: bool = False, error: str | None = None, status: int = 200
) -> HTMLResponse:
    api = _api(request)
    plan_count, session_count = api.store.plans.counts()  # counts, not whole lists
    return render(
        request,
        "data.html",
        status=status,
        erased=erased,
        error=error,
        database=database_words(api),
        assessment_count=api.store.count(),
        plan_count=plan_count,
        session_count=session_count,
        draft_count=api.interviews.count(),
        form_check_count=len(api.form.list()),
        draft_days=DRAFT_DAYS,
    )


def data_page(request: Request, erased: int = Query(0)) -> HTMLResponse:
    """What runknee keeps, where, the download and the erase form."""
    return _data_page(request, erased=bool(erased))


def export_json(request: Request) -> Response:
    """Everything saved, as one JSON file (the same document as ``GET /api/v1/export``),
    streamed."""
    api = _api(request)
    name = f"runknee-export-{api.clock().astimezone(UTC).date().isoformat()}.json"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return export_response(api, headers=disposition)


def erase(request: Request, confirm: str = Form(""), csrf_token: str = Form("")) -> Response:
    """Erase every assessment, plan, session and draft, but only with the confirmation ticked."""
    verify_csrf(request, csrf_token)
    if confirm != CONFIRM_VALUE:
        return _data_page(request, error=CONFIRM_ERROR, status=422)
    _api(request).erase_data()
    return see_other("/data?erased=1")


def install(app: FastAPI) -> None:
    """Register the "Your data" page, its download and the erase form on ``app``."""
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    route = app.add_api_route
    route("/data", data_page, methods=["GET"], **html)
    route("/data/export.json", export_json, methods=["GET"], include_in_schema=False)
    route("/data/erase", erase, methods=["POST"], **html)
