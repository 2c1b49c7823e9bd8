"""The plans' JSON API under /api/v1/plans: a plan's overview and its dated sessions (log, edit,
preview a deletion, delete). Every change replays the plan from its start (docs/plans.md)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import Response
from pydantic import TypeAdapter

from runknee.api import (
    PlanOverview,
    SessionChanges,
    SessionDeletion,
    SessionInput,
    StoredSession,
)
from runknee.web import paging
from runknee.web.api_routes import JSON_BODY, PREFIX, Api, _errors, _json
from runknee.web.strict_json import StrictJSONRoute

router = APIRouter(prefix=f"{PREFIX}/plans", tags=["plans"], route_class=StrictJSONRoute)
_SESSIONS = TypeAdapter(list[StoredSession])


@router.get("/{plan_id}", response_model=PlanOverview, responses=_errors(404))
def overview(plan_id: str, api: Api) -> Response:
    """Where the runner is: phase, stage, next steps, every session (by date) and the trend."""
    return _json(api.plan_overview(plan_id).model_dump_json().encode())


@router.get(
    "/{plan_id}/sessions",
    response_model=list[StoredSession],
    responses={**_errors(404), 200: {"headers": paging.PAGE_HEADERS}},
)
def sessions(
    plan_id: str, api: Api, limit: paging.Limit = 50, cursor: paging.Cursor = None
) -> Response:
    """Logged sessions in date order, ``limit`` at a time, with their decisions and reasons;
    the ``Link`` header (rel="next") and ``X-Next-Cursor`` give the next page."""
    items, next_cursor = api.plan_timeline_page(plan_id, limit, cursor)
    path = f"{PREFIX}/plans/{plan_id}/sessions"
    headers = paging.next_headers(path, limit, next_cursor)
    return _json(_SESSIONS.dump_json(items), headers=headers)


@router.post(
    "/{plan_id}/sessions",
    status_code=201,
    response_model=StoredSession,
    dependencies=JSON_BODY,
    responses=_errors(400, 404, 409, 415),
)
def log_session(plan_id: str, session: SessionInput, api: Api) -> Response:
    """Log a dated session (``on`` defaults to today); the plan is replayed in date order."""
    stored = api.log_session(plan_id, session)
    location = f"{PREFIX}/plans/{plan_id}/sessions/{stored.id}"
    return _json(stored.model_dump_json().encode(), 201, {"Location": location})


@router.patch(
    "/{plan_id}/sessions/{session_id}",
    response_model=StoredSession,
    dependencies=JSON_BODY,
    responses=_errors(400, 404, 409, 415),
)
def edit_session(plan_id: str, session_id: str, changes: SessionChanges, api: Api) -> Response:
    """Change the fields given (e.g. next-morning pain the next day); the plan is replayed."""
    return _json(api.edit_plan_session(plan_id, session_id, changes).model_dump_json().encode())


@router.get(
    "/{plan_id}/sessions/{session_id}/deletion",
    response_model=SessionDeletion,
    responses=_errors(404),
)
def deletion_preview(plan_id: str, session_id: str, api: Api) -> Response:
    """What deleting this session would change, without deleting it (ask the runner first)."""
    return _json(api.plan_session_deletion(plan_id, session_id).model_dump_json().encode())


@router.delete(
    "/{plan_id}/sessions/{session_id}",
    response_model=SessionDeletion,
    responses=_errors(404, 409),
)
def delete_session(plan_id: str, session_id: str, api: Api) -> Response:
    """Delete a session; the plan is replayed without it. Answers what changed."""
    return _json(api.delete_plan_session(plan_id, session_id).model_dump_json().encode())


def install(app: FastAPI) -> None:
    """Register the plan JSON routes on ``app``."""
    app.include_router(router)
