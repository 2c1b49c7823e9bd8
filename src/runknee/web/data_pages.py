"""The "Your data" page: what runknee stores and where, a JSON download, and erase everything.

* ``GET /data`` explains what is stored (assessments, plans, logged sessions and unfinished
  interviews, with counts) and which kind of database holds it (never its URL or password);
* ``GET /data/export.json`` downloads the same document as ``GET /api/v1/export``;
* ``POST /data/import`` imports such a file (multipart upload, CSRF-checked) in one transaction
  and shows what was imported, skipped or kept both; a damaged or foreign file comes back (422)
  with the reason and nothing written;
* ``POST /data/erase`` erases everything once the runner ticks the confirmation, then redirects
  (303) to ``/data?erased=1``; without the tick the page comes back (422) with an error summary.

Like the other pages: no inline scripts or styles, the form carries the CSRF token.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from runknee.api import DRAFT_MAX_AGE, Runknee
from runknee.errors import CaseInputError
from runknee.i18n import N_, _
from runknee.web.export_stream import export_response
from runknee.web.pages import facade as _api
from runknee.web.pages import render, see_other
from runknee.web.security import DATA_IMPORT_MAX_BYTES, verify_csrf

CONFIRM_VALUE = "yes"
"""What the confirmation checkbox sends when ticked."""

CONFIRM_ERROR = N_("Tick “I understand this deletes everything” to erase your data.")

DRAFT_DAYS = DRAFT_MAX_AGE.days
"""Unfinished interviews unchanged this many days are deleted when a new one starts."""

DATABASE_NAMES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB"}


def database_words(api: Runknee) -> str:
    """The kind of database in plain words (no path, host or password)."""
    backend = api.database_backend
    if backend == "sqlite":
        if api.database_in_memory:
            return _("a temporary SQLite database in memory, gone when runknee stops")
        return _("a SQLite file on this computer, kept until you erase it")
    name = DATABASE_NAMES.get(backend, backend)
    return _("a %(name)s database chosen when runknee was set up (RUNKNEE_DATABASE_URL)") % {
        "name": name
    }


MAX_IMPORT_BYTES = DATA_IMPORT_MAX_BYTES
"""The largest file the import form reads (videos kept with form checks make exports large)."""


def _data_page(
    request: Request,
    erased: bool = False,
    error: str | None = None,
    status: int = 200,
    import_error: str | None = None,
    imported: list[str] | None = None,
) -> HTMLResponse:
    api = _api(request)
    plan_count, session_count = api.plan_counts()  # counts, not whole lists
    return render(
        request,
        "data.html",
        status=status,
        erased=erased,
        error=error,
        database=database_words(api),
        assessment_count=api.count_assessments(),
        plan_count=plan_count,
        session_count=session_count,
        draft_count=api.interviews.count(),
        form_check_count=api.form.count(),
        draft_days=DRAFT_DAYS,
        import_error=import_error,
        imported=imported,
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
        return _data_page(request, error=_(CONFIRM_ERROR), status=422)
    _api(request).erase_data()
    return see_other("/data?erased=1")


async def import_file(
    request: Request,
    file: UploadFile = File(...),  # noqa: B008 - FastAPI's way to declare an upload
    mode: str = Form("skip"),
    csrf_token: str = Form(""),
) -> Response:
    """Import an exported file; nothing stored is overwritten (skip, or keep both)."""
    verify_csrf(request, csrf_token)
    content = await file.read(MAX_IMPORT_BYTES + 1)
    # Parsing and writing a large export, and the page's counts, run off the event loop.
    return await run_in_threadpool(_import_and_show, request, content, mode)


def _import_and_show(request: Request, content: bytes, mode: str) -> Response:
    if not content:
        return _data_page(request, import_error=_("Choose a file to import."), status=422)
    try:
        report = _api(request).import_data(
            content, mode="keep-both" if mode == "keep-both" else "skip"
        )
    except CaseInputError as exc:
        reason = "; ".join(error.message for error in exc.errors)
        message = _("Nothing was imported: %(reason)s.") % {"reason": reason}
        return _data_page(request, import_error=message, status=422)
    return _data_page(request, imported=report.lines() or [_("The file holds no data.")])


def install(app: FastAPI) -> None:
    """Register the "Your data" page, its download and the erase form on ``app``."""
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    route = app.add_api_route
    route("/data", data_page, methods=["GET"], **html)
    route("/data/export.json", export_json, methods=["GET"], include_in_schema=False)
    route("/data/import", import_file, methods=["POST"], **html)
    route("/data/erase", erase, methods=["POST"], **html)
