"""JSON API under /api/v1: the same data as the pages, straight from :class:`runknee.api.Runknee`.

Successful answers are the models themselves (as the CLI's ``--json`` prints them); every
failure uses the one error shape of :mod:`runknee.web.errors`. POST bodies must be JSON.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, TypeAdapter

from runknee.api import (
    AssessmentResult,
    Case,
    Condition,
    Finding,
    NextQuestion,
    Runknee,
    Source,
    StoredAssessment,
    StoredDraft,
    StoredPlan,
    StoredSession,
)
from runknee.api import form_checks as form_api
from runknee.web import errors, export_stream, paging
from runknee.web.security import require_json
from runknee.web.strict_json import StrictJSONRoute

PREFIX = "/api/v1"


class FieldErrorBody(BaseModel):
    """One problem, located by a dotted field path (or a name such as ``path`` or ``body``)."""

    field: str
    message: str


class ErrorBody(BaseModel):
    """The one error shape every failing request gets."""

    ok: bool = False
    errors: list[FieldErrorBody]
    status: int = Field(description="The HTTP status code, repeated.")


class Health(BaseModel):
    """The server is up; which knowledge base it serves."""

    ok: bool = True
    knowledge_version: str


class ExportedPlan(StoredPlan):
    """A plan being followed, with every session logged against it (oldest first)."""

    sessions: list[StoredSession]


class ExportData(BaseModel):
    """Everything runknee stores about the user."""

    format: str = "runknee-export"
    format_version: int
    exported_at: str = Field(description="ISO 8601, UTC.")
    knowledge_version: str = Field(description="Knowledge base of the server that exported.")
    assessments: list[StoredAssessment] = Field(description="Oldest first.")
    plans: list[ExportedPlan] = Field(
        default_factory=list, description="Plans being followed, with their sessions; oldest first."
    )
    drafts: list[StoredDraft] = Field(
        default_factory=list,
        description="Unfinished interviews (the answers so far); oldest first. Drafts unchanged "
        "for 7 days are deleted when a new interview starts.",
    )
    diary: dict[str, Any] = Field(
        default_factory=dict,
        description="The diary: shoes, activities (each with its per-km splits and local "
        "date), imported files (by SHA-256) and pain entries.",
    )
    form_checks: list[form_api.ExportedFormCheck] = Field(
        default_factory=list,
        description="Running-form checks (metrics, and the videos the runner kept, base64); "
        "oldest first.",
    )


class Erased(BaseModel):
    """How many saved assessments were deleted (their plans and sessions, and every unfinished
    interview draft, went with them)."""

    ok: bool = True
    deleted: int


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in (*statuses, 422)}


def _json(data: bytes, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(data, status_code, headers=headers, media_type="application/json")


async def _api(request: Request) -> Runknee:
    # async: a sync dependency takes a worker thread, and the health check must answer even
    # when every worker thread waits for a held database lock.
    runknee: Runknee = request.app.state.runknee
    return runknee


Api = Annotated[Runknee, Depends(_api)]
JSON_BODY = [Depends(require_json)]
_CONDITIONS = TypeAdapter(list[Condition])
_FINDINGS = TypeAdapter(list[Finding])
_SOURCES = TypeAdapter(list[Source])
_STORED = TypeAdapter(list[StoredAssessment])

router = APIRouter(prefix=PREFIX, tags=["api"], route_class=StrictJSONRoute)


@router.get("/health", response_model=Health, responses=_errors())
async def health(api: Api) -> Response:
    """Liveness, with the knowledge-base version."""
    return _json(Health(knowledge_version=api.knowledge_version).model_dump_json().encode())


@router.post(
    "/assess", response_model=AssessmentResult, dependencies=JSON_BODY, responses=_errors(400, 415)
)
async def assess(case: Case, api: Api) -> Response:
    """Assess a case: urgency first, then red flags, likely conditions and what to change."""
    return _json(api.assess(case).model_dump_json().encode())


@router.post(
    "/interview/next",
    response_model=NextQuestion,
    dependencies=JSON_BODY,
    responses=_errors(400, 415),
)
async def interview_next(case: Case, api: Api) -> Response:
    """The next interview question for a partial case, why it is asked, and whether to stop."""
    return _json(api.next_question(case).model_dump_json().encode())


@router.get("/conditions", response_model=list[Condition], responses=_errors())
async def conditions(api: Api) -> Response:
    """Every condition runknee knows."""
    return _json(_CONDITIONS.dump_json(api.conditions()))


@router.get("/conditions/{condition_id}", response_model=Condition, responses=_errors(404))
async def condition(condition_id: str, api: Api) -> Response:
    """One condition in full."""
    return _json(api.condition(condition_id).model_dump_json().encode())


@router.get("/findings", response_model=list[Finding], responses=_errors())
async def findings(api: Api) -> Response:
    """Every finding id with its question: the vocabulary of a case."""
    return _json(_FINDINGS.dump_json(api.findings()))


@router.get("/sources", response_model=list[Source], responses=_errors())
async def sources(api: Api) -> Response:
    """The bibliography every clinical statement cites."""
    return _json(_SOURCES.dump_json(api.sources()))


@router.get(
    "/assessments",
    response_model=list[StoredAssessment],
    responses={**_errors(), 200: {"headers": paging.PAGE_HEADERS}},
)
def list_assessments(api: Api, limit: paging.Limit = 50, cursor: paging.Cursor = None) -> Response:
    """Saved assessments, newest first, ``limit`` at a time; the ``Link`` header (rel="next")
    and ``X-Next-Cursor`` give the next page while there is one."""
    page = api.assessments_page(limit, cursor)
    headers = paging.next_headers(f"{PREFIX}/assessments", limit, page.next_cursor)
    return _json(_STORED.dump_json(page.items), headers=headers)


@router.post(
    "/assessments",
    status_code=201,
    response_model=StoredAssessment,
    dependencies=JSON_BODY,
    responses=_errors(400, 415),
)
def save_assessment(case: Case, api: Api) -> Response:
    """Assess a case and save the case with its result."""
    stored = api.save_assessment(case)
    location = f"{PREFIX}/assessments/{stored.id}"
    return _json(stored.model_dump_json().encode(), 201, {"Location": location})


@router.get("/assessments/{assessment_id}", response_model=StoredAssessment, responses=_errors(404))
def get_assessment(assessment_id: str, api: Api) -> Response:
    """One saved assessment."""
    return _json(api.get_assessment(assessment_id).model_dump_json().encode())


@router.delete("/assessments/{assessment_id}", status_code=204, responses=_errors(404))
def delete_assessment(
    assessment_id: str,
    api: Api,
    keep_plan: bool = Query(
        False,
        description="Keep the plans built from it, with their logged sessions, without the "
        "assessment; by default they are deleted with it.",
    ),
) -> Response:
    """Delete one saved assessment (and its plans, unless ``keep_plan``)."""
    api.delete_assessment(assessment_id, keep_plan=keep_plan)
    return Response(status_code=204)


@router.get("/export", response_model=ExportData, responses=_errors())
def export(api: Api) -> Response:
    """All saved data as one JSON document (to keep, or to move to another machine), streamed."""
    return export_stream.export_response(api)


@router.delete("/data", response_model=Erased, responses=_errors())
def erase(api: Api) -> Response:
    """Erase every saved assessment, plan, logged session and unfinished interview."""
    return _json(Erased(deleted=api.erase_data()).model_dump_json().encode())


def install(app: FastAPI) -> None:
    """Register the JSON API routes and the error handlers on ``app``."""
    errors.install(app)
    app.include_router(router)
