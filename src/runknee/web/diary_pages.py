"""The diary pages: the week view with chart and flags (``/diary``), runs (``/diary/runs``),
shoes (``/diary/shoes``) and the import form (``/diary/import``). JSON twins are in
:mod:`runknee.web.diary_api`. Forms carry the CSRF token; deleting asks first."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from runknee.api import (
    ManualRun,
    PainEntry,
    RunDetails,
    Runknee,
    Shoe,
    StoredSession,
    diary_jobs,
)
from runknee.errors import CaseInputError
from runknee.i18n import _, ngettext
from runknee.web.diary_chart import weekly_chart
from runknee.web.pages import facade as _api
from runknee.web.pages import render, see_other
from runknee.web.security import verify_csrf

Csrf = Annotated[str, Form()]


def _calendar(api: Runknee, today: date, weeks: int = 4) -> list[list[dict[str, Any]]]:
    """The last ``weeks`` weeks, Monday first: each day's run km and pain."""
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    runs = api.diary.runs(since=first, until=today + timedelta(days=6 - today.weekday()))
    pain = {p.entry_date: p for p in api.diary.pain(since=first)}
    last = first + timedelta(weeks=weeks, days=-1)
    sessions: dict[date, list[StoredSession]] = {}
    for item in api.plan_sessions_between(first, last):
        sessions.setdefault(item.on, []).append(item)
    rows = []
    for week in range(weeks):
        row = []
        for offset in range(7):
            day = first + timedelta(weeks=week, days=offset)
            km = sum((a.distance_m or 0) for a in runs if a.local_date == day and a.is_run) / 1000
            other = [a.sport for a in runs if a.local_date == day and not a.is_run]
            row.append(
                {
                    "day": day,
                    "km": km,
                    "other": other,
                    "pain": pain.get(day),
                    "plan": sessions.get(day, []),
                    "future": day > today,
                }
            )
        rows.append(row)
    return rows


def _diary_page(
    request: Request, errors: list[str] | None = None, status: int = 200, as_of: date | None = None
) -> HTMLResponse:
    api = _api(request)
    today = as_of or api.diary.today()
    report = api.diary.report(today, 12)
    latest = api.diary.latest_day()
    shown = any(week.run_count for week in report.weeks)
    return render(
        request,
        "diary.html",
        status=status,
        nav="diary",
        report=report,
        today=today,
        chart=weekly_chart(report.weeks),
        calendar=_calendar(api, today),
        locations=api.diary.pain_locations(),
        errors=errors or [],
        latest=latest if latest and not shown and latest < today else None,
        sources={s.id: s for s in api.sources()},
        suggestions=api.diary.suggest_findings(as_of)
        if as_of is None or as_of == api.diary.today()
        else [],
        questions={f.id: f.question for f in api.findings()},
        recent_pain=list(reversed(api.diary.pain(since=today - timedelta(days=27))))[:14],
    )


def diary_page(request: Request, as_of: date | None = None) -> HTMLResponse:
    """The 12 weeks up to ``as_of`` (default today): calendar, chart, table, load and flags."""
    return _diary_page(request, as_of=as_of)


