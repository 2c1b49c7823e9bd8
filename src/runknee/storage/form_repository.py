"""Saved form checks (table ``form_checks``): the metrics report of each analysed clip, and
the clip and annotated video only when the runner chose to keep them.

Every write is one transaction; callers pass the time in.
"""

from __future__ import annotations

import builtins
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import Engine, Select, delete, func, insert, select

from runknee.errors import NotFoundError
from runknee.form.models import FormReport
from runknee.storage.database import scrub
from runknee.storage.form_records import StoredFormCheck, form_check_from_row
from runknee.storage.ids import check_id, utc
from runknee.storage.paging import Page, newest_first, page_of
from runknee.storage.tables import form_checks

VideoKind = Literal["clip", "annotated"]


class ExportedFormCheck(StoredFormCheck):
    """A form check in the export: with its videos (base64) when the runner kept them."""

    clip_bytes: int | None = Field(None, description="Size of the stored clip, if any.")
    annotated_bytes: int | None = Field(None, description="Size of the annotated video, if any.")
    clip_base64: str | None = Field(None, description="The kept clip, base64.")
    annotated_base64: str | None = Field(None, description="The annotated video, base64.")


_SUMMARY = [c for c in form_checks.c if c.name not in ("video", "annotated_video")]


def form_check_row(
    check: StoredFormCheck, clip: bytes | None, annotated: bytes | None
) -> dict[str, Any]:
    """Every column of a ``form_checks`` row with its videos (saving a check and importing one
    both use it)."""
    return {
        "id": check.id,
        "created_at": utc(check.created_at),
        "label": check.label[:200],
        "view": check.report.view,
        "gait": check.report.gait,
        "knowledge_version": check.knowledge_version,
        "report_json": check.report.model_dump(mode="json"),
        "video": clip,
        "annotated_video": annotated,
    }


class FormCheckRepository:
    """Form checks in the same database as the assessments."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(
        self,
        report: FormReport,
        now: datetime,
        label: str,
        knowledge_version: str,
        clip: bytes | None = None,
        annotated: bytes | None = None,
    ) -> StoredFormCheck:
        """Store a report (and the videos only when given) in one transaction."""
        stamp = utc(now)
        stored = StoredFormCheck(
            id=uuid.uuid4().hex,
            created_at=stamp,
            label=label[:200],
            knowledge_version=knowledge_version,
            report=report,
            has_clip=clip is not None,
            has_annotated=annotated is not None,
        )
        with self.engine.begin() as connection:
            connection.execute(
                insert(form_checks).values(**form_check_row(stored, clip, annotated))
            )
        return stored

    def list(self) -> builtins.list[StoredFormCheck]:
        """Every form check, newest first (without the videos)."""
        with self.engine.connect() as connection:
            return [form_check_from_row(row._mapping) for row in connection.execute(newest())]

    def page(self, limit: int, cursor: str | None = None) -> Page[StoredFormCheck]:
        """Form checks newest first, ``limit`` at a time after ``cursor`` (without videos)."""
        c = form_checks.c
        query = newest_first(select(*_SUMMARY, *_flags()), c.created_at, c.id, limit, cursor)
        with self.engine.connect() as connection:
            rows = [form_check_from_row(row._mapping) for row in connection.execute(query)]
        return page_of(rows, limit, lambda check: (check.created_at, check.id))

    def get(self, check_id_: str) -> StoredFormCheck:
        """One form check (raises :class:`NotFoundError`)."""
        check_id("form check", check_id_)
        query = select(*_SUMMARY, *_flags()).where(form_checks.c.id == check_id_)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            raise NotFoundError("form check", check_id_)
        return form_check_from_row(row._mapping)

    def video(self, check_id_: str, kind: VideoKind) -> bytes:
        """A stored video (raises :class:`NotFoundError` when absent)."""
        check_id("form check", check_id_)
        column = form_checks.c.video if kind == "clip" else form_checks.c.annotated_video
        with self.engine.connect() as connection:
            data = connection.scalar(select(column).where(form_checks.c.id == check_id_))
        if data is None:
            raise NotFoundError("form check video", check_id_)
        return bytes(data)

    def delete(self, check_id_: str) -> None:
        """Delete one form check with its videos (raises :class:`NotFoundError`)."""
        check_id("form check", check_id_)
        with self.engine.begin() as connection:
            if (
                connection.execute(
                    delete(form_checks).where(form_checks.c.id == check_id_)
                ).rowcount
                != 1
            ):
                raise NotFoundError("form check", check_id_)
        scrub(self.engine, rebuild=False)  # the videos' old pages leave the WAL too

    def count(self) -> int:
        """How many form checks are stored."""
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(form_checks)) or 0)


def _flags() -> builtins.list[Any]:
    return [
        form_checks.c.video.is_not(None).label("has_clip"),
        form_checks.c.annotated_video.is_not(None).label("has_annotated"),
    ]


def newest() -> Select[Any]:
    """Every form check without its videos, newest first (:meth:`FormCheckRepository.list`;
    the quick read path's SQL is generated from it)."""
    c = form_checks.c
    return select(*_SUMMARY, *_flags()).order_by(c.created_at.desc(), c.id.desc())
