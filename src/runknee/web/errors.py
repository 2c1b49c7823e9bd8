"""One error shape for every failure: ``{"ok": false, "errors": [{field, message}], "status": n}``.

Handlers cover runknee's own errors (a conflict is a 409 with ``Retry-After``), FastAPI's request validation, Starlette's HTTP errors
(unknown routes, wrong methods, 413, 415, CSRF 403) and anything unexpected (500, logged).

HTML pages may set ``app.state.html_error_page`` to a callable ``(request, status, errors) ->
Response``; it is then used for requests outside ``/api/`` whose ``Accept`` asks for HTML.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from runknee.errors import CaseInputError, ConflictError, NotFoundError, RunkneeError
from runknee.web.guard import allowed_methods
from runknee.web.security import SECURITY_HEADERS

logger = logging.getLogger("runknee.web")

ErrorList = list[dict[str, str]]
HtmlErrorPage = Callable[[Request, int, ErrorList], Response]

_HTTP_FIELDS = {
    400: "body",
    404: "path",
    405: "method",
    413: "body",
    415: "content-type",
    403: "csrf",
}


def error_response(request: Request, status: int, errors: ErrorList) -> Response:
    """Render ``errors`` in the one error shape (or as an HTML page, see the module docs)."""
    page: HtmlErrorPage | None = getattr(request.app.state, "html_error_page", None)
    if page is not None and _wants_html(request):
        return page(request, status, errors)
    return JSONResponse({"ok": False, "errors": errors, "status": status}, status_code=status)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def validation_errors(raw: Sequence[Any]) -> tuple[int, ErrorList]:
    """Map pydantic/FastAPI validation errors to (status, field errors); bad JSON is a 400."""
    status = 422
    errors: ErrorList = []
    for error in raw:
        location = [str(part) for part in error.get("loc", ())]
        if location[:1] == ["body"]:
            location = location[1:]
        if error.get("type") == "json_invalid":
            status = 400
            message = f"not valid JSON: {error.get('ctx', {}).get('error', 'parse error')}"
            errors.append({"field": "body", "message": message})
            continue
        field = ".".join(location) or "body"
        errors.append({"field": field, "message": str(error.get("msg", "invalid"))})
    return status, errors


def install(app: FastAPI) -> None:
    """Register the error handlers on ``app``."""

    async def on_case_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CaseInputError)
        status = 422
        return error_response(request, status, [e.to_dict() for e in exc.errors])

    async def on_not_found(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NotFoundError)
        return error_response(request, 404, [{"field": exc.kind, "message": str(exc)}])

    async def on_conflict(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ConflictError)
        response = error_response(request, 409, [{"field": exc.kind, "message": str(exc)}])
        response.headers["Retry-After"] = "1"  # the other write is done: retry at once
        return response

    async def on_runknee(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, [{"field": "", "message": str(exc)}])

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        status, errors = validation_errors(exc.errors())
        return error_response(request, status, errors)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        field = _HTTP_FIELDS.get(exc.status_code, "")
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        elif exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        response = error_response(request, exc.status_code, [{"field": field, "message": message}])
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        if exc.status_code == 405:
            # Starlette names only the first matching route's methods; list them all.
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        # Runs in ServerErrorMiddleware, outside the security middleware: add its headers here.
        logger.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        errors = [{"field": "", "message": "internal error; the details are in the server log"}]
        response = JSONResponse({"ok": False, "errors": errors, "status": 500}, status_code=500)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.add_exception_handler(CaseInputError, on_case_input)
    app.add_exception_handler(NotFoundError, on_not_found)
    app.add_exception_handler(ConflictError, on_conflict)
    app.add_exception_handler(RunkneeError, on_runknee)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)
