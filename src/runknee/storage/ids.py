"""Small helpers the repositories share: id checks and UTC times."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from runknee.errors import NotFoundError

RowValues = Mapping[Any, Any]
"""A row's values by column name: SQLAlchemy's ``row._mapping`` (whose keys may also be columns)
or the quick read path's dict."""

_ID = re.compile(r"[0-9a-f]{32}")


def check_id(kind: str, identifier: str) -> None:
    """Raise :class:`NotFoundError` for anything that is not a uuid4 hex id.

    Text a database would refuse (or could not have stored) is simply not found.
    """
    if _ID.fullmatch(identifier) is None:
        raise NotFoundError(kind, identifier)


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC; it must be timezone-aware (the storage layer keeps UTC)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("now must be timezone-aware (the storage layer keeps UTC)")
    return moment.astimezone(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored time marked as UTC (SQLite keeps no offset: values were written as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
