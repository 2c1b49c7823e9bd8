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
from typing import Any, Literal

from sqlalchemy import Connection, Engine, Table, insert, select

from runknee.storage.draft_repository import StoredDraft
from runknee.storage.ids import utc
from runknee.storage.paging import summary_columns
from runknee.storage.plan_repository import StoredPlan, StoredSession
from runknee.storage.repositories import StoredAssessment
from runknee.storage.tables import assessments, interview_drafts, plan_sessions, plans

ConflictMode = Literal["skip", "keep-both"]


@dataclass
class SectionReport:
    """What happened to one section's records."""

    imported: int = 0
    skipped: list[str] = field(default_factory=list)
    """Ids already stored and left as they were (mode ``skip``)."""
    renamed: dict[str, str] = field(default_factory=dict)
    """Ids already stored, imported under a new id (mode ``keep-both``): old -> new."""


@dataclass
class ImportContext:
    """Shared by the section importers of one import: the mode and the ids that changed."""

    mode: ConflictMode
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)
    """Section name -> old id -> new id, so that later sections can follow a renamed record."""


SectionExporter = Callable[[Connection], list[dict[str, Any]]]
SectionImporter = Callable[[Connection, list[dict[str, Any]], ImportContext], SectionReport]


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


def export_sections(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """The registered sections' records, by section name."""
    with engine.connect() as connection:
        return {name: section.export(connection) for name, section in SECTIONS.items()}


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
        connection.execute(
            insert(assessments).values(
                id=stored_id,
                created_at=utc(item.created_at),
                updated_at=utc(item.updated_at),
                knowledge_version=item.knowledge_version,
                urgency=item.result.urgency.value,
                case_json=item.case.model_dump(mode="json"),
                result_json=item.result.model_dump(mode="json"),
                **summary_columns(item.result),
            )
        )
        reports["assessments"].imported += 1
    moved = ctx.renamed.get("assessments", {})
    for plan, sessions in followed:
        plan_id = claim(connection, plans, plan.id, ctx, reports["plans"], "plans")
        if plan_id is None:
            reports["sessions"].skipped.extend(s.id for s in sessions)
            continue
        connection.execute(
            insert(plans).values(
                id=plan_id,
                assessment_id=moved.get(plan.assessment_id, plan.assessment_id),
                created_at=utc(plan.created_at),
                updated_at=utc(plan.updated_at),
                knowledge_version=plan.knowledge_version,
                session_count=plan.session_count,
                plan_json=plan.plan.model_dump(mode="json"),
                state_json=None if plan.state is None else plan.state.model_dump(mode="json"),
            )
        )
        reports["plans"].imported += 1
        for session in sessions:
            session_id = (
                session.id if not exists(connection, plan_sessions, session.id) else new_id()
            )
            connection.execute(
                insert(plan_sessions).values(
                    id=session_id,
                    plan_id=plan_id,
                    number=session.number,
                    logged_at=utc(session.logged_at),
                    kind=session.kind,
                    decision=session.progress.decision,
                    session_json=session.session.model_dump(mode="json"),
                    progress_json=session.progress.model_dump(mode="json"),
                )
            )
            reports["sessions"].imported += 1
    for draft in drafts:
        draft_id = claim(connection, interview_drafts, draft.id, ctx, reports["drafts"], "drafts")
        if draft_id is None:
            continue
        connection.execute(
            insert(interview_drafts).values(
                id=draft_id,
                created_at=utc(draft.created_at),
                updated_at=utc(draft.updated_at),
                answers_json=dict(draft.answers),
            )
        )
        reports["drafts"].imported += 1
    return reports