def _int(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def add_pain(
    request: Request,
    csrf_token: Csrf,
    entry_date: Annotated[str, Form()],
    during: Annotated[str, Form()] = "",
    after: Annotated[str, Form()] = "",
    morning: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
    swelling: Annotated[str, Form()] = "",
    rest_day: Annotated[str, Form()] = "",
    night: Annotated[str, Form()] = "",
    stiffness: Annotated[str, Form()] = "",
) -> Response:
    """Log a day's pain from the diary page."""
    verify_csrf(request, csrf_token)
    try:
        entry = PainEntry(
            entry_date=date.fromisoformat(entry_date),
            during_0_10=_int(during),
            after_0_10=_int(after),
            next_morning_0_10=_int(morning),
            location=location or None,
            swelling=bool(swelling),
            rest_day_pain=bool(rest_day),
            night_pain=bool(night),
            morning_stiffness_min=_int(stiffness),
        )
        _api(request).diary.add_pain(entry)
    except (ValueError, ValidationError):
        return _diary_page(
            request, [_("Check the date and that pain scores are whole numbers from 0 to 10.")], 422
        )
    return see_other("/diary#pain-title")


def assess_with_diary(
    request: Request, csrf_token: Csrf, finding: Annotated[list[str] | None, Form()] = None
) -> Response:
    """Start the questions with the diary findings the runner ticked answered "yes"."""
    verify_csrf(request, csrf_token)
    api = _api(request)
    offered = {s.finding_id for s in api.diary.suggest_findings()}
    confirmed = {f: "present" for f in finding or [] if f in offered}
    draft = api.interviews.start_from(api.case({"findings": confirmed}))
    return see_other(f"/interview/{draft.id}")


RUNS_PAGE_SIZE = 50
"""Activities shown per page on the runs page (newest first)."""


def runs_page(request: Request, before: str | None = None) -> HTMLResponse:
    """The latest :data:`RUNS_PAGE_SIZE` activities, then "Older runs" pages, with a form to
    add a run by hand."""
    api = _api(request)
    try:
        page = api.diary.runs_page(RUNS_PAGE_SIZE, before)
    except CaseInputError:  # a stale or edited "Older" link: show the newest instead
        page, before = api.diary.runs_page(RUNS_PAGE_SIZE), None
    return render(
        request,
        "diary_runs.html",
        nav="diary",
        runs=page.items,
        older=page.next_cursor,
        paged=before is not None,
        shoes=api.diary.shoes(),
        today=api.diary.today(),
    )


def add_run(
    request: Request,
    csrf_token: Csrf,
    run_date: Annotated[str, Form()],
    distance_km: Annotated[str, Form()],
    minutes: Annotated[str, Form()],
    surface: Annotated[str, Form()] = "",
    session_type: Annotated[str, Form()] = "",
) -> Response:
    """Add a run by hand."""
    verify_csrf(request, csrf_token)
    try:
        run = ManualRun(
            run_date=date.fromisoformat(run_date),
            distance_m=float(distance_km) * 1000,
            duration_s=float(minutes) * 60,
            surface=surface or None,
            session_type=session_type or None,
        )
    except (ValueError, ValidationError):
        return render(
            request,
            "error.html",
            status=422,
            title=_("Check the run"),
            message=_("Give a date, a distance in km and a time in minutes."),
        )
    _api(request).diary.add_run(run)
    return see_other("/diary/runs")


def run_page(request: Request, activity_id: str) -> HTMLResponse:
    """One activity: its figures, per-km splits, and the form for shoes, surface and session."""
    api = _api(request)
    return render(
        request,
        "diary_run.html",
        nav="diary",
        run=api.diary.run(activity_id),
        shoes=api.diary.shoes(),
    )


def edit_run(
    request: Request,
    activity_id: str,
    csrf_token: Csrf,
    shoe_id: Annotated[str, Form()] = "",
    surface: Annotated[str, Form()] = "",
    route: Annotated[str, Form()] = "",
    session_type: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> Response:
    """Save a run's shoes, surface, route, session type and notes."""
    verify_csrf(request, csrf_token)
    try:
        details = RunDetails.model_validate(
            {
                "shoe_id": shoe_id or None,
                "surface": surface or None,
                "route": route or None,
                "session_type": session_type or None,
                "notes": notes.strip() or None,
            }
        )
        _api(request).diary.update_run(activity_id, details)
    except (ValidationError, CaseInputError):
        return render(
            request,
            "error.html",
            status=422,
            title=_("Check the run"),
            message=_("Choose from the lists; notes up to 4000 characters."),
        )
    return see_other(f"/diary/runs/{activity_id}")


def delete_run_page(request: Request, activity_id: str) -> HTMLResponse:
    """Ask before deleting a run, saying what goes with it."""
    run = _api(request).diary.run(activity_id)
    return render(request, "diary_delete.html", nav="diary", run=run)


def delete_run(request: Request, activity_id: str, csrf_token: Csrf) -> Response:
    """Delete a run (after the question page)."""
    verify_csrf(request, csrf_token)
    _api(request).diary.delete_run(activity_id)
    return see_other("/diary/runs")


def delete_pain_page(request: Request, entry_id: str) -> HTMLResponse:
    """Ask before deleting a pain entry."""
    entry = _api(request).diary.store.pain.get(entry_id)
    what = _("The pain entry of %(day)s will be deleted.") % {"day": f"{entry.entry_date:%d %B %Y}"}
    return render(
        request,
        "diary_confirm.html",
        nav="diary",
        what=what,
        also=_("Nothing else is deleted."),
        action=f"/diary/pain/{entry_id}/delete",
        back="/diary",
    )


def delete_pain(request: Request, entry_id: str, csrf_token: Csrf) -> Response:
    """Delete a pain entry (after the question page)."""
    verify_csrf(request, csrf_token)
    _api(request).diary.delete_pain(entry_id)
    return see_other("/diary")


def delete_shoe_page(request: Request, shoe_id: str) -> HTMLResponse:
    """Ask before deleting shoes, saying what happens to their runs."""
    diary = _api(request).diary
    shoe = diary.store.shoes.get(shoe_id)
    runs = diary.runs_with_shoe(shoe_id)
    also = ngettext(
        "The %(count)s run that wore them stays in the diary, without shoes.",
        "The %(count)s runs that wore them stay in the diary, without shoes.",
        runs,
    ) % {"count": runs}
    return render(
        request,
        "diary_confirm.html",
        nav="diary",
        what=_("The shoes “%(name)s” will be deleted.") % {"name": shoe.name},
        also=also,
        action=f"/diary/shoes/{shoe_id}/delete",
        back="/diary/shoes",
    )


def delete_shoe(request: Request, shoe_id: str, csrf_token: Csrf) -> Response:
    """Delete shoes (after the question page)."""
    verify_csrf(request, csrf_token)
    _api(request).diary.delete_shoe(shoe_id)
    return see_other("/diary/shoes")


def retire_shoe(request: Request, shoe_id: str, csrf_token: Csrf) -> Response:
    """Mark shoes retired (or back in use)."""
    verify_csrf(request, csrf_token)
    diary = _api(request).diary
    shoe = diary.store.shoes.get(shoe_id)
    diary.update_shoe(
        shoe_id,
        Shoe(**shoe.model_dump(include=set(Shoe.model_fields)) | {"retired": not shoe.retired}),
    )
    return see_other("/diary/shoes")


def shoes_page(request: Request) -> HTMLResponse:
    """Shoes with their km, and a form to add a pair."""
    api = _api(request)
    return render(request, "diary_shoes.html", nav="diary", shoes=api.diary.report().shoes)


def add_shoe(
    request: Request,
    csrf_token: Csrf,
    name: Annotated[str, Form()],
    start_km: Annotated[str, Form()] = "0",
    alert_km: Annotated[str, Form()] = "",
) -> Response:
    """Add a pair of shoes."""
    verify_csrf(request, csrf_token)
    try:
        shoe = Shoe(
            name=name.strip(),
            start_km=float(start_km or 0),
            alert_km=float(alert_km) if alert_km else None,
        )
    except (ValueError, ValidationError):
        return render(
            request,
            "error.html",
            status=422,
            title=_("Check the shoes"),
            message=_("Give a name; km must be numbers."),
        )
    _api(request).diary.add_shoe(shoe)
    return see_other("/diary/shoes")


def import_page(request: Request) -> HTMLResponse:
    """The upload form."""
    return render(request, "diary_import.html", nav="diary", job=None)


def import_jobs(app: FastAPI) -> diary_jobs.DiaryImportJobs:
    """The app's diary imports (made when the app starts)."""
    registry: diary_jobs.DiaryImportJobs = app.state.diary_imports
    return registry


IMPORT_WAIT_S = 2.0
"""How long the upload waits for a small import to finish before showing the progress page."""


async def import_upload(
    request: Request, csrf_token: Csrf, upload: Annotated[UploadFile, File()]
) -> Response:
    """Start importing one uploaded file or export archive; show the report or the progress."""
    verify_csrf(request, csrf_token)
    data = await upload.read()
    jobs = import_jobs(request.app)
    job = jobs.start(_api(request).diary, upload.filename or "upload", data)
    wait_s = getattr(request.app.state, "diary_import_wait_s", IMPORT_WAIT_S)
    job = await run_in_threadpool(jobs.wait, job.id, wait_s)
    if job.state == "running":
        return see_other(f"/diary/import/jobs/{job.id}")
    return render(request, "diary_import.html", nav="diary", job=job)


def import_job_page(request: Request, job_id: str) -> HTMLResponse:
    """An import's progress (the page reloads itself until done), then its report."""
    job = import_jobs(request.app).status(job_id)
    return render(request, "diary_import.html", nav="diary", job=job)


def install(app: FastAPI) -> None:
    """Register the diary pages on ``app``."""
    html: dict[str, Any] = {"response_class": HTMLResponse, "include_in_schema": False}
    route = app.add_api_route
    route("/diary", diary_page, methods=["GET"], **html)
    route("/diary/pain", add_pain, methods=["POST"], **html)
    route("/diary/assess", assess_with_diary, methods=["POST"], **html)
    route("/diary/runs", runs_page, methods=["GET"], **html)
    route("/diary/runs", add_run, methods=["POST"], **html)
    route("/diary/runs/{activity_id}", run_page, methods=["GET"], **html)
    route("/diary/runs/{activity_id}", edit_run, methods=["POST"], **html)
    route("/diary/runs/{activity_id}/delete", delete_run_page, methods=["GET"], **html)
    route("/diary/runs/{activity_id}/delete", delete_run, methods=["POST"], **html)
    route("/diary/shoes", shoes_page, methods=["GET"], **html)
    route("/diary/shoes", add_shoe, methods=["POST"], **html)
    route("/diary/shoes/{shoe_id}/delete", delete_shoe_page, methods=["GET"], **html)
    route("/diary/shoes/{shoe_id}/delete", delete_shoe, methods=["POST"], **html)
    route("/diary/shoes/{shoe_id}/retire", retire_shoe, methods=["POST"], **html)
    route("/diary/pain/{entry_id}/delete", delete_pain_page, methods=["GET"], **html)
    route("/diary/pain/{entry_id}/delete", delete_pain, methods=["POST"], **html)
    route("/diary/import", import_page, methods=["GET"], **html)
    route("/diary/import", import_upload, methods=["POST"], **html)
    route("/diary/import/jobs/{job_id}", import_job_page, methods=["GET"], **html)
