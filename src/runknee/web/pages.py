"""Server-rendered pages: home, results, conditions and sources, and the shared rendering.

The interview itself is in :mod:`runknee.web.interview_pages`. Everything works without
JavaScript: forms POST and redirect (303) to GET pages. Every form carries the double-submit
CSRF token from :mod:`runknee.web.security`. Templates and static files contain no inline
scripts or styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from runknee import i18n
from runknee.api import (
    NOT_CHECKED,
    Runknee,
    citations,
    diary_evidence_words,
    gait_words,
    route_words,
    session_type_words,
    source_check_words,
    sport_words,
    strength_words,
    surface_words,
    view_words,
)
from runknee.choices import Route, SessionType, Surface
from runknee.errors import CaseInputError, NotFoundError
from runknee.i18n import N_, _
from runknee.web import views
from runknee.web.security import issue_csrf_token, verify_csrf

HERE = Path(__file__).parent
TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    extensions=["jinja2.ext.i18n"],
)
# Every sentence in a template is marked for translation (runknee.i18n): {% trans %} or _().
# Trans blocks are trimmed (line breaks and indentation become one space), so a sentence that
# spans lines in a template is one clean msgid; babel.cfg extracts them the same way.
TEMPLATES.policies["ext.i18n.trimmed"] = True
TEMPLATES.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
)


# The same "newstyle" calls as the extension's, without its context-passing wrappers: every
# template here is autoescaped HTML, and the wrappers cost more than the rest of a page's render.
def _html_gettext(message: str, **values: Any) -> Markup:
    text = i18n.gettext(message)
    if not values and "%" not in message:  # most sentences: nothing to fill in or unescape
        return Markup(text)  # (decided by the English: a translation may say "100 %")
    return Markup(text) % values


def _html_ngettext(singular: str, plural: str, num: int, **values: Any) -> Markup:
    values.setdefault("num", num)
    return Markup(i18n.ngettext(singular, plural, num)) % values


def _html_pgettext(context: str, message: str, **values: Any) -> Markup:
    values.setdefault("context", context)
    return Markup(i18n.pgettext(context, message)) % values


TEMPLATES.globals.update(
    _=_html_gettext, gettext=_html_gettext, ngettext=_html_ngettext, pgettext=_html_pgettext
)
TEMPLATES.globals["active_language"] = i18n.active_language  # <html lang="...">


def _import_notes(activity: Any) -> list[str]:
    """An activity's import notes in the active language (``Activity.notes_with_messages``)."""
    return [i18n.say(note, message) for note, message in activity.notes_with_messages]


TEMPLATES.globals["import_notes"] = _import_notes
# `_()` takes a sentence written in the template (it may hold markup); a value from the data
# (a stored plan reason, a form-check message) goes through `| translate`, which returns plain
# text, escaped like any other value: `reason | translate(reason_i18n)` when the core handed over
# the sentence as a message with values (`i18n.say`).
TEMPLATES.filters["translate"] = i18n.say
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
    strength_words=strength_words,
    source_check_words=source_check_words,
    diary_evidence_words=diary_evidence_words,
    sport_words=sport_words,
    surface_words=surface_words,
    route_words=route_words,
    session_type_words=session_type_words,
    view_words=view_words,
    gait_words=gait_words,
    surfaces=[str(choice) for choice in Surface],
    routes=[str(choice) for choice in Route],
    session_types=[str(choice) for choice in SessionType],
    stage_labels=views.STAGE_LABELS,
    age_bounds=views.AGE_BOUNDS,
    not_checked=NOT_CHECKED,
    source_label=views.source_label,
    source_link=views.source_link,
    publication=citations.publication,
    own_estimate_id=citations.OWN_ESTIMATE_ID,
    own_estimate_explained=citations.OWN_ESTIMATE_EXPLAINED,
)


def facade(request: Request) -> Runknee:
    """The app's :class:`Runknee` facade (made once with the app)."""
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


def error_page(
    request: Request, status: int, title: str, message: str, **extra: Any
) -> HTMLResponse:
    """A plain error page with a way back home and a button to start the questions.

    ``draft_id`` in ``extra`` adds a link back to that interview.
    """
    return render(request, "error.html", status=status, title=title, message=message, **extra)


ERROR_TITLES = {
    403: N_("The form has expired"),
    404: N_("Page not found"),
    405: N_("That did not work"),
    413: N_("Too much data"),
    422: N_("Something in the form was not right"),
    503: N_("Please try again in a moment"),
}


def html_error_page(request: Request, status: int, errors: list[dict[str, str]]) -> Response:
    """The app-wide HTML error page (see ``runknee.web.errors``) for browsers."""
    # The API's messages stay in English; a page shows a marked one (N_) in the active language.
    # (gettext("") would give the translation's header, so an empty message stays empty.)
    messages = [_(error["message"]) if error["message"] else "" for error in errors]
    message = "; ".join(messages) or _("Something went wrong.")
    if status == 403:
        message = _(
            "For your safety, forms only work from a page this app just showed you. "
            "Go back, reload the page and try again."
        )
    title = _(ERROR_TITLES.get(status, N_("Something went wrong")))
    return error_page(request, status, title, message[:1].upper() + message[1:])


def see_other(url: str) -> RedirectResponse:
    """Redirect after a POST so that reloading the page does not post again."""
    return RedirectResponse(url, status_code=303)


