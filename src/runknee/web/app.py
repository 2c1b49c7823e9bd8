"""Application factory: ``create_app(api)`` wires the JSON API, the pages and the security layer.

Ownership (keep modules small): ``api_routes.py`` holds the JSON API under /api/v1,
``pages.py`` the server-rendered pages, ``security.py`` headers, size limits and CSRF helpers.
"""

from __future__ import annotations

from fastapi import FastAPI

from runknee.api import Runknee
from runknee.web import api_routes, pages


def create_app(api: Runknee | None = None) -> FastAPI:
    """Build the FastAPI application around one :class:`Runknee` facade."""
    runknee = api if api is not None else Runknee()
    app = FastAPI(
        title="runknee",
        version="1",
        description="Offline triage and self-management help for runners with knee pain. "
        "Education and self-management, not diagnosis.",
    )
    app.state.runknee = runknee
    api_routes.install(app)
    pages.install(app)
    return app
