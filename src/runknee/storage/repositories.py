"""The assessment repository: save, list, get, delete, export and erase saved assessments.

Every write runs in one transaction: it either commits whole or leaves nothing behind. Plans
being followed live in :mod:`runknee.storage.plan_repository` (``store.plans``); deleting an
assessment deletes its plans and their sessions too, unless the runner keeps them. Unfinished web interviews live in
:mod:`runknee.storage.draft_repository` (``store.drafts``); saving an assessment can delete
the draft it came from in the same transaction.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, Row, Select, Text, and_, cast, delete, func, insert, or_, select
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from runknee.engine.case import Case
from runknee.engine.result import AssessmentResult
from runknee.errors import DatabaseError, NotFoundError
from runknee.storage.database import (
    DATABASE_UNAVAILABLE,
    migrate,
    open_engine,
    redact_url,
    scrub,
)
from runknee.storage.ids import as_utc, check_id, utc
from runknee.storage.paging import (
    AssessmentSummary,
    SummaryPage,
    newest_first,
    page_of,
    summary_columns,
)
from runknee.storage.read_cache import ReadCache
from runknee.storage.records import StoredAssessment, assessment_from_row
from runknee.storage.store_parts import StoreParts, erase_feature_rows_in
from runknee.storage.tables import (
    assessments,
    form_checks,
    interview_drafts,
    plan_sessions,
    plans,
)

_CANNOT_OPEN: tuple[type[Exception], ...] = (*DATABASE_UNAVAILABLE, OSError)

EXPORT_FORMAT = "runknee-export"
EXPORT_FORMAT_VERSION = 1


class AssessmentPage(BaseModel):
    """One page of saved assessments, newest first, and the cursor of the next page."""

    model_config = ConfigDict(frozen=True)

    items: list[StoredAssessment]
    next_cursor: str | None = Field(
        description="Pass as ``cursor`` for the next page; null at the end."
    )


class AssessmentStore(StoreParts):
    """Saved assessments in one database (SQLite or PostgreSQL), and the other repositories
    over it (``plans``, ``drafts``, ``diary``, ``pain``, ``shoes``, ``form_checks``: see
    :class:`~runknee.storage.store_parts.StoreParts`).

    Args:
        engine: a SQLAlchemy engine whose schema is migrated (see :func:`migrate`).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.reads = ReadCache(engine)

    @classmethod
    def open(cls, url: str) -> AssessmentStore:
        """Connect to ``url``, create or upgrade the schema, and return a store.

        Raises:
            DatabaseError: the URL is not a database URL runknee can use, or the database
                cannot be reached or opened (the message hides any password).
        """
        try:
            engine = open_engine(url)
        except (ArgumentError, NoSuchModuleError, ValueError) as exc:
            shown = _shown_url(url)
            raise DatabaseError(
                f"not a database URL runknee can use: {shown} ({exc}); expected for example "
                "sqlite:///path/to/runknee.sqlite3 or postgresql+psycopg://user@host/db",
                invalid_url=True,
            ) from None
        except OSError as exc:  # the SQLite file's folder cannot be created or changed
            raise DatabaseError(f"cannot open the database {_shown_url(url)}: {exc}") from None
        try:
            migrate(engine)
        except _CANNOT_OPEN as exc:
            engine.dispose()
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise DatabaseError(f"cannot open the database {_shown_url(url)}: {reason}") from None
        return cls(engine)

    def save(
        self,
        case: Case,
        result: AssessmentResult,
        now: datetime,
        finished_draft: str | None = None,
    ) -> StoredAssessment:
        """Store a new assessment in one transaction.

        Args:
            case: the validated case.
            result: its assessment.
            now: the current time; must be timezone-aware (stored as UTC).
            finished_draft: the interview draft the case came from, deleted in the same
                transaction.

        Returns:
            The stored record with its new id.

        Raises:
            NotFoundError: ``finished_draft`` does not exist (already finished or erased);
                nothing is saved then.
        """
        stored = _new_record(case, result, now)
        with self.engine.begin() as connection:
            connection.execute(insert(assessments).values(**assessment_row(stored)))
            if finished_draft is not None:
                self.drafts.delete_in(connection, finished_draft)
        return stored

    def list(self) -> list[StoredAssessment]:
        """Every saved assessment, newest first."""
        with self.engine.connect() as connection:
            return [assessment_from_row(row._mapping) for row in connection.execute(newest())]

    def save_many(
        self, items: Sequence[tuple[Case, AssessmentResult, datetime]]
    ) -> builtins.list[str]:
        """Store many assessed cases in one transaction (an import, or a benchmark's history);
        return their new ids, in order."""
        rows = [assessment_row(_new_record(case, result, now)) for case, result, now in items]
        if rows:
            with self.engine.begin() as connection:
                connection.execute(insert(assessments), rows)
        return [row["id"] for row in rows]

    def page(self, limit: int, cursor: str | None = None) -> AssessmentPage:
        """Up to ``limit`` assessments, newest first, after ``cursor`` (a page's
        ``next_cursor``; ``None`` for the newest). Keyset paging: a page costs the same at any
        depth, and saving or deleting meanwhile never repeats or skips an older item.

        Raises:
            CaseInputError: ``cursor`` is not one this store gave out.
        """
        found = page_of(self._newest(records(), limit, cursor), limit, _row_key)
        return AssessmentPage(
            items=[assessment_from_row(row._mapping) for row in found.items],
            next_cursor=found.next_cursor,
        )

    def summary_page(self, limit: int, cursor: str | None = None) -> SummaryPage:
        """Like :meth:`page`, but only what a list shows (the summary columns saved with each
        assessment, so a page parses no whole results)."""
        return self.reads.get(("summaries", limit, cursor), lambda: self._summaries(limit, cursor))

    def _summaries(self, limit: int, cursor: str | None) -> SummaryPage:
        c = assessments.c
        columns = select(c.id, c.created_at, c.urgency, c.urgency_label, c.top_condition)
        found = page_of(self._newest(columns, limit, cursor), limit, _row_key)
        items = [
            AssessmentSummary(
                id=row.id,
                created_at=as_utc(row.created_at),
                urgency=row.urgency,
                urgency_label=row.urgency_label or row.urgency,
                top_condition=row.top_condition,
            )
            for row in found.items
        ]
        return SummaryPage(items=items, next_cursor=found.next_cursor)

    def _newest(self, query: Select[Any], limit: int, cursor: str | None) -> builtins.list[Any]:
        """Rows of ``query`` newest first after ``cursor``, one more than ``limit`` (the
        shared keyset paging of :mod:`runknee.storage.paging`)."""
        c = assessments.c
        with self.engine.connect() as connection:
            return list(connection.execute(newest_first(query, c.created_at, c.id, limit, cursor)))

    def iter_oldest_first(self, batch: int = 200) -> Iterator[StoredAssessment]:
        """Every assessment, oldest first, read ``batch`` rows at a time (for streaming)."""
        created: datetime | None = None
        last_id = ""
        while True:
            query = records().order_by(assessments.c.created_at, assessments.c.id)
            if created is not None:
                query = query.where(
                    or_(
                        assessments.c.created_at > created,
                        and_(assessments.c.created_at == created, assessments.c.id > last_id),
                    )
                )
            with self.engine.connect() as connection:
                rows = list(connection.execute(query.limit(batch)))
            for row in rows:
                yield assessment_from_row(row._mapping)
            if len(rows) < batch:
                return
            created, last_id = rows[-1].created_at, rows[-1].id

    def count(self) -> int:
        """How many assessments are saved."""
        return self.reads.get(("count",), self._count)

    def _count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(assessments)) or 0)

    def get(self, assessment_id: str) -> StoredAssessment:
        """One saved assessment.

        Raises:
            NotFoundError: no assessment has this id.
        """
        check_id("assessment", assessment_id)
        query = records().where(assessments.c.id == assessment_id)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            raise NotFoundError("assessment", assessment_id)
        return assessment_from_row(row._mapping)

    def delete(self, assessment_id: str, keep_plans: bool = False) -> None:
        """Delete one saved assessment in one transaction, and scrub the file (SQLite).

        Args:
            assessment_id: the assessment.
            keep_plans: keep the plans built from it (with their sessions), without their
                assessment; by default they are deleted with it.

        Raises:
            NotFoundError: no assessment has this id.
        """
        check_id("assessment", assessment_id)
        with self.engine.begin() as connection:
            if not keep_plans:  # sessions go with their plan (ON DELETE CASCADE)
                connection.execute(delete(plans).where(plans.c.assessment_id == assessment_id))
            deleted = connection.execute(
                delete(assessments).where(assessments.c.id == assessment_id)
            ).rowcount
            if deleted == 0:
                raise NotFoundError("assessment", assessment_id)
        self.reads.forget()  # no copy of it stays in memory either
        scrub(self.engine, rebuild=False)  # secure_delete zeroed it; empty the WAL

    def export(self) -> dict[str, Any]:
        """All stored user data as JSON-ready data (oldest first): assessments, plans with
        their sessions, unfinished interview drafts and form checks."""
        items = [item.model_dump(mode="json") for item in reversed(self.list())]
        return {
            "format": EXPORT_FORMAT,
            "format_version": EXPORT_FORMAT_VERSION,
            "assessments": items,
            **self.export_after_assessments(),
        }

    def export_after_assessments(self) -> dict[str, Any]:
        """The parts of :meth:`export` that follow the assessments (plans, drafts, then the
        registered sections: the diary, form checks): the streamed export writes the
        assessments in batches, then these."""
        from runknee.storage.feature_sections import export_sections

        return {
            "plans": self.plans.export(),
            "drafts": self.drafts.export(),
            **export_sections(self.engine),
        }

    def erase_all(self) -> int:
        """Delete every saved assessment, plan, session, interview draft, diary entry and form
        check (with its videos) in one transaction, then scrub the file (SQLite) so that no
        byte of them is left.

        Returns:
            How many assessments there were.
        """
        with self.engine.begin() as connection:
            connection.execute(delete(interview_drafts))
            erase_feature_rows_in(connection)
            connection.execute(delete(form_checks))
            connection.execute(delete(plan_sessions))
            connection.execute(delete(plans))
            count = int(connection.execute(delete(assessments)).rowcount)
        self.reads.forget()
        scrub(self.engine)
        return count

    def close(self) -> None:
        """Release the engine's connections."""
        self.reads.close()
        self.engine.dispose()