# --- Home, conditions, sources -----------------------------------------------------------------


HOME_PAGE_SIZE = 20
"""Past assessments shown per page on the home page (newest first)."""


def home(request: Request, deleted: int = 0, before: str | None = Query(None)) -> HTMLResponse:
    """What runknee does and does not do, the start button and past assessments (the latest
    :data:`HOME_PAGE_SIZE`, then "Older" pages)."""
    api = facade(request)
    try:
        page = api.summaries_page(HOME_PAGE_SIZE, before)
    except CaseInputError:  # a stale or edited "Older" link: show the newest instead
        page, before = api.summaries_page(HOME_PAGE_SIZE), None
    return render(
        request,
        "home.html",
        assessments=page.items,
        assessment_count=api.count_assessments(),
        older=page.next_cursor,
        paged=before is not None,
        deleted=bool(deleted),
        suggestions=[(s, api.finding(s.finding_id).question) for s in api.diary.suggest_findings()],
    )


async def conditions_page(request: Request) -> HTMLResponse:
    """Every condition runknee knows about."""
    api = facade(request)
    items = sorted(api.conditions(), key=lambda c: c.lay_name.lower())
    return render(request, "conditions.html", conditions=items, levels=api.urgency_levels)


async def condition_page(request: Request, condition_id: str) -> HTMLResponse:
    """One condition: what it is, the typical story, self-care, who to see, look-alikes."""
    api = facade(request)
    try:
        condition = api.condition(condition_id)
    except NotFoundError:
        return error_page(request, 404, _("Condition not found"), _("There is no such condition."))
    sources = {s.id: s for s in api.sources()}
    return render(
        request,
        "condition.html",
        condition=condition,
        level=api.urgency_levels[condition.default_urgency],
        names={c.id: c.lay_name for c in api.conditions()},
        sources=[sources[s] for s in condition.sources if s in sources],
    )


async def sources_page(request: Request) -> HTMLResponse:
    """The bibliography."""
    return render(request, "sources.html", sources=facade(request).sources())


# --- Saved assessments ------------------------------------------------------------------------


def assessment_page(
    request: Request, assessment_id: str, print_view: int = Query(0, alias="print")
) -> HTMLResponse:
    """One saved result: urgency first, then the likely conditions and what to change."""
    return _result(request, assessment_id, printing=bool(print_view))


def assessment_print(request: Request, assessment_id: str) -> HTMLResponse:
    """The print view of one saved result."""
    return _result(request, assessment_id, printing=True)


def _result(request: Request, assessment_id: str, printing: bool) -> HTMLResponse:
    api = facade(request)
    try:
        stored = api.get_assessment(assessment_id)
    except NotFoundError:
        return error_page(
            request,
            404,
            _("Assessment not found"),
            _("It may have been deleted, or the link is wrong."),
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
        flag_groups=views.flag_groups(api, stored.case, result),
        limited=views.is_limited(result),
        training_left=views.training_questions_left(api, stored.case),
        reasons=lambda evidence: views.reasons(api, evidence),
        sources=sources,
        answers=views.case_rows(api, stored.case),
        urgency_reasons=views.urgency_reasons(api, result),
        condition_count=len(api.conditions()),
        open_signs=views.open_signs(api, result),
        plans=api.list_plans(stored.id),
    )


def answer_more(request: Request, assessment_id: str, csrf_token: str = Form("")) -> Response:
    """Carry on the questions from a saved result: a new interview draft that starts with its
    answers, so the questions still open (say, unchecked warning signs) are asked next. The
    saved result itself is left as it is."""
    verify_csrf(request, csrf_token)
    api = facade(request)
    try:
        stored = api.get_assessment(assessment_id)
    except NotFoundError:
        return error_page(request, 404, _("Assessment not found"), _("It may have been deleted."))
    draft = api.interviews.start_from(stored.case)
    return see_other(f"/interview/{draft.id}")


def delete_assessment(
    request: Request, assessment_id: str, csrf_token: str = Form(""), plan: str = Form("delete")
) -> Response:
    """Delete one saved assessment for good, with its plan or (``plan=keep``) keeping it."""
    verify_csrf(request, csrf_token)
    try:
        facade(request).delete_assessment(assessment_id, keep_plan=plan == "keep")
    except NotFoundError:
        return error_page(request, 404, _("Assessment not found"), _("It may already be deleted."))
    return see_other("/?deleted=1")


def install(app: FastAPI) -> None:
    """Register the HTML page routes and the static files on ``app``."""
    app.state.html_error_page = html_error_page
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    app.add_api_route("/", home, methods=["GET"], **html)
    app.add_api_route("/conditions", conditions_page, methods=["GET"], **html)
    app.add_api_route("/conditions/{condition_id}", condition_page, methods=["GET"], **html)
    app.add_api_route("/sources", sources_page, methods=["GET"], **html)
    app.add_api_route("/assessments/{assessment_id}", assessment_page, methods=["GET"], **html)
    app.add_api_route(
        "/assessments/{assessment_id}/print", assessment_print, methods=["GET"], **html
    )
    app.add_api_route(
        "/assessments/{assessment_id}/delete", delete_assessment, methods=["POST"], **html
    )
    app.add_api_route(
        "/assessments/{assessment_id}/answer-more", answer_more, methods=["POST"], **html
    )
