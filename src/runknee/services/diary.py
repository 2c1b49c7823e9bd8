"""The diary service: import activity files into the store, manual entries, and the report.

The import itself (parsers, worker processes) is in :mod:`runknee.services.diary_import`,
loaded when files are imported, so that reading the diary starts fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from runknee.diary.entries import (
    ManualRun,
    PainEntry,
    RunDetails,
    Shoe,
    StoredActivity,
    StoredPain,
    StoredShoe,
)
from runknee.errors import CaseInputError, FieldError, NotFoundError
from runknee.i18n import Message
from runknee.knowledge.loader import KnowledgeBase
from runknee.services.diary_reports import (
    DiaryFacts,
    DiaryWindow,
    diary_report,
    suggest_findings,
)
from runknee.storage import AssessmentStore
from runknee.storage.paging import Page

if TYPE_CHECKING:  # the report and the suggestions load when asked for (not to list runs)
    from runknee.diary.report import DiaryReport
    from runknee.diary.suggestions import DiarySuggestion

Progress = Callable[[int, int, str], None]


class ImportFailure(BaseModel):
    """A file that could not be imported, and why."""

    model_config = ConfigDict(frozen=True)

    file: str
    reason: str = Field(description="Why, in English (``reason_i18n`` is the same sentence).")
    reason_i18n: Message | None = Field(
        default=None, description="The reason as a sentence to translate and its values."
    )

    @classmethod
    def of(cls, file: str, reason: Message) -> ImportFailure:
        """The failure of ``file``, with its reason in English and as a message."""
        return cls(file=file, reason=reason.english, reason_i18n=reason)


class ImportReport(BaseModel):
    """What an import did."""

    model_config = ConfigDict(frozen=True)

    files_seen: int = Field(description="Activity files found (archives opened).")
    files_read: int = Field(description="Files read, including ones imported before.")
    already_imported: int = Field(description="Files skipped: imported before.")
    activities_added: int
    duplicates_skipped: int = Field(description="The same activity from another source.")
    replaced_by_better_source: int
    failures: list[ImportFailure]

    @property
    def nothing_read(self) -> bool:
        """True when no file could be read at all (the CLI then exits non-zero)."""
        return self.files_read == 0


class DiaryService:
    """The runner's diary over one store and clock."""

    def __init__(
        self, knowledge: KnowledgeBase, store: AssessmentStore, clock: Callable[[], datetime]
    ) -> None:
        self.knowledge = knowledge
        self.store = store
        self.clock = clock

    # Import --------------------------------------------------------------------------------

    def import_paths(
        self, paths: Iterable[Path], progress: Progress | None = None, workers: int | None = None
    ) -> ImportReport:
        """Import files, folders and zip archives (Strava and Garmin exports included)."""
        from runknee.diary.archives import collect
        from runknee.services.diary_import import import_found

        return import_found(self.store, self.clock, collect(paths), progress, workers)

    def import_upload(
        self, file_name: str, data: bytes, progress: Progress | None = None
    ) -> ImportReport:
        """Import one uploaded file or zip archive (the web's upload form).

        ``progress(done, total, name)`` is called as files are handled. Files are parsed in
        this process: a server's threads should not fork workers.
        """
        from runknee.diary.archives import Collected, collect
        from runknee.diary.files import ImportItem
        from runknee.services.diary_import import import_found

        name = Path(file_name).name or "upload"
        if name.lower().endswith(".zip"):
            import tempfile  # the zip reader wants a file; keep it out of the common path

            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / name
                path.write_bytes(data)
                return import_found(self.store, self.clock, collect([path]), progress, 1)
        found = Collected(items=[ImportItem(name=name, data=data)])
        return import_found(self.store, self.clock, found, progress, 1)

    # Activities ------------------------------------------------------------------------------

    def runs(self, since: date | None = None, until: date | None = None) -> list[StoredActivity]:
        """Every activity (runs and other sports) in time order."""
        return self.store.diary.list(since, until)

    def runs_page(
        self,
        limit: int,
        cursor: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Page[StoredActivity]:
        """Activities newest first, ``limit`` at a time after ``cursor`` (a page's
        ``next_cursor``; raises :class:`CaseInputError` for one that is not a cursor)."""
        return self.store.diary.page(limit, cursor, since, until)

    def run(self, activity_id: str) -> StoredActivity:
        """One activity with its per-km splits (raises :class:`NotFoundError`)."""
        return self.store.diary.get(activity_id)

    def add_run(self, run: ManualRun) -> StoredActivity:
        """Store a run typed in by hand."""
        self._check_shoe(run.shoe_id)
        return self.store.diary.add_manual(run, self.clock())

    def update_run(self, activity_id: str, details: RunDetails) -> StoredActivity:
        """Set a run's shoes, surface, route, session type and notes."""
        self._check_shoe(details.shoe_id)
        return self.store.diary.update_details(activity_id, details, self.clock())

    def delete_run(self, activity_id: str) -> None:
        """Delete an activity and its per-km splits (nothing else goes with it)."""
        self.store.diary.delete(activity_id)

    def _check_shoe(self, shoe_id: str | None) -> None:
        """Shoes named by id must exist: like any id that names nothing, a 404 on the web."""
        if shoe_id is not None and shoe_id not in {shoe.id for shoe in self.shoes()}:
            raise NotFoundError("shoe_id", shoe_id, message=f"no shoes with id {shoe_id!r}")

    # Pain and shoes --------------------------------------------------------------------------

    def add_pain(self, entry: PainEntry) -> StoredPain:
        """Store a pain entry (``location`` must be one of the knowledge base's locations)."""
        self._check_location(entry.location)
        return self.store.pain.add(entry, self.clock())

    def pain(self, since: date | None = None) -> list[StoredPain]:
        """Every pain entry (from ``since`` when given), oldest first."""
        return self.store.pain.list(since)

    def pain_page(self, limit: int, cursor: str | None = None) -> Page[StoredPain]:
        """Pain entries newest first (by day), ``limit`` at a time after ``cursor``."""
        return self.store.pain.page(limit, cursor)

    def update_pain(self, entry_id: str, entry: PainEntry) -> StoredPain:
        """Replace a pain entry's values."""
        self._check_location(entry.location)
        return self.store.pain.update(entry_id, entry, self.clock())

    def delete_pain(self, entry_id: str) -> None:
        """Delete a pain entry (nothing else goes with it)."""
        self.store.pain.delete(entry_id)

    def pain_locations(self) -> list[str]:
        """The knee locations a pain entry may name."""
        rules = self.knowledge.diary
        return list(rules.pain_locations) if rules else []

    def _check_location(self, location: str | None) -> None:
        if location is not None and location not in self.pain_locations():
            raise CaseInputError([FieldError("location", "unknown location")])

    def add_shoe(self, shoe: Shoe) -> StoredShoe:
        """Store a pair of shoes."""
        return self.store.shoes.add(shoe, self.clock())

    def shoes(self) -> list[StoredShoe]:
        """Every pair, in the order added."""
        return self.store.shoes.list()

    def shoes_page(self, limit: int, cursor: str | None = None) -> Page[StoredShoe]:
        """Pairs newest first (by when added), ``limit`` at a time after ``cursor``."""
        return self.store.shoes.page(limit, cursor)

    def update_shoe(self, shoe_id: str, shoe: Shoe) -> StoredShoe:
        """Replace a pair's values."""
        return self.store.shoes.update(shoe_id, shoe)

    def runs_with_shoe(self, shoe_id: str) -> int:
        """How many runs name this pair (they keep existing, without shoes, if it is deleted)."""
        return self.store.shoes.runs_with(shoe_id)

    def delete_shoe(self, shoe_id: str) -> None:
        """Delete a pair; its runs stay, without shoes."""
        self.store.shoes.delete(shoe_id)

    # Analysis --------------------------------------------------------------------------------

    def suggest_findings(self, as_of: date | None = None) -> list[DiarySuggestion]:
        """Training findings the diary supports, for a new assessment to offer for confirmation
        (each with the runs or pain entries behind it)."""
        # The home page asks on every visit: the answer is kept until the diary changes.
        return suggest_findings(
            self.knowledge, as_of, self.today, self.window, self.store.reads.get
        )

    def window(self, since: date, until: date) -> DiaryWindow:
        """What the suggestions read: activities between two local days, pain entries from
        ``since``, and every pair of shoes."""
        return self.store.diary.list(since=since, until=until), self.pain(since), self.shoes()

    def latest_day(self) -> date | None:
        """The day of the newest activity, if any."""
        return self.store.diary.latest_day()

    def today(self) -> date:
        """Today by the facade's clock (UTC)."""
        return self.clock().date()

    def report(self, as_of: date | None = None, weeks_shown: int = 12) -> DiaryReport:
        """Weekly figures, load numbers, pain beside training, and flags up to ``as_of``."""
        return diary_report(self.knowledge, as_of, weeks_shown, self.today, self.facts)

    def facts(self, day: date) -> DiaryFacts:
        """What the report reads up to ``day``: activities' and pain entries' analysed fields,
        and every pair of shoes."""
        return self.store.diary.facts(until=day), self.store.pain.facts(until=day), self.shoes()
