"""The facade's access to the runner's stored data as a whole (mixed into
:class:`runknee.api.Runknee`): export and import, erase, counts, pages of the history, which
database it is, and closing it. Storage loads on first use."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from typing import TYPE_CHECKING, Any

from runknee.api_base import FacadePart

if TYPE_CHECKING:
    from runknee.services.data_transfer import ImportReport as DataImportReport
    from runknee.storage import AssessmentStore, StoredAssessment
    from runknee.storage.paging import SummaryPage
    from runknee.storage.repositories import AssessmentPage
    from runknee.storage.transfer import ConflictMode


class DataAccess(FacadePart):
    """Everything stored, as a whole."""

    _opened_store: AssessmentStore | None

    @property
    def knowledge_version(self) -> str:  # provided by the facade
        raise NotImplementedError

    @property
    def database_label(self) -> str:
        """Where assessments are kept, with any password hidden (for messages)."""
        from runknee.storage import redact_url

        return redact_url(self._store.engine.url.render_as_string(hide_password=False))

    @property
    def database_backend(self) -> str:
        """The kind of database: ``sqlite``, ``postgresql``..."""
        return self._store.engine.url.get_backend_name()

    @property
    def database_in_memory(self) -> bool:
        """Whether the database is a temporary SQLite one in memory."""
        url = self._store.engine.url
        database = url.database or ""
        return url.get_backend_name() == "sqlite" and (
            database in ("", ":memory:") or database.startswith("file::memory:")
        )

    def export_data(self) -> dict[str, Any]:
        """Everything runknee stores about the user (drafts included), as JSON-ready data."""
        from runknee.services.data_transfer import export_document

        data = export_document(self._store)
        return {
            **data,
            "exported_at": self.clock().astimezone(UTC).isoformat(),
            "knowledge_version": self.knowledge_version,
        }

    def export_assessments(self) -> Iterator[StoredAssessment]:
        """Every saved assessment, oldest first, read in batches (for a streamed export)."""
        return self._store.iter_oldest_first()

    def export_after_assessments(self) -> dict[str, Any]:
        """The rest of the export document after the assessments (plans, sessions, drafts,
        the diary and form checks)."""
        return self._store.export_after_assessments()

    def import_data(self, data: Any, mode: ConflictMode = "skip") -> DataImportReport:
        """Import an export document (decoded JSON, or its text) in one transaction.

        Nothing stored is overwritten: a record whose id is already here is skipped
        (``mode="skip"``) or stored under a new id (``"keep-both"``); the report says which.

        Raises:
            CaseInputError: the file is damaged, not a runknee export, or from a newer runknee.
        """
        from runknee.services.data_transfer import import_document, parse_text, read_document

        document = read_document(parse_text(data) if isinstance(data, str | bytes) else data)
        return import_document(self._store, document, self.knowledge_version, mode)

    def erase_data(self) -> int:
        """Delete every assessment, plan, draft, diary entry and form check; return how many
        assessments there were."""
        return self._store.erase_all()

    def count_assessments(self) -> int:
        """How many assessments are saved (a count query, whatever the history's size)."""
        return self._store.count()

    def plan_counts(self) -> tuple[int, int]:
        """How many plans and logged sessions are saved."""
        return self._store.plans.counts()

    def assessments_page(self, limit: int, cursor: str | None = None) -> AssessmentPage:
        """A page of saved assessments, newest first (raises CaseInputError on a bad cursor)."""
        return self._store.page(limit, cursor)

    def summaries_page(self, limit: int, cursor: str | None = None) -> SummaryPage:
        """Like :meth:`assessments_page`, with only what a list shows."""
        return self._store.summary_page(limit, cursor)

    def database_url(self) -> str:
        """The database URL in full (it locates the server secret kept beside the data)."""
        return self._store.engine.url.render_as_string(hide_password=False)

    def close(self) -> None:
        """Close every pooled database connection (SQLite folds its WAL back into the file)."""
        if self._opened_store is not None:
            self._opened_store.close()
