"""The interview pages: one question per screen, answers kept in a server-side draft.

* ``POST /interview`` starts: it creates a draft in the user's database and redirects (303)
  to ``/interview/{draft_id}``. (``GET /interview`` goes to the home page and its start button.)
* ``GET /interview/{draft_id}`` shows the next unanswered question, or the "all done" page.
* ``POST /interview/{draft_id}`` records one answer (new or changed) and redirects back to
  ``GET /interview/{draft_id}`` (post/redirect/get).
* ``GET /interview/{draft_id}/change?q={question_id}`` shows an earlier question to change it;
  the Back link is the same page for the previous question.
* ``GET /interview/{draft_id}/more?q={question_id}`` shows an optional question from the
  "tell us more" list once the interview has stopped.
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

from runknee.api import Interview, InterviewStateError, NextQuestion, Runknee
from runknee.errors import CaseInputError, NotFoundError
from runknee.i18n import _, say
from runknee.web import views
from runknee.web.pages import error_page, render, see_other
from runknee.web.pages import facade as _api
from runknee.web.security import verify_csrf


class DraftGone(LookupError):
    """The interview draft in the address does not exist (any more)."""


def _interview(api: Runknee, draft_id: str) -> Interview:
    """The stored interview (raises :class:`DraftGone` or ``InterviewStateError``)."""
    try:
        return api.interviews.get(draft_id)
    except NotFoundError:
        raise DraftGone(draft_id) from None


async def _draft_gone_page(request: Request, exc: Exception) -> Response:
    """Exception handler: a missing draft is a 404 page with a way to start again."""
    return error_page(
        request,
        404,
        _("These questions are no longer here"),
        _(
            "The link may be wrong, or the answers were finished, erased or left unchanged for a "
            "week. If you just pressed “See my result”, your result is saved: find it under your "
            "past assessments on the home page. Otherwise, please start the questions again."
        ),
    )


async def _bad_answers_page(request: Request, exc: Exception) -> Response:
    """Exception handler: answers that no longer fit the knowledge base, a 400 page."""
    return bad_answers(request, str(exc))


def bad_answers(request: Request, problem: str, draft_id: str | None = None) -> HTMLResponse:
    """The 400 page for answers that cannot be used (nothing stored is changed)."""
    return error_page(
        request,
        400,
        _("These answers could not be used"),
        _("Something did not fit (%(problem)s). Please go back to your questions, or start again.")
        % {"problem": problem},
        draft_id=draft_id,
    )


def _context(api: Runknee, draft_id: str, interview: Interview) -> dict[str, Any]:
    result = api.assess(interview.case)
    prompt = interview.current()
    return {
        "draft_id": draft_id,
        "interview": interview,
        "prompt": prompt,
        "rows": views.step_rows(interview.steps()),
        "more": views.more_groups(api, prompt.question.more_questions),
        "result": result,
        "emergency": views.is_emergency(result),
        "flags": views.flag_views(api, interview.case, result.red_flags),
    }


async def start_redirect() -> Response:
    """``GET /interview``: starting creates a draft, which the home page's button does."""
    return see_other("/")


def start(request: Request, csrf_token: str = Form(""), discard: str = Form("")) -> Response:
    """Create a draft (deleting week-old drafts, and ``discard`` on 'Start again') and go to it."""
    verify_csrf(request, csrf_token)
    draft = _api(request).interviews.start(discard or None)
    return see_other(f"/interview/{draft.id}")


def interview(request: Request, draft_id: str) -> HTMLResponse:
    """The next unanswered question, or the 'all done' page when the engine stops."""
    api = _api(request)
    context = _context(api, draft_id, _interview(api, draft_id))
    prompt = context["prompt"]
    if prompt.question.should_stop:
        return render(request, "finished.html", **context)
    return _question(request, api, context, prompt.question, current=None)


def change(request: Request, draft_id: str, q: str = "") -> Response:
    """An earlier question again, with its current answer shown, to change it (or go back)."""
    api = _api(request)
    interview_ = _interview(api, draft_id)
    context = _context(api, draft_id, interview_)
    steps = interview_.state.steps
    if q not in steps:  # not answered (yet): the next new question is the place to be
        return see_other(f"/interview/{draft_id}")
    index = steps.index(q)
    return _question(request, api, context, _asked(interview_, q), current=index)


