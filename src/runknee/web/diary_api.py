"""The diary's JSON API under /api/v1/diary: the twins of the diary pages (see docs/diary.md).

Bodies are JSON, except the import, which takes the file itself (any content type) with its
name in the ``name`` query parameter.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import Response
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

from runknee.api import (
    Day,
    DiaryReport,
    DiarySuggestion,
    ImportReport,
    ManualRun,
    PainEntry,
    RunDetails,
    Shoe,
    StoredActivity,
    StoredPain,
    StoredShoe,
    diary_jobs,
)
from runknee.web import paging
from runknee.web.api_routes import JSON_BODY, PREFIX, Api, _errors, _json
from runknee.web.diary_pages import import_jobs
from runknee.web.strict_json import StrictJSONRoute

router = APIRouter(prefix=f"{PREFIX}/diary", tags=["diary"], route_class=StrictJSONRoute)
_RUNS = TypeAdapter(list[StoredActivity])
_PAIN = TypeAdapter(list[StoredPain])
_SHOES = TypeAdapter(list[StoredShoe])
_SUGGESTIONS = TypeAdapter(list[DiarySuggestion])
_PAGED = {**_errors(), 200: {"headers": paging.PAGE_HEADERS}}


def _page(
    data: bytes,
    name: str,
    limit: int,
    next_cursor: str | None,
    filters: dict[str, object] | None = None,
) -> Response:
    """A page of a list, with the next page's headers while there is one."""
    path = f"{router.prefix}/{name}"
    return _json(data, headers=paging.next_headers(path, limit, next_cursor, filters))


AsOf = Annotated[Day | None, Query(description="The day to look from (default today).")]


@router.get("/report", response_model=DiaryReport, responses=_errors())
def report(
    api: Api, as_of: AsOf = None, weeks: Annotated[int, Query(ge=1, le=260)] = 12
) -> Response:
    """Weekly figures, load numbers, pain beside training, and flags with their sources."""
    return _json(api.diary.report(as_of, weeks).model_dump_json().encode())


@router.get("/findings", response_model=list[DiarySuggestion], responses=_errors())
def findings(api: Api, as_of: AsOf = None) -> Response:
    """Training findings the diary supports (for a new assessment to offer for confirmation)."""
    return _json(_SUGGESTIONS.dump_json(api.diary.suggest_findings(as_of)))


@router.get("/runs", response_model=list[StoredActivity], responses=_PAGED)
def runs(
    api: Api,
    since: Day | None = None,
    until: Day | None = None,
    limit: paging.Limit = 50,
    cursor: paging.Cursor = None,
) -> Response:
    """Activities, newest first, ``limit`` at a time (per-km splits only on a single run);
    the ``Link`` header (rel="next") and ``X-Next-Cursor`` give the next page."""
    page = api.diary.runs_page(limit, cursor, since, until)
    filters: dict[str, object] = {"since": since, "until": until}
    return _page(_RUNS.dump_json(page.items), "runs", limit, page.next_cursor, filters)


@router.get("/runs/{activity_id}", response_model=StoredActivity, responses=_errors(404))
def run(activity_id: str, api: Api) -> Response:
    """One activity with its per-km splits."""
    return _json(api.diary.run(activity_id).model_dump_json().encode())


@router.post(
    "/runs",
    status_code=201,
    response_model=StoredActivity,
    dependencies=JSON_BODY,
    responses=_errors(400, 404, 415),
)
def add_run(body: ManualRun, api: Api) -> Response:
    """Add a run typed in by hand (404 when ``shoe_id`` names no shoes)."""
    stored = api.diary.add_run(body)
    return _json(
        stored.model_dump_json().encode(), 201, {"Location": f"{router.prefix}/runs/{stored.id}"}
    )


