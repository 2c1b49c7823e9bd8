"""Server-rendered pages: home, the interview, results, conditions and sources.

Everything works without JavaScript: forms POST and redirect (303) to GET pages, and the
interview's state travels in the page (see :mod:`runknee.web.interview_state`), so the server
keeps no session. Every form carries the double-submit CSRF token from
:mod:`runknee.web.security`. Templates and static files contain no inline scripts or styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from runknee.api import Runknee
from runknee.errors import NotFoundError
from runknee.web import interview_state as state
from runknee.web import views
from runknee.web.security import issue_csrf_token, verify_csrf

HERE = Path(__file__).parent
TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters.update(
    localtime=views.local_time,
    lower_first=views.lower_first,
    first_sentence=views.first_sentence,
)
TEMPLATES.globals.update(
    chance_words=views.chance_words,
    bar_width=views.bar_width,
    percent=views.percent,
    answer_words=views.answer_words,
    strength_words=views.STRENGTH_WORDS,
    stage_labels=views.STAGE_LABELS,
    source_label=views.source_label,
    source_link=views.source_link,
)


def _api(request: Request) -> Runknee:
    api: Runknee = request.app.state.runknee
    return api


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template into a response that carries a fresh CSRF token cookie."""
    probe = Response()
    token = issue_csrf_token(request, probe)
    html = TEMPLATES.get_template(name).render(request=request, csrf_token=token, **context)
    response = HTMLResponse(html, status_code=status)
    for value in probe.headers.getlist("set-cookie"):
        response.headers.append("set-cookie", value)
    return response


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    """A plain error page with a way back home."""
    return render(request, "error.html", status=status, title=title, message=message)


ERROR_TITLES = {
    403: "The form has expired",
    404: "Page not found",
    405: "That did not work",
    413: "Too much data",
    422: "Something in the form was not right",
}


def html_error_page(request: Request, status: int, errors: list[dict[str, str]]) -> Response:
    """The app-wide HTML error page (see ``runknee.web.errors``) for browsers."""
    message = "; ".join(error["message"] for error in errors) or "Something went wrong."
    if status == 403:
        message = "For your safety, forms only work from a page this app just showed you. " + (
            "Go back, reload the page and try again."
        )
    title = ERROR_TITLES.get(status, "Something went wrong")
    return error_page(request, status, title, message[:1].upper() + message[1:])


def bad_state(request: Request, problem: str) -> HTMLResponse:
    """The 400 page for a damaged or tampered interview link."""
    return error_page(
        request,
        400,
        "These answers could not be read",
        f"The link or form was damaged ({problem}). Your answers are not stored anywhere "
        "until you finish, so please start the questions again.",
    )


async def _bad_state_page(request: Request, exc: Exception) -> Response:
    """Exception handler: any damaged interview state becomes the 400 page, never a 500."""
    return bad_state(request, str(exc))


def see_other(url: str) -> RedirectResponse:
    """Redirect after a POST so that reloading the page does not post again."""
    return RedirectResponse(url, status_code=303)


# --- Home, conditions, sources -----------------------------------------------------------------


async def home(request: Request, deleted: int = 0) -> HTMLResponse:
    """What runknee does and does not do, the start button and past assessments."""
    return render(
        request,
        "home.html",
        assessments=_api(request).list_assessments(),
        deleted=bool(deleted),
    )


async def conditions_page(request: Request) -> HTMLResponse:
    """Every condition runknee knows about."""
    api = _api(request)
    items = sorted(api.conditions(), key=lambda c: c.lay_name.lower())
    return render(request, "conditions.html", conditions=items, levels=api.knowledge.urgency_levels)


async def condition_page(request: Request, condition_id: str) -> HTMLResponse:
    """One condition: what it is, the typical story, self-care, who to see, look-alikes."""
    api = _api(request)
    try:
        condition = api.condition(condition_id)
    except NotFoundError:
        return error_page(request, 404, "Condition not found", "There is no such condition.")
    sources = {s.id: s for s in api.sources()}
    return render(
        request,
        "condition.html",
        condition=condition,
        level=api.knowledge.urgency_levels[condition.default_urgency],
        names={c.id: c.lay_name for c in api.conditions()},
        sources=[sources[s] for s in condition.sources if s in sources],
    )


async def sources_page(request: Request) -> HTMLResponse:
    """The bibliography."""
    return render(request, "sources.html", sources=_api(request).sources())


# --- The interview ----------------------------------------------------------------------------


def _interview_context(api: Runknee, answers: dict[str, str | int]) -> dict[str, Any]:
    replayed = state.replay(api, answers)
    result = api.assess(replayed.case)
    return {
        "replay": replayed,
        "s": state.encode(answers),
        "rows": views.step_rows(api, replayed.steps),
        "result": result,
        "emergency": views.is_emergency(result),
        "flags": views.flag_views(api, replayed.case, result.red_flags),
    }


async def interview(request: Request, s: str = "") -> HTMLResponse:
    """The next unanswered question, or the 'all done' page when the engine stops."""
    api = _api(request)
    answers = state.decode(api, s)  # a damaged state is answered by _bad_state_page
    context = _interview_context(api, answers)
    replayed = context["replay"]
    if replayed.next.should_stop:
        return render(request, "finished.html", **context)
    return _question(request, api, context, replayed.next, current=None)


