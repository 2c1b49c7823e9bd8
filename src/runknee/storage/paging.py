"""Keyset paging for saved assessments: cursors and the summaries a list shows.

A cursor is ``<microseconds since 1970>-<id>`` of the last item of a page. Every string of that
form is valid (it points somewhere in newest-first order, whether or not that item still
exists), so the published schema can state exactly what the server accepts.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Protocol

from pydantic import BaseModel, ConfigDict

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

    items: list[AssessmentSummary]
    next_cursor: str | None


def summary_columns(result: AssessmentResult) -> dict[str, str | None]:
    """The summary columns of a saved assessment (its urgency label and most likely condition,
    from the result), stored beside the result so that a list reads no JSON."""
    top = result.conditions[0].name[:200] if result.conditions else None
    return {"urgency_label": result.urgency_advice.label[:200], "top_condition": top}


CURSOR_PATTERN = r"^[0-9]{1,16}-[0-9a-f]{32}$"
"""Every string of this form is a valid cursor (microseconds since 1970, then the id), so a
published schema can say exactly what the server accepts."""

_CURSOR = re.compile(CURSOR_PATTERN)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def encode_cursor(item: Keyed) -> str:
    """A cursor that points just after ``item`` in newest-first order."""
    micros = (item.created_at - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}-{item.id}"


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """The (created_at, id) of a cursor (raises :class:`CaseInputError` naming ``cursor``)."""
    if _CURSOR.fullmatch(cursor) is None:
        raise CaseInputError([FieldError("cursor", "not a cursor from this list")])
    micros, item_id = cursor.split("-")
    return _EPOCH + timedelta(microseconds=int(micros)), item_id
