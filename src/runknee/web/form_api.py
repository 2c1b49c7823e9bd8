"""The form check's JSON API under ``/api/v1/form`` (the pages' twins).

Uploading is the one multipart endpoint: ``POST /api/v1/form/jobs`` answers 202 with the
job's status; ``GET /api/v1/form/jobs/{id}`` tells when it is done and the saved check's id.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BeforeValidator, TypeAdapter, WithJsonSchema

from runknee.api import Runknee, form_checks, form_jobs
from runknee.web import paging
from runknee.web.api_routes import PREFIX, ErrorBody
from runknee.web.form_pages import jobs

router = APIRouter(prefix=f"{PREFIX}/form", tags=["form"])
_CHECKS = TypeAdapter(list[form_checks.StoredFormCheck])
# A form field cannot be null: leave ``view`` out to have it guessed (the schema says so).
VIEW_SCHEMA = WithJsonSchema(
    {"type": "string", "enum": ["side", "back"], "description": "Left out: guessed."}
)


def _true_or_false(value: object) -> object:
    """Only ``true`` or ``false``: lax parsing would also take 0/1, yes/no and on/off."""
    if isinstance(value, bool) or value in ("true", "false"):
        return value
    raise ValueError("must be true or false")


TRUE_OR_FALSE = BeforeValidator(_true_or_false)
_ERRORS: dict[int | str, dict[str, object]] = {404: {"model": ErrorBody}, 422: {"model": ErrorBody}}


def _api(request: Request) -> Runknee:
    api: Runknee = request.app.state.runknee
    return api


def _json(data: bytes, status_code: int = 200) -> Response:
    return Response(data, status_code, media_type="application/json")


@router.post(
    "/jobs",
    status_code=202,
    response_model=form_jobs.FormJobStatus,
    responses={400: {"model": ErrorBody}, 429: {"model": ErrorBody}, 422: {"model": ErrorBody}},
)
def start_job(
    request: Request,
    video: Annotated[
        UploadFile,
        File(
            description="The clip (MP4 or MOV); a smaller upload is refused (422).",
            json_schema_extra={"minLength": form_jobs.MIN_CLIP_BYTES},
        ),
    ],
    view: Annotated[Literal["side", "back"] | None, Form(), VIEW_SCHEMA] = None,
    label: Annotated[str, Form(max_length=200)] = "",
    keep_clip: Annotated[bool, Form(), TRUE_OR_FALSE] = False,
    keep_annotated: Annotated[bool, Form(), TRUE_OR_FALSE] = False,
) -> Response:
    """Start a form check of an uploaded clip in a worker process (metrics only are saved
    unless ``keep_clip`` / ``keep_annotated``)."""
    try:
        status = jobs(request.app).start(
            video.file, video.filename or "clip.mp4", view, label, keep_clip, keep_annotated
        )
    except form_jobs.FormJobBusy as exc:
        body = {"ok": False, "errors": [{"field": "video", "message": str(exc)}], "status": 429}
        return _json(TypeAdapter(dict[str, object]).dump_json(body), 429)
    return _json(status.model_dump_json().encode(), 202)


@router.get("/jobs/{job_id}", response_model=form_jobs.FormJobStatus, responses=_ERRORS)
def job_status(request: Request, job_id: str) -> Response:
    """Where a form check stands; once done, ``check_id`` names the saved check."""
    status = jobs(request.app).status(job_id)
    return _json(status.model_dump_json().encode())


@router.get(
    "/checks",
    response_model=list[form_checks.StoredFormCheck],
    responses={**_ERRORS, 200: {"headers": paging.PAGE_HEADERS}},
)
def list_checks(
    request: Request, limit: paging.Limit = 50, cursor: paging.Cursor = None
) -> Response:
    """Saved form checks, newest first, ``limit`` at a time; the ``Link`` header (rel="next")
    and ``X-Next-Cursor`` give the next page while there is one."""
    page = _api(request).form.page(limit, cursor)
    headers = paging.next_headers(f"{router.prefix}/checks", limit, page.next_cursor)
    return Response(_CHECKS.dump_json(page.items), headers=headers, media_type="application/json")


@router.get("/checks/{check_id}", response_model=form_checks.StoredFormCheck, responses=_ERRORS)
def get_check(request: Request, check_id: str) -> Response:
    """One saved form check with its report."""
    return _json(_api(request).form.get(check_id).model_dump_json().encode())


@router.delete("/checks/{check_id}", status_code=204, responses=_ERRORS)
def delete_check(request: Request, check_id: str) -> Response:
    """Delete one saved form check and its videos."""
    _api(request).form.delete(check_id)
    return Response(status_code=204)


@router.get(
    "/compare",
    response_model=form_checks.FormComparison,
    responses=_ERRORS,
)
def compare(request: Request, before: str, after: str) -> Response:
    """Compare two saved checks: each change and whether it exceeds the clip-to-clip spread."""
    api = _api(request)
    result = api.form.compare(api.form.get(before).report, api.form.get(after).report)
    return _json(result.model_dump_json().encode())


def install(app: FastAPI) -> None:
    """Register the form-check JSON API on ``app``."""
    app.include_router(router)