def more(request: Request, draft_id: str, q: str = "") -> Response:
    """An optional question from the 'tell us more' list."""
    api = _api(request)
    interview_ = _interview(api, draft_id)
    context = _context(api, draft_id, interview_)
    if q not in context["prompt"].question.more_questions:
        return see_other(f"/interview/{draft_id}")
    return _question(request, api, context, _asked(interview_, q, "more"), current=None)


def _asked(interview_: Interview, question_id: str, stage: str = "done") -> NextQuestion:
    """A question shown again (to change it) or on request (tell us more)."""
    kind = interview_.kind(question_id)
    finding = interview_.kb.findings.get(question_id)
    return NextQuestion(
        should_stop=False,
        kind=kind,
        id=question_id,
        text=interview_.question_text(question_id),
        reason=finding.help if finding is not None else _(views.BASICS_REASON),
        stage=stage,
        questions_answered=len(interview_.state.steps),
    )


def _question(
    request: Request,
    api: Runknee,
    context: dict[str, Any],
    question: NextQuestion,
    current: int | None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    interview_: Interview = context["interview"]
    steps = interview_.state.steps
    number = len(steps) + 1 if current is None else current + 1
    before = steps if current is None else steps[:current]
    shown = context["prompt"]
    return render(
        request,
        "question.html",
        status=status,
        question=question,
        number=number,
        total=views.progress_total(api, number - 1),
        current_answer=None if current is None else interview_.shown_answer(steps[current]),
        back_id=before[-1] if before else None,
        error=error,
        how_to_check=views.how_to_check(
            api, question.id, shown.show_how_to_check and shown.question.id == question.id
        ),
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
    interview_ = _interview(api, draft_id)
    if not interview_.can_answer(q):
        return bad_answers(
            request, "the answer was for a question that is not being asked", draft_id
        )
    raw = age if interview_.kind(q) == "age_years" and choice == "age" else choice
    try:
        api.interviews.save(draft_id, interview_.answer(q, raw))
    except CaseInputError as exc:  # the draft is left as it was: nothing is lost
        context = _context(api, draft_id, interview_)
        steps = interview_.state.steps
        current = steps.index(q) if q in steps else None
        message = say(exc.errors[0].message, exc.errors[0].message_i18n)
        return _question(request, api, context, _asked(interview_, q), current, message, 422)
    except NotFoundError:  # erased while the question was on screen
        raise DraftGone(draft_id) from None
    return see_other(f"/interview/{draft_id}")


def finish(request: Request, draft_id: str, csrf_token: str = Form("")) -> Response:
    """Save the interview's case as an assessment, delete the draft, show the result."""
    verify_csrf(request, csrf_token)
    api = _api(request)
    if not _interview(api, draft_id).state.steps:
        return see_other(f"/interview/{draft_id}")
    try:
        stored = api.interviews.finish(draft_id)
    except NotFoundError:  # finished in another tab a moment ago, or erased
        raise DraftGone(draft_id) from None
    return see_other(f"/assessments/{stored.id}")


def figure(request: Request, figure_id: str) -> Response:
    """A how-to-check drawing (an SVG from the knowledge base)."""
    try:
        svg = _api(request).figure_svg(figure_id)
    except NotFoundError:
        return error_page(request, 404, _("Not found"), _("There is no such drawing."))
    return Response(svg, media_type="image/svg+xml")


def install(app: FastAPI) -> None:
    """Register the interview routes and their error pages on ``app``."""
    app.add_exception_handler(DraftGone, _draft_gone_page)
    app.add_exception_handler(InterviewStateError, _bad_answers_page)
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    route = app.add_api_route
    route("/interview", start_redirect, methods=["GET"], **html)
    route("/interview", start, methods=["POST"], **html)
    route("/interview/{draft_id}", interview, methods=["GET"], **html)
    route("/interview/{draft_id}", answer, methods=["POST"], **html)
    route("/interview/{draft_id}/change", change, methods=["GET"], **html)
    route("/interview/{draft_id}/more", more, methods=["GET"], **html)
    route("/figures/{figure_id}.svg", figure, methods=["GET"], include_in_schema=False)
    route("/interview/{draft_id}/finish", finish, methods=["POST"], **html)