@router.put(
    "/runs/{activity_id}/details",
    response_model=StoredActivity,
    dependencies=JSON_BODY,
    responses=_errors(400, 404, 415),
)
def update_run(activity_id: str, body: RunDetails, api: Api) -> Response:
    """Set a run's shoes, surface, route, session type and notes (404 when the run or the
    shoes named do not exist)."""
    return _json(api.diary.update_run(activity_id, body).model_dump_json().encode())


@router.delete("/runs/{activity_id}", status_code=204, responses=_errors(404))
def delete_run(activity_id: str, api: Api) -> Response:
    """Delete an activity and its per-km splits."""
    api.diary.delete_run(activity_id)
    return Response(status_code=204)


@router.get("/pain", response_model=list[StoredPain], responses=_PAGED)
def pain(api: Api, limit: paging.Limit = 50, cursor: paging.Cursor = None) -> Response:
    """Pain entries, newest day first, ``limit`` at a time (next page as for runs)."""
    page = api.diary.pain_page(limit, cursor)
    return _page(_PAIN.dump_json(page.items), "pain", limit, page.next_cursor)


@router.post(
    "/pain",
    status_code=201,
    response_model=StoredPain,
    dependencies=JSON_BODY,
    responses=_errors(400, 415),
)
def add_pain(body: PainEntry, api: Api) -> Response:
    """Log a day's knee pain."""
    return _json(api.diary.add_pain(body).model_dump_json().encode(), 201)


@router.delete("/pain/{entry_id}", status_code=204, responses=_errors(404))
def delete_pain(entry_id: str, api: Api) -> Response:
    """Delete a pain entry."""
    api.diary.delete_pain(entry_id)
    return Response(status_code=204)


@router.get("/shoes", response_model=list[StoredShoe], responses=_PAGED)
def shoes(api: Api, limit: paging.Limit = 50, cursor: paging.Cursor = None) -> Response:
    """Pairs of shoes, newest first, ``limit`` at a time (their km are in the report; next page
    as for runs)."""
    page = api.diary.shoes_page(limit, cursor)
    return _page(_SHOES.dump_json(page.items), "shoes", limit, page.next_cursor)


@router.post(
    "/shoes",
    status_code=201,
    response_model=StoredShoe,
    dependencies=JSON_BODY,
    responses=_errors(400, 415),
)
def add_shoe(body: Shoe, api: Api) -> Response:
    """Add a pair of shoes."""
    return _json(api.diary.add_shoe(body).model_dump_json().encode(), 201)


@router.delete("/shoes/{shoe_id}", status_code=204, responses=_errors(404))
def delete_shoe(shoe_id: str, api: Api) -> Response:
    """Delete a pair; runs that wore them stay, without shoes."""
    api.diary.delete_shoe(shoe_id)
    return Response(status_code=204)


@router.post(
    "/import",
    response_model=ImportReport,
    responses={202: {"model": diary_jobs.DiaryImportStatus}, **_errors(400, 409, 413)},
)
async def import_file(
    request: Request,
    api: Api,
    name: Annotated[str, Query(min_length=1, max_length=200)],
    background: Annotated[
        bool,
        Query(description="Answer 202 at once with a job to follow (for large exports)."),
    ] = False,
) -> Response:
    """Import one FIT, GPX or TCX file (gzipped or not) or a zip export, sent as the body."""
    data = await request.body()
    if background:
        job = import_jobs(request.app).start(api.diary, name, data)
        location = f"{PREFIX}/diary/import/jobs/{job.id}"
        return _json(job.model_dump_json().encode(), 202, headers={"Location": location})
    report = await run_in_threadpool(api.diary.import_upload, name, data)
    return _json(report.model_dump_json().encode())


@router.get(
    "/import/jobs/{job_id}", response_model=diary_jobs.DiaryImportStatus, responses=_errors(404)
)
def import_job(request: Request, job_id: str) -> Response:
    """Where a background import stands; once done, ``report`` says what it did."""
    return _json(import_jobs(request.app).status(job_id).model_dump_json().encode())


def install(app: FastAPI) -> None:
    """Register the diary's JSON routes on ``app``."""
    app.include_router(router)
