"""Keyset paging for every list that grows with the runner's history (assessments, diary
runs, pain entries and shoes, form checks): cursors, the newest-first query, and the summaries
a list of assessments shows.

A cursor is ``<microseconds since 1970>-<id>`` of the last item of a page (negative before
1970: diary days go back to 1900). Every string of that form is valid (it points somewhere in
newest-first order, whether or not that item still exists), so the published schema can state
exactly what the server accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict
from sqlalchemy import ColumnElement, Select, and_, or_

from runknee.engine.result import AssessmentResult
from runknee.errors import CaseInputError, FieldError


class Keyed(Protocol):
    """Anything with the two keys of the newest-first order."""

    @property
    def id(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...


class AssessmentSummary(BaseModel):
    """What a list of past assessments shows: when, how urgent, and the most likely cause."""

    model_config = ConfigDict(frozen=True)

    id: str
    created_at: datetime
    urgency: str
    urgency_label: str
    top_condition: str | None


class SummaryPage(BaseModel):
    """One page of :class:`AssessmentSummary`, newest first, and the next page's cursor."""

    model_config = ConfigDict(frozen=True)

    items: tuple[AssessmentSummary, ...]  # a tuple: the read cache shares one page with all
    next_cursor: str | None


def summary_columns(result: AssessmentResult) -> dict[str, str | None]:
    """The summary columns of a saved assessment (its urgency label and most likely condition,
    from the result), stored beside the result so that a list reads no JSON."""
    top = result.conditions[0].name[:200] if result.conditions else None
    return {"urgency_label": result.urgency_advice.label[:200], "top_condition": top}


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, newest first, and the cursor of the next page (``None`` at the end)."""

    items: list[T]
    next_cursor: str | None


CURSOR_PATTERN = r"^-?[0-9]{1,16}-[0-9a-f]{32}$"
"""Every string of this form is a valid cursor (microseconds since 1970, then the id), so a
published schema can say exactly what the server accepts."""

_CURSOR = re.compile(CURSOR_PATTERN)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def encode_cursor(item: Keyed) -> str:
    """A cursor that points just after ``item`` in newest-first order."""
    return cursor_at(item.created_at, item.id)


def cursor_at(key: datetime | date, item_id: str) -> str:
    """A cursor that points just after the item keyed ``(key, item_id)`` (a day counts as its
    midnight, UTC)."""
    if not isinstance(key, datetime):
        key = datetime(key.year, key.month, key.day, tzinfo=UTC)
    micros = (key - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}-{item_id}"


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """The (created_at, id) of a cursor (raises :class:`CaseInputError` naming ``cursor``)."""
    if _CURSOR.fullmatch(cursor) is None:
        raise CaseInputError([FieldError("cursor", "not a cursor from this list")])
    micros, item_id = cursor.rsplit("-", 1)
    return _EPOCH + timedelta(microseconds=int(micros)), item_id


def newest_first(
    query: Select[Any],
    key: ColumnElement[Any],
    item_id: ColumnElement[Any],
    limit: int,
    cursor: str | None,
    by_day: bool = False,
) -> Select[Any]:
    """``query`` newest first by ``(key, item_id)``, after ``cursor``, one row more than
    ``limit`` (so the caller knows whether there is a next page). ``by_day``: ``key`` is a
    date column.

    Raises:
        CaseInputError: ``cursor`` is not a cursor.
    """
    query = query.order_by(key.desc(), item_id.desc())
    if cursor is not None:
        when, last_id = decode_cursor(cursor)
        bound: datetime | date = when.date() if by_day else when
        query = query.where(or_(key < bound, and_(key == bound, item_id < last_id)))
    return query.limit(limit + 1)


def page_of(rows: list[T], limit: int, key: Callable[[T], tuple[datetime | date, str]]) -> Page[T]:
    """The first ``limit`` of ``rows`` (read with :func:`newest_first`) as a page; ``key``
    gives an item's ``(key, id)`` for the next page's cursor."""
    items = rows[:limit]
    more = len(rows) > limit and items
    return Page(items, cursor_at(*key(items[-1])) if more else None)
