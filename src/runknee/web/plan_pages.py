"""Pages for following a plan and for the exercise library.

* ``POST /assessments/{id}/plans`` starts a plan from a saved result;
* ``/plans/{id}`` opens on today's session: the current phase's exercises with their dose in
  large figures, next-morning pain still to give, and the log form;
* ``/plans/{id}/full`` is the rest of the plan: what to do now, the programme, the return to
  running, prevention and the sessions by date with their pain chart (``/print`` for paper);
* ``POST /plans/{id}/sessions``, ``/running`` and ``/resume`` change it and redirect back;
  editing and deleting a session are in :mod:`runknee.web.plan_session_pages`;
* ``/exercises``, ``/exercises/{id}`` and ``/exercises/{id}.svg`` are the library.

Like the other pages: no inline scripts or styles, forms POST then redirect (303), every form
carries the CSRF token.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from runknee.api import DECISION_TITLES, TREND_TITLES
from runknee.errors import CaseInputError, ConflictError, NotFoundError
from runknee.i18n import N_, _
from runknee.web import plan_views, views
from runknee.web.charts import PainPoint, pain_chart
from runknee.web.forms import whole_number
from runknee.web.pages import TEMPLATES, error_page, render, see_other
from runknee.web.pages import facade as _api
from runknee.web.plan_forms import form_field, session_form
from runknee.web.security import verify_csrf

TEMPLATES.globals.update(
    decision_titles=views.Translated(DECISION_TITLES),
    category_names=plan_views.CATEGORY_NAMES,
    trend_titles=views.Translated(TREND_TITLES),
)


CONFLICT_MESSAGE = N_(
    "Another session was logged to this plan at the same moment, so this one was not saved. "
    "Check the plan below, then press Log this session again."
)


def _plan_missing(request: Request) -> HTMLResponse:
    return error_page(
        request, 404, _("Plan not found"), _("It may have been deleted, or the link is wrong.")
    )


# --- Starting and viewing a plan ---------------------------------------------------------------


def start_plan(
    request: Request,
    assessment_id: str,
    morning_pain: str = Form("0"),
    csrf_token: str = Form(""),
) -> Response:
    """Start following the plan of a saved result, then show it."""
    verify_csrf(request, csrf_token)
    pain = whole_number(morning_pain, 0, 10)
    if pain is None:
        message = _("Enter your usual pain on waking as a whole number from 0 to 10.")
        return error_page(request, 422, _("Something in the form was not right"), message)
    try:
        plan = _api(request).start_plan(assessment_id, pain)
    except NotFoundError:
        return error_page(request, 404, _("Assessment not found"), _("It may have been deleted."))
    except CaseInputError as exc:
        title = _("Something in the form was not right")
        return error_page(request, 422, title, str(exc.errors[0]))
    return see_other(f"/plans/{plan.id}")


def plans_page(request: Request) -> HTMLResponse:
    """Every plan being followed, newest first."""
    return render(request, "plans.html", nav="plans", plans=_api(request).list_plans())


def plan_page(
    request: Request,
    plan_id: str,
    logged: int = Query(0),
    edited: int = Query(0),
    deleted: int = Query(0),
    print_view: int = Query(0, alias="print"),
) -> HTMLResponse:
    """Today's session of a plan, with the decision for a just-logged session on top (a plan
    for until the runner is seen has nothing to log: it shows in full)."""
    if print_view:
        return _plan(request, plan_id, printing=True)
    flags = {"edited": bool(edited), "deleted": bool(deleted)}
    return _plan(request, plan_id, logged=logged, template="plan_today.html", extra=flags)


def plan_full(request: Request, plan_id: str) -> HTMLResponse:
    """The whole plan: advice, warning signs, phases, running, prevention, sessions by date."""
    return _plan(request, plan_id)


def plan_print(request: Request, plan_id: str) -> HTMLResponse:
    """The print view of a plan: everything open, no forms."""
    return _plan(request, plan_id, printing=True)


def _plan(
    request: Request,
    plan_id: str,
    printing: bool = False,
    logged: int = 0,
    errors: list[tuple[str, str]] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
    template: str = "plan.html",
    extra: dict[str, Any] | None = None,
) -> HTMLResponse:
    api = _api(request)
    try:
        overview = api.plan_overview(plan_id)
    except NotFoundError:
        return _plan_missing(request)
    if overview.plan.state is None:
        template = "plan.html"  # nothing to log until seen: the plan itself is today's page
    care = overview.plan.plan
    # A plan for until the runner is seen has no pain rule; its log (if any) uses the library's.
    rule = care.pain_rule or api.pain_rule()
    sessions = overview.sessions
    points = [
        PainPoint(
            s.number,
            s.session.pain_during_0_10,
            s.session.pain_after_0_10,
            s.session.pain_next_morning_0_10,
        )
        for s in sessions
    ]
    wanted = {
        e.id for phase in (care.programme.phases if care.programme else []) for e in phase.exercises
    }
    today = api.plan_today()
    return render(
        request,
        template,
        status=status,
        nav="plans",
        printing=printing,
        today=today,
        today_sessions=[s for s in sessions if s.on == today],
        pending=plan_views.pending_mornings(sessions, today),
        rest_note=plan_views.rest_note(overview, today),
        **(extra or {}),
        overview=overview,
        stored=overview.plan,
        care=care,
        state=overview.plan.state,
        just_logged=next((s for s in sessions if s.number == logged), None),
        chart=pain_chart(points, rule.ok_max_0_10, rule.acceptable_max_0_10),
        exercises={e.id: e for e in api.exercises() if e.id in wanted},
        symptoms=plan_views.symptom_choices(api),
        verdict_words=lambda verdict: plan_views.verdict_words(verdict, rule),
        level_label=lambda level: plan_views.level_label(api, level),
        sources={s.id: s for s in api.sources()},
        form_cues=api.form.plan_cues(),
        errors=errors or [],
        field_errors=dict(errors or []),
        values=values or {},
    )


# --- Changing a plan ---------------------------------------------------------------------------


def log_session(
    request: Request,
    plan_id: str,
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
    """Log one dated session; redirect to today's page with the decision shown, or show what
    was wrong."""
    verify_csrf(request, csrf_token)
    values, errors, session = session_form(
        kind, exercises, pain_during, pain_after, pain_next_morning, symptoms, exit_criteria_met, on
    )
    if errors:
        return _today(request, plan_id, errors, values, 422)
    try:
        stored = _api(request).log_session(plan_id, session)
    except NotFoundError:
        return _plan_missing(request)
    except CaseInputError as exc:
        found = [(form_field(e.field), e.message) for e in exc.errors]
        return _today(request, plan_id, found, values, 422)
    except ConflictError:
        response = _today(request, plan_id, [("plan", _(CONFLICT_MESSAGE))], values, 409)
        response.headers["Retry-After"] = "1"
        return response
    return see_other(f"/plans/{plan_id}?logged={stored.number}#decision")


def _today(
    request: Request,
    plan_id: str,
    errors: list[tuple[str, str]],
    values: dict[str, Any],
    status: int,
) -> HTMLResponse:
    return _plan(
        request, plan_id, errors=errors, values=values, status=status, template="plan_today.html"
    )


def start_running(
    request: Request,
    plan_id: str,
    met: Annotated[list[str] | None, Form()] = None,
    csrf_token: str = Form(""),
) -> Response:
    """Begin the walk-run stages when every start check is ticked."""
    verify_csrf(request, csrf_token)
    try:
        _api(request).start_running(plan_id, dict.fromkeys(met or [], True))
    except NotFoundError:
        return _plan_missing(request)
    except CaseInputError as exc:
        errors = [("running", _sentence(e.message)) for e in exc.errors]
        return _plan(request, plan_id, errors=errors, status=422)
    return see_other(f"/plans/{plan_id}/full#running-title")


def resume_plan(request: Request, plan_id: str, csrf_token: str = Form("")) -> Response:
    """Carry on after a pause, once a professional has seen the runner."""
    verify_csrf(request, csrf_token)
    try:
        _api(request).resume_plan(plan_id)
    except NotFoundError:
        return _plan_missing(request)
    except CaseInputError as exc:
        return _plan(
            request, plan_id, errors=[("plan", _sentence(exc.errors[0].message))], status=422
        )
    return see_other(f"/plans/{plan_id}")


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


# --- Exports of a saved result (FHIR bundle, PDF) -----------------------------------------------


def assessment_fhir(request: Request, assessment_id: str) -> Response:
    """Download a saved result and its plan as a FHIR R4 Bundle (JSON)."""
    try:
        bundle = _api(request).fhir_bundle_for(assessment_id)
    except NotFoundError:
        return error_page(request, 404, _("Assessment not found"), _("It may have been deleted."))
    body = json.dumps(bundle, indent=2, ensure_ascii=False).encode()
    name = f"runknee-{assessment_id[:8]}.fhir.json"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="application/fhir+json", headers=disposition)


def assessment_pdf(request: Request, assessment_id: str) -> Response:
    """Download a printable PDF of a saved result and its plan."""
    try:
        data = _api(request).summary_pdf_for(assessment_id)
    except NotFoundError:
        return error_page(request, 404, _("Assessment not found"), _("It may have been deleted."))
    name = f"runknee-{assessment_id[:8]}.pdf"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/pdf", headers=disposition)


# --- The exercise library ----------------------------------------------------------------------


async def exercises_page(request: Request) -> HTMLResponse:
    """Every exercise, grouped by what it trains."""
    groups: dict[str, list[Any]] = {}
    for exercise in _api(request).exercises():
        groups.setdefault(exercise.category, []).append(exercise)
    ordered = [(c, groups[c]) for c in plan_views.CATEGORY_NAMES if c in groups]
    return render(request, "exercises.html", nav="exercises", groups=ordered)


async def exercise_page(request: Request, exercise_id: str) -> HTMLResponse:
    """One exercise in full: illustration, steps, dose, easier and harder, when not to."""
    api = _api(request)
    try:
        exercise = api.exercise(exercise_id)
    except NotFoundError:
        return error_page(request, 404, _("Exercise not found"), _("There is no such exercise."))
    conditions = {c.id: c.lay_name for c in api.conditions()}
    return render(
        request,
        "exercise.html",
        nav="exercises",
        exercise=exercise,
        conditions=[(c, conditions[c]) for c in exercise.conditions if c in conditions],
        sources={s.id: s for s in api.sources()},
    )


async def exercise_svg(request: Request, exercise_id: str) -> Response:
    """An exercise's stick-figure illustration (SVG, cached for a day)."""
    try:
        svg = _api(request).exercise_svg(exercise_id)
    except NotFoundError:
        return error_page(request, 404, _("Exercise not found"), _("There is no such exercise."))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


