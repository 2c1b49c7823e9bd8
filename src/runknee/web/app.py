"""Application factory: ``create_app(api)`` wires the JSON API, the pages and the security layer.

Ownership (keep modules small): ``api_routes.py`` holds the JSON API under /api/v1,
``pages.py`` the server-rendered pages (``interview_pages.py`` the interview and its drafts,
``plan_pages.py`` plans and exercises, ``data_pages.py`` the runner's data,
``form_pages.py`` and ``form_api.py`` the running-form check), ``security.py`` headers, size limits and CSRF helpers,
``guard.py`` the Host allow-list and cross-site write check, ``db_errors.py`` the 503 for a
busy or unreachable database, ``strict_json.py`` the strict JSON body parser,
``errors.py`` the one error shape, ``openapi.py`` the published schema.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

from runknee.api import Runknee, diary_jobs, form_jobs
from runknee.web import (
    api_routes,
    data_pages,
    db_errors,
    diary_api,
    diary_pages,
    form_api,
    form_pages,
    interview_pages,
    openapi,
    pages,
    plan_api,
    plan_pages,
    plan_session_pages,
    security,
)

APP_TITLE = "runknee"
APP_VERSION = "1"
APP_DESCRIPTION = (
    "Offline triage and self-management help for runners with knee pain. "
    "Education and self-management, not diagnosis."
)


WORKER_THREADS = 8
"""Threads for the sync handlers (database work). More threads than cores only add GIL hand-offs:
with 10,000 assessments on 2 cores, 8 threads instead of anyio's 40 took the slowest request of a
64-connection mix from about 1.0 to 0.5 s (benchmarks/bench_history.py). Every query releases the
GIL and queues for it again, so the home page's own queries are answered from the store's read
cache while nothing is committed (runknee.storage.read_cache). The health check needs
no thread (it is async), and 8 leave room for pages while a few writers wait on a held lock."""


def create_app(api: Runknee | None = None, hosts: frozenset[str] | None = None) -> FastAPI:
    """Build the FastAPI application around one :class:`Runknee` facade.

    The database is opened and migrated at startup (the lifespan), before the first request,
    and its connections are closed at shutdown. ``hosts`` are the host names answered (default:
    loopback and ``RUNKNEE_ALLOWED_HOSTS``, see :mod:`runknee.web.guard`).
    """
    runknee = api if api is not None else Runknee()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runknee.connect()  # open and migrate now, so a bad database fails at startup
        security.load_secret(app)
        to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        try:
            yield
        finally:
            app.state.form_jobs.close()  # stop running workers, delete their clips
            # Close every pooled connection: SQLite then folds its WAL back into the file.
            runknee.close()

    app = FastAPI(
        title=APP_TITLE,
        version=APP_VERSION,
        description=APP_DESCRIPTION,
        docs_url=None,  # Swagger UI loads scripts from a CDN: not offline, not CSP-clean
        redoc_url=None,
        lifespan=lifespan,
    )
    _background_work(app, runknee)
    api_routes.install(app)
    db_errors.install(app)
    pages.install(app)
    interview_pages.install(app)
    plan_pages.install(app)
    plan_session_pages.install(app)
    data_pages.install(app)
    diary_pages.install(app)
    diary_api.install(app)
    plan_api.install(app)
    form_pages.install(app)
    form_api.install(app)
    security.install(app, hosts=hosts)
    openapi.install(app)
    return app


def _background_work(app: FastAPI, runknee: Runknee) -> None:
    """The facade and this server's background jobs, made once with the app (not on first
    use, where two first requests on two threads could each make their own)."""
    app.state.runknee = runknee
    app.state.form_jobs = form_jobs.FormJobs(runknee.form)
    app.state.diary_imports = diary_jobs.DiaryImportJobs()


def create_api_app(api: Runknee | None = None) -> FastAPI:
    """The JSON API alone (no pages): what ``docs/openapi.json`` describes."""
    app = FastAPI(title=APP_TITLE, version=APP_VERSION, description=APP_DESCRIPTION, docs_url=None)
    _background_work(app, api if api is not None else Runknee())
    api_routes.install(app)
    db_errors.install(app)
    diary_api.install(app)
    plan_api.install(app)
    form_api.install(app)
    security.install(app)
    openapi.install(app)
    return app
