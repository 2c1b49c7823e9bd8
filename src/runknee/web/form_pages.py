"""The form-check pages: upload with filming guidance, progress, report, history.

* ``GET /form`` the upload form, the filming guidance and the saved checks;
* ``POST /form`` stores the clip in a private job folder, starts a worker process and
  redirects (303) to ``/form/jobs/{id}``;
* ``GET /form/jobs/{id}`` refreshes itself every 2 seconds (a meta refresh, no JavaScript)
  until the worker is done, then redirects to the report;
* ``GET /form/{id}`` the report: metrics against their evidence, cues, SVG plots;
* ``GET /form/{id}/video/{kind}`` a stored clip or annotated video (only if kept);
* ``POST /form/{id}/delete`` deletes one check.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from runknee.api import Runknee, form_checks, form_jobs
from runknee.errors import CaseInputError, NotFoundError
from runknee.i18n import _
from runknee.web.form_views import angle_plot_svg, fmt
from runknee.web.pages import TEMPLATES, error_page, render, see_other
from runknee.web.pages import facade as _api
from runknee.web.security import verify_csrf

TEMPLATES.globals.update(form_plot=angle_plot_svg, form_fmt=fmt)


def jobs(app: FastAPI) -> form_jobs.FormJobs:
    """The app's running form checks (made when the app starts)."""
    registry: form_jobs.FormJobs = app.state.form_jobs
    return registry


HISTORY_PAGE_SIZE = 20
"""Saved form checks shown per page under the upload form (newest first)."""


def upload_page(request: Request, before: str | None = None) -> HTMLResponse:
    """The upload form, filming guidance and the latest checks (then "Older" pages)."""
    return _upload(request, before=before)


def _upload(
    request: Request, error: str | None = None, status: int = 200, before: str | None = None
) -> HTMLResponse:
    form = _api(request).form
    try:
        page = form.page(HISTORY_PAGE_SIZE, before)
    except CaseInputError:  # a stale or edited "Older" link: show the newest instead
        page, before = form.page(HISTORY_PAGE_SIZE), None
    return render(
        request,
        "form.html",
        status=status,
        nav="form",
        checks=page.items,
        older=page.next_cursor,
        paged=before is not None,
        advice=_(form_checks.FILMING_ADVICE),
        error=error,
    )


def start_check(
    request: Request,
    video: Annotated[UploadFile, File()],
    csrf_token: Annotated[str | None, Form()] = None,
    view: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
    keep_clip: Annotated[str | None, Form()] = None,
    keep_annotated: Annotated[str | None, Form()] = None,
) -> Response:
    """Start analysing an uploaded clip in a worker process."""
    verify_csrf(request, csrf_token)
    if not video.filename:
        return _upload(request, _("Choose a video file to check."), 422)
    chosen = view if view in ("side", "back") else None
    try:
        status = jobs(request.app).start(
            video.file,
            video.filename,
            chosen,  # type: ignore[arg-type]
            label.strip(),
            keep_clip == "yes",
            keep_annotated == "yes",
        )
    except form_jobs.FormJobBusy as exc:
        return _upload(request, str(exc), 429)
    except CaseInputError as exc:  # not a clip at all (too small): said on the upload page
        return _upload(request, exc.errors[0].message, 422)
    return see_other(f"/form/jobs/{status.id}")


def job_page(request: Request, job_id: str) -> Response:
    """Progress while the worker runs (refreshing itself), then the report."""
    try:
        status = jobs(request.app).status(job_id)
    except NotFoundError:
        return error_page(
            request, 404, _("Form check not found"), _("There is no such form check in progress.")
        )
    if status.state == "done" and status.check_id:
        return see_other(f"/form/{status.check_id}")
    return render(request, "form_job.html", job=status, refresh=status.state == "running")


def report_page(request: Request, check_id: str) -> HTMLResponse:
    """One saved form check."""
    api = _api(request)
    try:
        check = api.form.get(check_id)
    except NotFoundError:
        return error_page(
            request, 404, _("Form check not found"), _("There is no such form check.")
        )
    evidence = {m.id: m for m in api.form.evidence.metrics}
    sources = {s.id: s for s in api.sources()}
    suggested = api.form.suggested_findings(check.report)
    return render(
        request,
        "form_report.html",
        check=check,
        report=check.report,
        evidence=evidence,
        sources=sources,
        suggested=[(fid, api.finding(fid).question, state) for fid, state in suggested.items()],
        **_plan_links(api),
    )


def _plan_links(api: Runknee) -> dict[str, Any]:
    """What a cue links to: the plan's form cue (in the newest plan, when it has it) and the
    contributing factor's name. Saved reports from before the links get them by cue id."""
    library = api.plan_library
    plans = api.list_plans()
    newest = plans[0] if plans else None
    return {
        "plan_cue_of": {c.id: c.plan_cue for c in api.form.evidence.cues},
        "plan_cue_titles": {p.id: p.title for p in library.prevention} if library else {},
        "newest_plan": newest,
        "in_newest_plan": {p.id for p in newest.plan.prevention} if newest else set(),
        "factor_names": {f.id: f.name for f in api.factors()},
    }


def assess_with_check(
    request: Request,
    check_id: str,
    csrf_token: Annotated[str | None, Form()] = None,
    finding: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Start the questions with the findings this check supports that the runner ticked."""
    verify_csrf(request, csrf_token)
    api = _api(request)
    try:
        check = api.form.get(check_id)
    except NotFoundError:
        return error_page(
            request, 404, _("Form check not found"), _("There is no such form check.")
        )
    offered = api.form.suggested_findings(check.report)
    confirmed = {fid: offered[fid] for fid in finding or [] if fid in offered}
    draft = api.interviews.start_from(api.case({"findings": confirmed}))
    return see_other(f"/interview/{draft.id}")


def video_file(request: Request, check_id: str, kind: str) -> Response:
    """A stored clip or annotated video."""
    if kind not in ("clip", "annotated"):
        return error_page(request, 404, _("Video not found"), _("There is no such video."))
    try:
        data = _api(request).form.video(check_id, kind)  # type: ignore[arg-type]
    except NotFoundError:
        return error_page(
            request, 404, _("Video not found"), _("This form check kept no such video.")
        )
    return Response(data, media_type="video/mp4")


def delete_check(
    request: Request, check_id: str, csrf_token: Annotated[str | None, Form()] = None
) -> Response:
    """Delete one form check and its videos."""
    verify_csrf(request, csrf_token)
    try:
        _api(request).form.delete(check_id)
    except NotFoundError:
        return error_page(
            request, 404, _("Form check not found"), _("There is no such form check.")
        )
    return see_other("/form")


def install(app: FastAPI) -> None:
    """Register the form-check pages on ``app``."""
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    route = app.add_api_route
    route("/form", upload_page, methods=["GET"], **html)
    route("/form", start_check, methods=["POST"], **html)
    route("/form/jobs/{job_id}", job_page, methods=["GET"], **html)
    route("/form/{check_id}", report_page, methods=["GET"], **html)
    route("/form/{check_id}/video/{kind}", video_file, methods=["GET"], include_in_schema=False)
    route("/form/{check_id}/delete", delete_check, methods=["POST"], **html)
    route("/form/{check_id}/assess", assess_with_check, methods=["POST"], **html)