def install(app: FastAPI) -> None:
    """Register the plan and exercise pages on ``app``."""
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    raw: dict[str, Any] = {"include_in_schema": False}
    route = app.add_api_route
    route("/assessments/{assessment_id}/plans", start_plan, methods=["POST"], **html)
    route("/assessments/{assessment_id}/fhir.json", assessment_fhir, methods=["GET"], **raw)
    route("/assessments/{assessment_id}/summary.pdf", assessment_pdf, methods=["GET"], **raw)
    route("/plans", plans_page, methods=["GET"], **html)
    route("/plans/{plan_id}", plan_page, methods=["GET"], **html)
    route("/plans/{plan_id}/full", plan_full, methods=["GET"], **html)
    route("/plans/{plan_id}/print", plan_print, methods=["GET"], **html)
    route("/plans/{plan_id}/sessions", log_session, methods=["POST"], **html)
    route("/plans/{plan_id}/running", start_running, methods=["POST"], **html)
    route("/plans/{plan_id}/resume", resume_plan, methods=["POST"], **html)
    route("/exercises", exercises_page, methods=["GET"], **html)
    route("/exercises/{exercise_id}.svg", exercise_svg, methods=["GET"], **raw)
    route("/exercises/{exercise_id}", exercise_page, methods=["GET"], **html)
