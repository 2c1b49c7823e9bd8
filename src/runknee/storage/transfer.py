"""Importing a runner's exported data, in one transaction, without overwriting anything.

The export document (``AssessmentStore.export``) has built-in sections: ``assessments``,
``plans`` (each with its ``sessions``) and ``drafts``. Other packages add sections of their own
(the diary, form checks) with :func:`register_section`: an exporter that reads the section's
rows and an importer that writes them on the import's connection, so that everything commits
together or not at all.

A record whose id is already stored is never overwritten: with ``mode="skip"`` it is left out,
with ``mode="keep-both"`` it is stored under a new id (and records that point to it follow).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Engine, Table, insert, select

from runknee.errors import CaseInputError, FieldError
from runknee.i18n import Message
from runknee.storage.draft_repository import StoredDraft, draft_row
from runknee.storage.ids import utc
from runknee.storage.plan_records import StoredPlan, StoredSession
from runknee.storage.plan_repository import plan_row, session_row
from runknee.storage.records import StoredAssessment
from runknee.storage.repositories import assessment_row
from runknee.storage.tables import assessments, interview_drafts, plan_sessions, plans

ConflictMode = Literal["skip", "keep-both"]
M = TypeVar("M", bound=BaseModel)


@dataclass
class SectionReport:
    """What happened to one section's records."""

    imported: int = 0
    skipped: list[str] = field(default_factory=list)
    """Ids already stored and left as they were (mode ``skip``)."""
    renamed: dict[str, str] = field(default_factory=dict)
    """Ids already stored, imported under a new id (mode ``keep-both``): old -> new."""
    notes: list[Message] = field(default_factory=list)
    """What the runner should know about this section (say, videos the file lacked), as
    messages the service puts in the runner's language (storage reads no active language)."""


@dataclass
class ImportContext:
    """Shared by the section importers of one import: the mode and the ids that changed."""

    mode: ConflictMode
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)
    """Section name -> old id -> new id, so that later sections can follow a renamed record."""


SectionExporter = Callable[[Connection], Any]
"""Reads a section's records as JSON-ready data (a list, or an object of lists)."""
SectionImporter = Callable[
    [Connection, Any, ImportContext], "SectionReport | dict[str, SectionReport]"
]
"""Checks and writes a section's data; reports one section, or several parts by name.

Raises CaseInputError (naming the damaged record) before or while writing: the import's
transaction then leaves nothing behind."""


@dataclass(frozen=True)
class Section:
    """A section that another package adds to the export document."""

    name: str
    export: SectionExporter
    import_items: SectionImporter


SECTIONS: dict[str, Section] = {}
"""Sections added by other packages, by name, in the order they were registered."""

BUILT_IN = ("assessments", "plans", "drafts")


def register_section(section: Section) -> None:
    """Add a section to every export and import (a later registration replaces an earlier one).

    Raises:
        ValueError: the name is one of the built-in sections.
    """
    if section.name in BUILT_IN:
        raise ValueError(f"{section.name!r} is a built-in section")
    SECTIONS[section.name] = section


def export_sections(engine: Engine) -> dict[str, Any]:
    """The registered sections' records, by section name, read in one transaction."""
    with engine.connect() as connection:
        return {name: section.export(connection) for name, section in SECTIONS.items()}


def damaged(where: str, message: str) -> CaseInputError:
    """The error for a record the import cannot use (the whole file is refused)."""
    return CaseInputError([FieldError(where, f"{message}: the file is damaged")])


def stamp(moment: datetime, where: str) -> datetime:
    """A record's time in UTC (a time without a time zone is refused as damaged)."""
    try:
        return utc(moment)
    except ValueError:
        raise damaged(where, f"{moment.isoformat()} has no time zone") from None


def records(model: type[M], data: Any, where: str) -> list[M]:
    """Validate a list of records, naming the first bad one (``where[3].field``)."""
    if not isinstance(data, list):
        raise CaseInputError([FieldError(where, "must be a list")])
    out = []
    for number, item in enumerate(data):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            path = ".".join(str(part) for part in first["loc"])
            raise damaged(f"{where}[{number}].{path}", first["msg"]) from None
    return out


def exists(connection: Connection, table: Table, record_id: str) -> bool:
    """True when ``table`` has a row with this id."""
    return connection.execute(select(table.c.id).where(table.c.id == record_id)).first() is not None


def new_id() -> str:
    """A fresh record id (uuid4 as 32 hex digits)."""
    return uuid.uuid4().hex


def claim(
    connection: Connection,
    table: Table,
    record_id: str,
    ctx: ImportContext,
    report: SectionReport,
    section: str,
) -> str | None:
    """The id to store a record under, or None to leave it out (already stored, mode skip)."""
    if not exists(connection, table, record_id):
        return record_id
    if ctx.mode == "skip":
        report.skipped.append(record_id)
        return None
    fresh = new_id()
    report.renamed[record_id] = fresh
    ctx.renamed.setdefault(section, {})[record_id] = fresh
    return fresh


Timed = TypeVar("Timed", StoredAssessment, StoredPlan, StoredDraft)


def _moved(record: Timed, record_id: str, where: str) -> Timed:
    """``record`` under the id it is imported as, its times checked and in UTC."""
    return record.model_copy(
        update={
            "id": record_id,
            "created_at": stamp(record.created_at, where),
            "updated_at": stamp(record.updated_at, where),
        }
    )


def import_built_in(
    connection: Connection,
    items: list[StoredAssessment],
    followed: list[tuple[StoredPlan, list[StoredSession]]],
    drafts: list[StoredDraft],
    ctx: ImportContext,
) -> dict[str, SectionReport]:
    """Insert assessments, plans with their sessions, and drafts on ``connection``."""
    reports = {name: SectionReport() for name in (*BUILT_IN, "sessions")}
    for item in items:
        stored_id = claim(
            connection, assessments, item.id, ctx, reports["assessments"], "assessments"
        )
        if stored_id is None:
            continue
        record = _moved(item, stored_id, "assessments")
        connection.execute(insert(assessments).values(**assessment_row(record)))
        reports["assessments"].imported += 1
    moved = ctx.renamed.get("assessments", {})
    for plan, sessions in followed:
        plan_id = claim(connection, plans, plan.id, ctx, reports["plans"], "plans")
        if plan_id is None:
            reports["sessions"].skipped.extend(s.id for s in sessions)
            continue
        assessment_id = moved.get(plan.assessment_id or "", plan.assessment_id)
        if assessment_id is not None and not exists(connection, assessments, assessment_id):
            assessment_id = None  # a plan kept after its assessment was deleted
        moved_plan = _moved(plan, plan_id, "plans").model_copy(
            update={"assessment_id": assessment_id}
        )
        connection.execute(insert(plans).values(**plan_row(moved_plan)))
        reports["plans"].imported += 1
        for session in sessions:  # the plan is new here: its sessions always go in
            session_id = session.id
            if exists(connection, plan_sessions, session.id):
                session_id = reports["sessions"].renamed[session.id] = new_id()
            row = session_row(session) | {
                "id": session_id,
                "plan_id": plan_id,
                "logged_at": stamp(session.logged_at, "plans.sessions"),
            }
            connection.execute(insert(plan_sessions).values(**row))
            reports["sessions"].imported += 1
    for draft in drafts:
        draft_id = claim(connection, interview_drafts, draft.id, ctx, reports["drafts"], "drafts")
        if draft_id is None:
            continue
        connection.execute(
            insert(interview_drafts).values(**draft_row(_moved(draft, draft_id, "drafts")))
        )
        reports["drafts"].imported += 1
    return reports