def _shown_url(url: str) -> str:
    try:
        return redact_url(url)
    except (ArgumentError, ValueError):
        return "(unreadable URL)"  # it may hold a password in a form we cannot parse


def assessment_row(item: StoredAssessment) -> dict[str, Any]:
    """Every column of an ``assessments`` row, with the summary columns a list reads (saving
    one, saving many and importing all use it)."""
    return {
        "id": item.id,
        "created_at": utc(item.created_at),
        "updated_at": utc(item.updated_at),
        "knowledge_version": item.knowledge_version,
        "urgency": item.result.urgency.value,
        "case_json": item.case.model_dump(mode="json"),
        "result_json": item.result.model_dump(mode="json"),
        **summary_columns(item.result),
    }


def _new_record(case: Case, result: AssessmentResult, now: datetime) -> StoredAssessment:
    """A new saved assessment of ``case`` (a fresh id, created and updated ``now``, in UTC)."""
    stamp = utc(now)
    return StoredAssessment(
        id=uuid.uuid4().hex,
        created_at=stamp,
        updated_at=stamp,
        knowledge_version=result.knowledge_version,
        case=case,
        result=result,
    )


def _row_key(row: Row[Any]) -> tuple[datetime, str]:
    """A row's place in newest-first order, for the next page's cursor."""
    return as_utc(row.created_at), row.id


def records() -> Select[Any]:
    """The columns of a whole record, the JSON ones as text (see
    :func:`~runknee.storage.records.assessment_from_row`)."""
    return select(
        assessments.c.id,
        assessments.c.created_at,
        assessments.c.updated_at,
        assessments.c.knowledge_version,
        cast(assessments.c.case_json, Text).label("case_text"),
        cast(assessments.c.result_json, Text).label("result_text"),
    )


def newest() -> Select[Any]:
    """Every whole record, newest first (:meth:`AssessmentStore.list`; the quick read path's
    SQL is generated from it, see :mod:`runknee.storage.sqlite_queries`)."""
    return records().order_by(assessments.c.created_at.desc(), assessments.c.id.desc())