async def change(request: Request, s: str = "", q: str = "") -> HTMLResponse:
    """An earlier question again, with its current answer shown, to change it (or go back)."""
    api = _api(request)
    answers = state.decode(api, s)  # a damaged state is answered by _bad_state_page
    context = _interview_context(api, answers)
    steps = context["replay"].steps
    index = next((i for i, step in enumerate(steps) if step.question.id == q), None)
    if index is None:
        return bad_state(request, "that question has not been answered yet")
    return _question(request, api, context, steps[index].question, current=index)


def _question(
    request: Request,
    api: Runknee,
    context: dict[str, Any],
    question: Any,
    current: int | None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    steps = context["replay"].steps
    number = len(steps) + 1 if current is None else current + 1
    before = steps if current is None else steps[:current]
    back = before[-1] if before else None
    return render(
        request,
        "question.html",
        status=status,
        question=question,
        number=number,
        total=views.progress_total(api, number - 1),
        current_answer=None if current is None else steps[current].answer,
        back_id=None if back is None else back.question.id,
        error=error,
        **context,
    )


async def answer(
    request: Request,
    s: str = Form(""),
    q: str = Form(""),
    choice: str = Form(""),
    age: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    """Record one answer (new or changed) and redirect to the next question."""
    verify_csrf(request, csrf_token)
    api = _api(request)
    answers = state.decode(api, s)  # a damaged state is answered by _bad_state_page
    context = _interview_context(api, answers)
    replayed = context["replay"]
    asked = [step.question for step in replayed.steps]
    if not replayed.next.should_stop:
        asked.append(replayed.next)
    question = next((item for item in asked if item.id == q), None)
    if question is None or question.kind is None:
        return bad_state(request, "the answer was for a question that is not being asked")
    try:
        answers[q] = state.parse_answer(question.kind, choice, age)
    except ValueError as exc:
        current = next((i for i, item in enumerate(replayed.steps) if item.question.id == q), None)
        return _question(request, api, context, question, current, str(exc), status=422)
    return see_other(f"/interview?s={state.encode(answers)}")


# --- Saved assessments ------------------------------------------------------------------------


async def create_assessment(
    request: Request, s: str = Form(""), csrf_token: str = Form("")
) -> Response:
    """Save the interview's case and show its result."""
    verify_csrf(request, csrf_token)
    api = _api(request)
    answers = state.decode(api, s)  # a damaged state is answered by _bad_state_page
    replayed = state.replay(api, answers)
    if not replayed.steps:
        return see_other("/interview")
    stored = api.save_assessment(replayed.case)
    return see_other(f"/assessments/{stored.id}")


async def assessment_page(
    request: Request, assessment_id: str, print_view: int = Query(0, alias="print")
) -> HTMLResponse:
    """One saved result: urgency first, then the likely conditions and what to change."""
    return _result(request, assessment_id, printing=bool(print_view))


async def assessment_print(request: Request, assessment_id: str) -> HTMLResponse:
    """The print view of one saved result."""
    return _result(request, assessment_id, printing=True)


def _result(request: Request, assessment_id: str, printing: bool) -> HTMLResponse:
    api = _api(request)
    try:
        stored = api.get_assessment(assessment_id)
    except NotFoundError:
        return error_page(
            request, 404, "Assessment not found", "It may have been deleted, or the link is wrong."
        )
    result = stored.result
    sources = {s.id: s for s in api.sources()}
    return render(
        request,
        "result.html",
        stored=stored,
        result=result,
        printing=printing,
        emergency=views.is_emergency(result),
        flags=views.flag_views(api, stored.case, result.red_flags),
        reasons=lambda evidence: views.reasons(api, evidence),
        sources=sources,
        answers=views.case_rows(api, stored.case),
        urgency_reasons=views.urgency_reasons(api, result),
        condition_count=len(api.conditions()),
        open_flags=result.open_red_flags,
        plans=api.list_plans(stored.id),
    )


async def delete_assessment(
    request: Request, assessment_id: str, csrf_token: str = Form("")
) -> Response:
    """Delete one saved assessment for good."""
    verify_csrf(request, csrf_token)
    try:
        _api(request).delete_assessment(assessment_id)
    except NotFoundError:
        return error_page(request, 404, "Assessment not found", "It may already be deleted.")
    return see_other("/?deleted=1")


def install(app: FastAPI) -> None:
    """Register the HTML page routes and the static files on ``app``."""
    app.state.html_error_page = html_error_page
    app.add_exception_handler(state.BadState, _bad_state_page)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    app.add_api_route("/", home, methods=["GET"], **html)
    app.add_api_route("/conditions", conditions_page, methods=["GET"], **html)
    app.add_api_route("/conditions/{condition_id}", condition_page, methods=["GET"], **html)
    app.add_api_route("/sources", sources_page, methods=["GET"], **html)
    app.add_api_route("/interview", interview, methods=["GET"], **html)
    app.add_api_route("/interview/change", change, methods=["GET"], **html)
    app.add_api_route("/interview", answer, methods=["POST"], **html)
    app.add_api_route("/assessments", create_assessment, methods=["POST"], **html)
    app.add_api_route("/assessments/{assessment_id}", assessment_page, methods=["GET"], **html)
    app.add_api_route(
        "/assessments/{assessment_id}/print", assessment_print, methods=["GET"], **html
    )
    app.add_api_route(
        "/assessments/{assessment_id}/delete", delete_assessment, methods=["POST"], **html
    )
