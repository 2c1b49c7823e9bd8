"""Changing a logged plan session from the web: edit it, add next-morning pain, delete it.

* ``/plans/{id}/sessions/{sid}/edit``: the session form filled in; POST saves and replays;
* ``POST /plans/{id}/sessions/{sid}/morning``: just the next-morning pain (the today page's
  small form);
* ``/plans/{id}/sessions/{sid}/delete``: a confirm page (no JavaScript) that says what would
  change in the plan; POST deletes and replays.

Every change redirects (303) to today's page with what the plan decided.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, Response

from runknee.api import Runknee, StoredSession
from runknee.errors import CaseInputError, ConflictError, NotFoundError
from runknee.i18n import N_, _
from runknee.web import plan_views
from runknee.web.forms import whole_number
from runknee.web.pages import error_page, render, see_other
from runknee.web.pages import facade as _api
from runknee.web.plan_forms import form_field, session_form
from runknee.web.security import verify_csrf

EDIT_CONFLICT_MESSAGE = N_(
    "The plan changed at the same moment (another session was logged or changed), so this "
    "change was not saved. Check the session below, then press Save the changes again."
)


def _missing(request: Request) -> HTMLResponse:
    message = _("It may have been deleted, or the link is wrong.")
    return error_page(request, 404, _("Session not found"), message)


def _find(api: Runknee, plan_id: str, session_id: str) -> StoredSession:
    for item in api.plan_timeline(plan_id):
        if item.id == session_id:
            return item
    raise NotFoundError("session", session_id)


def _values(api: Runknee, item: StoredSession) -> dict[str, Any]:
    """A stored session as the form's values."""
    logged = item.session
    morning = logged.pain_next_morning_0_10
    symptoms = set(logged.new_symptoms)
    ticked = [
        choice.value
        for choice in plan_views.symptom_choices(api)
        if set(choice.value.split(",")) <= symptoms
    ]
    return {
        "on": item.on.isoformat(),
        "kind": item.kind,
        "exercises": list(logged.exercises_done),
        "pain_during": str(logged.pain_during_0_10),
        "pain_after": str(logged.pain_after_0_10),
        "pain_next_morning": "" if morning is None else str(morning),
        "symptoms": ticked,
        "exit_criteria_met": logged.exit_criteria_met,
    }


def edit_page(
    request: Request,
    plan_id: str,
    session_id: str,
    errors: list[tuple[str, str]] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The session form, filled in with what was logged."""
    api = _api(request)
    try:
        overview = api.plan_overview(plan_id)
        item = _find(api, plan_id, session_id)
    except NotFoundError:
        return _missing(request)
    shown = {ref.id for ref in overview.phase.exercises} if overview.phase else set()
    names = {exercise.id: exercise.name for exercise in api.exercises()}
    # Exercises from another phase that this session logged stay ticked and are kept on saving.
    extra = [
        {"id": e, "name": names.get(e, e)} for e in item.session.exercises_done if e not in shown
    ]
    return render(
        request,
        "plan_session_edit.html",
        extra=extra,
        status=status,
        nav="plans",
        stored=overview.plan,
        overview=overview,
        item=item,
        today=api.plan_today(),
        symptoms=plan_views.symptom_choices(api),
        values=values if values is not None else _values(api, item),
        errors=errors or [],
        field_errors=dict(errors or []),
    )


def save_edit(
    request: Request,
    plan_id: str,
    session_id: str,
    kind: str = Form(""),
    exercises: Annotated[list[str] | None, Form()] = None,
    pain_during: str = Form(""),
    pain_after: str = Form(""),
    pain_next_morning: str = Form(""),
    symptoms: Annotated[list[str] | None, Form()] = None,
    exit_criteria_met: str = Form(""),
    on: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    """Save the changed session, replay the plan and show what it decided."""
    verify_csrf(request, csrf_token)
    values, errors, session = session_form(
        kind, exercises, pain_during, pain_after, pain_next_morning, symptoms, exit_criteria_met, on
    )
    if errors:
        return edit_page(request, plan_id, session_id, errors, values, 422)
    if session["on"] is None:
        del session["on"]  # an emptied date keeps the session's own
    return _change(request, plan_id, session_id, session, values)


def save_morning(
    request: Request,
    plan_id: str,
    session_id: str,
    pain_next_morning: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    """Add the next-morning pain to a session logged earlier."""
    verify_csrf(request, csrf_token)
    pain = whole_number(pain_next_morning, 0, 10)
    if pain is None:
        errors = [("pain_next_morning", _("Enter the pain the next morning as 0 to 10."))]
        return edit_page(request, plan_id, session_id, errors, None, 422)
    changes = {"pain_next_morning_0_10": pain}
    return _change(request, plan_id, session_id, changes, None)


def _change(
    request: Request,
    plan_id: str,
    session_id: str,
    changes: dict[str, Any],
    values: dict[str, Any] | None,
) -> Response:
    try:
        stored = _api(request).edit_plan_session(plan_id, session_id, changes)
    except NotFoundError:
        return _missing(request)
    except CaseInputError as exc:
        found = [(form_field(e.field), e.message) for e in exc.errors]
        return edit_page(request, plan_id, session_id, found, values, 422)
    except ConflictError:
        again = [("plan", _(EDIT_CONFLICT_MESSAGE))]
        response = edit_page(request, plan_id, session_id, again, values, 409)
        response.headers["Retry-After"] = "1"
        return response
    return see_other(f"/plans/{plan_id}?logged={stored.number}&edited=1#decision")


def delete_page(request: Request, plan_id: str, session_id: str) -> HTMLResponse:
    """Ask first, saying what deleting the session would change in the plan."""
    api = _api(request)
    try:
        preview = api.plan_session_deletion(plan_id, session_id)
        plan = api.get_plan(plan_id)
    except (NotFoundError, CaseInputError):
        return _missing(request)
    return render(request, "plan_session_delete.html", nav="plans", stored=plan, preview=preview)


def delete_session(
    request: Request, plan_id: str, session_id: str, csrf_token: str = Form("")
) -> Response:
    """Delete the session and replay the plan without it."""
    verify_csrf(request, csrf_token)
    try:
        _api(request).delete_plan_session(plan_id, session_id)
    except (NotFoundError, CaseInputError):
        return _missing(request)
    except ConflictError:
        message = _("The plan changed at the same moment; nothing was deleted. Try again.")
        return error_page(request, 409, _("Not deleted"), message)
    return see_other(f"/plans/{plan_id}?deleted=1")


def install(app: FastAPI) -> None:
    """Register the session edit, morning and delete pages on ``app``."""
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    route = app.add_api_route
    base = "/plans/{plan_id}/sessions/{session_id}"
    route(f"{base}/edit", edit_page, methods=["GET"], **html)
    route(f"{base}/edit", save_edit, methods=["POST"], **html)
    route(f"{base}/morning", save_morning, methods=["POST"], **html)
    route(f"{base}/delete", delete_page, methods=["GET"], **html)
    route(f"{base}/delete", delete_session, methods=["POST"], **html)
