"""Unfinished web interviews (table ``interview_drafts``): the answers given so far.

The web interview keeps its answers here, in the user's own database, rather than in the page
address. A draft is created when the runner starts the questions, rewritten after each answer
and deleted when the assessment is saved (in the same transaction, see
:meth:`runknee.storage.AssessmentStore.save`). Drafts that have not changed for
:data:`DRAFT_MAX_AGE` are deleted whenever a new draft is created: plain housekeeping, so
abandoned answers do not pile up. Every write is one transaction; callers pass the time in.
"""

from __future__ import annotations

import builtins
import uuid
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, Engine, Row, delete, func, insert, select, update

from runknee.errors import NotFoundError
from runknee.storage.ids import as_utc, check_id, utc
from runknee.storage.tables import interview_drafts

DRAFT_MAX_AGE = timedelta(days=7)
"""Drafts unchanged for longer than this are deleted when a new draft is created."""

Answers = dict[str, Any]


class StoredDraft(BaseModel):
    """An unfinished interview: the answers so far, keyed by question id."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="uuid4 as 32 hex digits.")
    created_at: datetime = Field(description="When the questions were started (UTC).")
    updated_at: datetime = Field(description="When the last answer was given (UTC).")
    answers: Answers = Field(
        description="The stored interview: answers by question id (a finding state, an age in "
        "whole years or 'declined', a sex or 'declined'), the order they were given in, and "
        "which how-to-check help was shown."
    )


class DraftRepository:
    """Interview drafts in the same database as the assessments.

    Args:
        engine: a SQLAlchemy engine whose schema is migrated.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, now: datetime, discard: str | None = None) -> StoredDraft:
        """Store a new draft without answers, in one transaction that also deletes the drafts
        unchanged for :data:`DRAFT_MAX_AGE` and, when given, the draft ``discard`` (the one the
        runner is starting again from; an unknown id is ignored)."""
        stamp = utc(now)
        stored = StoredDraft(id=uuid.uuid4().hex, created_at=stamp, updated_at=stamp, answers={})
        with self.engine.begin() as connection:
            stale = interview_drafts.c.updated_at < stamp - DRAFT_MAX_AGE
            connection.execute(delete(interview_drafts).where(stale))
            if discard is not None and _looks_like_id(discard):
                connection.execute(delete(interview_drafts).where(_is(discard)))
            connection.execute(insert(interview_drafts).values(**draft_row(stored)))
        return stored

    def get(self, draft_id: str) -> StoredDraft:
        """One draft.

        Raises:
            NotFoundError: no draft has this id (never created, finished, erased or expired).
        """
        check_id("draft", draft_id)
        with self.engine.connect() as connection:
            row = connection.execute(select(interview_drafts).where(_is(draft_id))).first()
        if row is None:
            raise NotFoundError("draft", draft_id)
        return _from_row(row)

    def save_answers(self, draft_id: str, answers: Answers, now: datetime) -> StoredDraft:
        """Replace a draft's answers in one transaction.

        Raises:
            NotFoundError: no draft has this id.
        """
        check_id("draft", draft_id)
        stamp = utc(now)
        with self.engine.begin() as connection:
            changed = connection.execute(
                update(interview_drafts)
                .where(_is(draft_id))
                .values(answers_json=dict(answers), updated_at=stamp)
            ).rowcount
            if changed != 1:
                raise NotFoundError("draft", draft_id)
            row = connection.execute(select(interview_drafts).where(_is(draft_id))).one()
        return _from_row(row)

    def delete(self, draft_id: str) -> None:
        """Delete one draft (raises :class:`NotFoundError`)."""
        check_id("draft", draft_id)
        with self.engine.begin() as connection:
            self.delete_in(connection, draft_id)

    @staticmethod
    def delete_in(connection: Connection, draft_id: str) -> None:
        """Delete one draft inside the caller's transaction (raises :class:`NotFoundError`)."""
        check_id("draft", draft_id)
        if connection.execute(delete(interview_drafts).where(_is(draft_id))).rowcount != 1:
            raise NotFoundError("draft", draft_id)

    def list(self) -> builtins.list[StoredDraft]:
        """Every draft, newest first."""
        query = select(interview_drafts).order_by(
            interview_drafts.c.created_at.desc(), interview_drafts.c.id.desc()
        )
        with self.engine.connect() as connection:
            return [_from_row(row) for row in connection.execute(query)]

    def count(self) -> int:
        """How many drafts are stored."""
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(interview_drafts)) or 0)

    def export(self) -> builtins.list[dict[str, Any]]:
        """Every draft, oldest first, as JSON-ready data."""
        return [draft.model_dump(mode="json") for draft in reversed(self.list())]


def _looks_like_id(draft_id: str) -> bool:
    try:
        check_id("draft", draft_id)
    except NotFoundError:
        return False
    return True


def _is(draft_id: str) -> Any:
    return interview_drafts.c.id == draft_id


def _from_row(row: Row[Any]) -> StoredDraft:
    return StoredDraft(
        id=row.id,
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
        answers=row.answers_json,
    )


def draft_row(draft: StoredDraft) -> dict[str, Any]:
    """Every column of an ``interview_drafts`` row (starting and importing both use it)."""
    return {
        "id": draft.id,
        "created_at": utc(draft.created_at),
        "updated_at": utc(draft.updated_at),
        "answers_json": dict(draft.answers),
    }
