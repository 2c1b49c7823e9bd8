"""A runner's data that moves: the export document and importing it back (issue 12).

:func:`read_document` checks a file before anything is written: it must be JSON, a runknee
export (``"format": "runknee-export"``), of a format version this runknee reads, with every
record valid. :func:`import_document` then writes it in one transaction and reports what was
imported, what was already there (skipped or kept both) and whether the knowledge base differs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from typing import Any

from runknee import strict_json
from runknee.errors import CaseInputError, FieldError
from runknee.i18n import N_, Message, _, render
from runknee.storage import (
    AssessmentStore,
    StoredAssessment,
    StoredDraft,
    StoredPlan,
    StoredSession,
)
from runknee.storage.feature_sections import SECTIONS  # the diary's and form checks' too
from runknee.storage.repositories import EXPORT_FORMAT, EXPORT_FORMAT_VERSION
from runknee.storage.transfer import (
    BUILT_IN,
    ConflictMode,
    ImportContext,
    SectionReport,
    import_built_in,
    records,
)

METADATA = {"format", "format_version", "exported_at", "knowledge_version"}


@dataclass(frozen=True)
class Document:
    """A checked export document, ready to import."""

    knowledge_version: str
    exported_at: str
    assessments: list[StoredAssessment]
    plans: list[tuple[StoredPlan, list[StoredSession]]]
    drafts: list[StoredDraft]
    extra: dict[str, Any]
    """The registered sections' data, checked by each section's importer."""
    unknown_sections: list[str]


@dataclass
class ImportReport:
    """What an import did, section by section, with notes for the runner."""

    sections: dict[str, SectionReport] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: per section, how many were imported, skipped and kept as a copy."""
        return {
            "sections": {
                name: {
                    "imported": report.imported,
                    "skipped": report.skipped,
                    "renamed": report.renamed,
                }
                for name, report in self.sections.items()
            },
            "notes": self.notes,
        }

    def lines(self) -> list[str]:
        """The report in words, one line per section that had anything, then the notes."""
        out = []
        for name, report in self.sections.items():
            if not (report.imported or report.skipped or report.renamed):
                continue
            values = {"section": section_words(name), "imported": report.imported}
            values |= {"skipped": len(report.skipped), "renamed": len(report.renamed)}
            out.append(_(SECTION_LINES[bool(report.skipped), bool(report.renamed)]) % values)
        return out + self.notes


SECTION_LINES = {  # (any skipped, any kept both): one whole sentence for each case
    (False, False): N_("%(section)s: %(imported)s imported."),
    (True, False): N_(
        "%(section)s: %(imported)s imported, %(skipped)s already here, left as they were."
    ),
    (False, True): N_(
        "%(section)s: %(imported)s imported, %(renamed)s already here, kept both (new ids)."
    ),
    (True, True): N_(
        "%(section)s: %(imported)s imported, %(skipped)s already here, left as they were, "
        "%(renamed)s already here, kept both (new ids)."
    ),
}
"""A section's line in the import report."""

SECTION_WORDS = {
    "assessments": N_("Assessments"),
    "plans": N_("Plans"),
    "drafts": N_("Drafts"),
    "sessions": N_("Sessions"),
    "diary_shoes": N_("Diary shoes"),
    "diary_activities": N_("Diary activities"),
    "diary_imported_files": N_("Diary imported files"),
    "diary_pain_entries": N_("Diary pain entries"),
    "form_checks": N_("Form checks"),
}
"""Every section an import reports on, as the report names it."""


def section_words(name: str) -> str:
    """A section of an export in words, in the active language (a section runknee has no
    words for reads as its name, spaced)."""
    words = SECTION_WORDS.get(name)
    return _(words) if words else name.replace("_", " ").capitalize()


def export_document(store: AssessmentStore) -> dict[str, Any]:
    """Everything stored, with the sections other packages registered (the diary, form
    checks: :meth:`AssessmentStore.export_after_assessments` adds them)."""
    return store.export()


def _fail(field_name: str, message: str) -> CaseInputError:
    return CaseInputError([FieldError(field_name, message)])


def parse_text(text: str | bytes) -> Any:
    """Decode the file's JSON (raises CaseInputError saying the file is damaged)."""
    try:
        return strict_json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise _fail(
            "file", f"not valid JSON{where}: the file is damaged or not a runknee export"
        ) from None


def read_document(data: Any) -> Document:
    """Check a decoded export document (raises CaseInputError with the reason)."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise _fail("format", f'not a runknee export (no "format": "{EXPORT_FORMAT}")')
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail("format_version", "missing or not a whole number: the file is damaged")
    if version > EXPORT_FORMAT_VERSION:
        raise _fail(
            "format_version",
            f"made by a newer runknee (format version {version}); this one reads up to "
            f"version {EXPORT_FORMAT_VERSION}: update runknee first",
        )
    knowledge = data.get("knowledge_version")
    if not isinstance(knowledge, str):
        raise _fail("knowledge_version", "missing: the file is damaged")
    plans: list[tuple[StoredPlan, list[StoredSession]]] = []
    raw_plans = data.get("plans", [])
    for number, (plan, raw) in enumerate(
        zip(records(StoredPlan, raw_plans, "plans"), raw_plans, strict=True)
    ):
        sessions = [_dated(item, plan) for item in raw.get("sessions", [])]
        plans.append((plan, records(StoredSession, sessions, f"plans[{number}].sessions")))
    extra = {name: data[name] for name in SECTIONS if name in data}
    known = METADATA | set(BUILT_IN) | set(SECTIONS)
    return Document(
        knowledge_version=knowledge,
        exported_at=str(data.get("exported_at", "")),
        assessments=records(StoredAssessment, data.get("assessments", []), "assessments"),
        plans=plans,
        drafts=records(StoredDraft, data.get("drafts", []), "drafts"),
        extra=extra,
        unknown_sections=sorted(set(data) - known),
    )


def _dated(item: Any, plan: StoredPlan) -> Any:
    """A session from an export made before sessions had dates gets the day it counted:
    the plan's start date plus its day number."""
    if not isinstance(item, dict) or "on" in item:
        return item
    logged = item.get("session")
    day = logged.get("day") if isinstance(logged, dict) else None
    if not isinstance(day, int) or isinstance(day, bool) or not 0 <= day <= 3650:
        return item
    start = plan.created_at.astimezone(UTC).date()
    return {**item, "on": (start + timedelta(days=day)).isoformat()}


def import_document(
    store: AssessmentStore, document: Document, knowledge_version: str, mode: ConflictMode
) -> ImportReport:
    """Write a checked document in one transaction; nothing already stored is overwritten."""
    ctx = ImportContext(mode)
    report = ImportReport()
    with store.engine.begin() as connection:
        report.sections = import_built_in(
            connection, document.assessments, document.plans, document.drafts, ctx
        )
        for name, items in document.extra.items():
            done = SECTIONS[name].import_items(connection, items, ctx)
            report.sections.update(done if isinstance(done, dict) else {name: done})
    for section in report.sections.values():
        report.notes.extend(render(note) for note in section.notes)
    if document.knowledge_version != knowledge_version:
        note = N_(
            "The file was made with knowledge base %(theirs)s; this runknee has %(ours)s. "
            "Results are kept as they were assessed."
        )
        versions = {"theirs": document.knowledge_version, "ours": knowledge_version}
        report.notes.append(render(Message.of(note, **versions)))
    for name in document.unknown_sections:
        note = N_("Left out %(section)s: this runknee does not keep that kind of data.")
        report.notes.append(render(Message.of(note, section=repr(name))))
    return report
