"""The interview pages: one question per screen, answers kept in a server-side draft.

* ``POST /interview`` starts: it creates a draft in the user's database and redirects (303)
  to ``/interview/{draft_id}``. (``GET /interview`` goes to the home page and its start button.)
* ``GET /interview/{draft_id}`` shows the next unanswered question, or the "all done" page.
* ``POST /interview/{draft_id}`` records one answer (new or changed) and redirects back to
  ``GET /interview/{draft_id}`` (post/redirect/get).
* ``GET /interview/{draft_id}/change?q={question_id}`` shows an earlier question to change it;
  the Back link is the same page for the previous question.
* ``POST /interview/{draft_id}/finish`` saves the assessment and deletes the draft in one
  transaction, then redirects to the result.

Addresses carry the draft's random id and question ids only, never an answer. An unknown,
finished or erased draft gets a 404 page with a way to start again. Every form carries the
CSRF token; nothing needs JavaScript.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, Response

from runknee.api import Runknee
from runknee.engine.interview import NextQuestion
from runknee.errors import NotFoundError
from runknee.web import interview_state as state
from runknee.web import views
from runknee.web.pages import error_page, render, see_other
from runknee.web.security import verify_csrf


class DraftGone(LookupError):
    """The interview draft in the address does not exist (any more)."""


def _api(request: Request) -> Runknee:
    api: Runknee = request.app.state.runknee
    return api


def _answers(api: Runknee, draft_id: str) -> dict[str, str | int]:
    """The draft's answers, checked (raises :class:`DraftGone` or ``state.BadState``)."""
    try:
        draft = api.drafts.get(draft_id)
    except NotFoundError:
        raise DraftGone(draft_id) from None
    return state.check_answers(api, draft.answers)


async def _draft_gone_page(request: Request, exc: Exception) -> Response:
    """Exception handler: a missing draft is a 404 page with a way to start again."""
    return error_page(
        request,
        404,
        "These questions are no longer here",
        "The link may be wrong, or the answers were finished, erased or left unchanged for a "
        "week. If you just pressed “See my result”, your result is saved: find it under your "
        "past assessments on the home page. Otherwise, please start the questions again.",
    )


async def _bad_answers_page(request: Request, exc: Exception) -> Response:
    """Exception handler: answers that no longer fit the knowledge base, a 400 page."""
    return bad_answers(request, str(exc))


def bad_answers(request: Request, problem: str, draft_id: str | None = None) -> HTMLResponse:
    """The 400 page for answers that cannot be used (nothing stored is changed)."""
    return error_page(
        request,
        400,
        "These answers could not be used",
        f"Something did not fit ({problem}). Please go back to your questions, or start again.",
        draft_id=draft_id,
    )


def _context(api: Runknee, draft_id: str, answers: dict[str, str | int]) -> dict[str, Any]:
    replayed = state.replay(api, answers)
    result = api.assess(replayed.case)
    return {
        "draft_id": draft_id,
        "replay": replayed,
        "rows": views.step_rows(api, replayed.steps),
        "result": result,
        "emergency": views.is_emergency(result),
        "flags": views.flag_views(api, replayed.case, result.red_flags),
    }


async def start_redirect() -> Response:
    """``GET /interview``: starting creates a draft, which the home page's button does."""
    return see_other("/")


def start(request: Request, csrf_token: str = Form(""), discard: str = Form("")) -> Response:
    """Create a draft (deleting week-old drafts, and ``discard`` on 'Start again') and go to it."""
    verify_csrf(request, csrf_token)
    draft = _api(request).drafts.start(discard or None)
    return see_other(f"/interview/{draft.id}")


def interview(request: Request, draft_id: str) -> HTMLResponse:
    """The next unanswered question, or the 'all done' page when the engine stops."""
    api = _api(request)
    context = _context(api, draft_id, _answers(api, draft_id))
    replayed = context["replay"]
    if replayed.next.should_stop:
        return render(request, "finished.html", **context)
    return _question(request, api, context, replayed.next, current=None)


def change(request: Request, draft_id: str, q: str = "") -> Response:
    """An earlier question again, with its current answer shown, to change it (or go back)."""
    api = _api(request)
    context = _context(api, draft_id, _answers(api, draft_id))
    steps = context["replay"].steps
    index = next((i for i, step in enumerate(steps) if step.question.id == q), None)
    if index is None:  # not answered (yet): the next new question is the place to be
        return see_other(f"/interview/{draft_id}")
    return _question(request, api, context, steps[index].question, current=index)


def _question(
    request: Request,
    api: Runknee,
    context: dict[str, Any],
    question: NextQuestion,
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


def answer(
    request: Request,
    draft_id: str,
    q: str = Form(""),
    choice: str = Form(""),
    age: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    """Record one answer (new or changed) in the draft and redirect to the next question."""
    verify_csrf(request, csrf_token)
    api = _api(request)
    answers = _answers(api, draft_id)
    context = _context(api, draft_id, answers)
    replayed = context["replay"]
    asked = [step.question for step in replayed.steps]
    if not replayed.next.should_stop:
        asked.append(replayed.next)
    question = next((item for item in asked if item.id == q), None)
    if question is None or question.kind is None:
        return bad_answers(
            request, "the answer was for a question that is not being asked", draft_id
        )
    try:
        answers[q] = state.parse_answer(question.kind, choice, age)
    except ValueError as exc:  # the draft is left as it was: nothing is lost
        current = next((i for i, item in enumerate(replayed.steps) if item.question.id == q), None)
        return _question(request, api, context, question, current, str(exc), status=422)
    try:
        api.drafts.save_answers(draft_id, answers)
    except NotFoundError:  # erased while the question was on screen
        raise DraftGone(draft_id) from None
    return see_other(f"/interview/{draft_id}")


def finish(request: Request, draft_id: str, csrf_token: str = Form("")) -> Response:
    """Save the interview's case as an assessment, delete the draft, show the result."""
    verify_csrf(request, csrf_token)
    api = _api(request)
    replayed = state.replay(api, _answers(api, draft_id))
    if not replayed.steps:
        return see_other(f"/interview/{draft_id}")
    try:
        stored = api.drafts.finish(draft_id, replayed.case)
    except NotFoundError:  # finished in another tab a moment ago, or erased
        raise DraftGone(draft_id) from None
    return see_other(f"/assessments/{stored.id}")


def install(app: FastAPI) -> None:
    """Register the interview routes and their error pages on ``app``."""
    app.add_exception_handler(DraftGone, _draft_gone_page)
    app.add_exception_handler(state.BadState, _bad_answers_page)
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    route = app.add_api_route
    route("/interview", start_redirect, methods=["GET"], **html)
    route("/interview", start, methods=["POST"], **html)
    route("/interview/{draft_id}", interview, methods=["GET"], **html)
    route("/interview/{draft_id}", answer, methods=["POST"], **html)
    route("/interview/{draft_id}/change", change, methods=["GET"], **html)
    route("/interview/{draft_id}/finish", finish, methods=["POST"], **html)
