"""A busy, locked or unreachable database is a 503 with ``Retry-After``, never a 500 or a
dropped connection: an HTML page for pages, the one error shape for the API.

SQLite waits up to its busy timeout for a lock held by another writer; PostgreSQL may be down
or restarting. Either way nothing is wrong with the request, so the client is told to retry.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import Response

from runknee.api import DATABASE_UNAVAILABLE
from runknee.i18n import N_
from runknee.web.errors import error_response

RETRY_AFTER_SECONDS = 5
# The API answers in English; the HTML error page translates it (marked for the catalogue).
MESSAGE = N_("the database is busy or cannot be reached; nothing was changed, try again shortly")

logger = logging.getLogger("runknee.web")


async def on_unavailable(request: Request, exc: Exception) -> Response:
    """Exception handler: 503 with ``Retry-After`` (logged as a warning, without the query)."""
    logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    response = error_response(request, 503, [{"field": "database", "message": MESSAGE}])
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def install(app: FastAPI) -> None:
    """Register :func:`on_unavailable` for every "database unavailable" error on ``app``."""
    for error in DATABASE_UNAVAILABLE:
        app.add_exception_handler(error, on_unavailable)
