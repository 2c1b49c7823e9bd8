"""Paged lists in the JSON API: ``limit`` and an opaque ``cursor`` in, the items out, and the
next page in a ``Link: <...>; rel="next"`` header and ``X-Next-Cursor`` while there is one.

Every list endpoint that can grow with the runner's history uses these, so a request costs the
same with 10 or 10,000 saved items.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from runknee.api import CURSOR_PATTERN

MAX_LIMIT = 200

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (1 to 200).")]
Cursor = Annotated[
    str | None,
    Query(
        pattern=CURSOR_PATTERN,
        description="The X-Next-Cursor of the previous page; leave out for the first page.",
    ),
]

PAGE_HEADERS: dict[str, Any] = {
    "Link": {
        "description": 'The next page, as <path?limit=...&cursor=...>; rel="next"; absent on '
        "the last page.",
        "schema": {"type": "string"},
    },
    "X-Next-Cursor": {
        "description": "The cursor of the next page; absent on the last page.",
        "schema": {"type": "string"},
    },
}


def next_headers(
    path: str, limit: int, cursor: str | None, filters: dict[str, object] | None = None
) -> dict[str, str]:
    """The ``Link`` and ``X-Next-Cursor`` headers for the page after this one (none at the end);
    ``filters`` (other query parameters, ``None`` ones left out) are kept in the link."""
    if cursor is None:
        return {}
    kept = {name: value for name, value in (filters or {}).items() if value is not None}
    query = urlencode({**kept, "limit": limit, "cursor": cursor})
    return {"Link": f'<{path}?{query}>; rel="next"', "X-Next-Cursor": cursor}
