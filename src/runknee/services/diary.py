"""The diary service: import activity files into the store, manual entries, and the report.

Parsing runs in worker processes (one file per task); saving runs here, one transaction per
file. Files imported before (same SHA-256 of their content) are skipped before parsing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from runknee.diary.archives import Collected, collect
from runknee.diary.entries import (
    FIRST_DAY,
    LAST_DAY,
    ManualRun,
    PainEntry,
    RunDetails,
    Shoe,
    StoredActivity,
    StoredPain,
    StoredShoe,
)
from runknee.diary.files import ImportItem, ItemOutcome, content_of, parse_outcome, sha256_of
from runknee.diary.models import ActivityFileError, ParsedFile
from runknee.diary.report import DiaryReport, build_report
from runknee.diary.suggestions import BEFORE_DAYS, RECENT_DAYS, DiarySuggestion, suggest_findings
from runknee.errors import CaseInputError, FieldError, NotFoundError
from runknee.knowledge.loader import KnowledgeBase
from runknee.storage import AssessmentStore
from runknee.storage.paging import Page

Progress = Callable[[int, int, str], None]
INLINE_LIMIT = 4  # fewer files than this are parsed in this process


class ImportFailure(BaseModel):
    """A file that could not be imported, and why."""

    model_config = ConfigDict(frozen=True)

    file: str
    reason: str


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


@dataclass
class _Tally:
    read: int = 0
    known: int = 0
    added: int = 0
    duplicates: int = 0
    replaced: int = 0


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
        return self._import(collect(paths), progress, workers)

    def import_upload(
        self, file_name: str, data: bytes, progress: Progress | None = None
    ) -> ImportReport:
        """Import one uploaded file or zip archive (the web's upload form).

        ``progress(done, total, name)`` is called as files are handled. Files are parsed in
        this process: a server's threads should not fork workers.
        """
        name = Path(file_name).name or "upload"
        if name.lower().endswith(".zip"):
            import tempfile  # the zip reader wants a file; keep it out of the common path

            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / name
                path.write_bytes(data)
                return self._import(collect([path]), progress, 1)
        return self._import(Collected(items=[ImportItem(name=name, data=data)]), progress, 1)

    def _import(
        self, found: Collected, progress: Progress | None, workers: int | None
    ) -> ImportReport:
        tally = _Tally()
        failures = [ImportFailure(file=name, reason=reason) for name, reason in found.problems]
        for parsed in found.summary_only:
            self._save(parsed, tally)
        todo = self._unknown(found.items, tally, failures)
        total = len(found.items)
        done = total - len(todo)
        if progress is not None:
            progress(done, total, "")
        for outcome in _parse_all(todo, workers):
            done += 1
            if outcome.parsed is not None:
                self._save(outcome.parsed, tally)
            else:
                failures.append(
                    ImportFailure(file=outcome.name, reason=outcome.error or "unreadable")
                )
            if progress is not None:
                progress(done, total, outcome.name)
        self.store.diary.link_gear(self.store.shoes, self.clock())
        return ImportReport(
            files_seen=total + len(found.summary_only),
            files_read=tally.read,
            already_imported=tally.known,
            activities_added=tally.added,
            duplicates_skipped=tally.duplicates,
            replaced_by_better_source=tally.replaced,
            failures=failures,
        )

    def _unknown(
        self, items: list[ImportItem], tally: _Tally, failures: list[ImportFailure]
    ) -> list[ImportItem]:
        """Items whose content was not imported before (hashing is cheap; parsing is not)."""
        hashes: dict[int, str] = {}
        for index, item in enumerate(items):
            try:
                hashes[index] = sha256_of(content_of(item.read(), item.name)[0])
            except ActivityFileError as exc:
                failures.append(ImportFailure(file=item.name, reason=exc.reason))
        known = self.store.diary.known_hashes(sorted(set(hashes.values())))
        tally.read += sum(1 for sha in hashes.values() if sha in known)
        tally.known += sum(1 for sha in hashes.values() if sha in known)
        return [items[i] for i, sha in hashes.items() if sha not in known]

    def _save(self, parsed: ParsedFile, tally: _Tally) -> None:
        outcome = self.store.diary.save_parsed(parsed, self.clock())
        tally.read += 1
        tally.known += outcome.already_imported
        tally.added += outcome.added
        tally.duplicates += outcome.duplicates
        tally.replaced += outcome.replaced

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
        rules = (
            {rule.id: rule for rule in self.knowledge.diary.flags} if self.knowledge.diary else {}
        )
        jump = rules["weekly_distance_jump"].threshold if "weekly_distance_jump" in rules else 0.3
        step = rules["long_run_spike"].threshold if "long_run_spike" in rules else 0.1
        self._check_day(as_of)
        day = as_of or self.today()
        # The home page asks on every visit: the answer is kept until the diary changes.
        key = ("diary_suggestions", day, jump, step)
        return list(self.store.reads.get(key, lambda: self._suggestions(day, jump, step)))

    def _suggestions(self, day: date, jump: float, step: float) -> tuple[DiarySuggestion, ...]:
        since = day - timedelta(days=RECENT_DAYS + BEFORE_DAYS + 35)
        runs = self.store.diary.list(since=since, until=day)
        pain = self.pain(since)
        if not runs and not pain:  # nothing to go on
            return ()
        findings = suggest_findings(runs, pain, self.shoes(), day, jump, step)
        return tuple(s for s in findings if s.finding_id in self.knowledge.finding_ids)

    def latest_day(self) -> date | None:
        """The day of the newest activity, if any."""
        return self.store.diary.latest_day()

    @staticmethod
    def _check_day(day: date | None, field: str = "as_of") -> None:
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise CaseInputError([FieldError(field, "must be a day between 1900 and 2200")])

    def today(self) -> date:
        """Today by the facade's clock (UTC)."""
        return self.clock().date()

    def report(self, as_of: date | None = None, weeks_shown: int = 12) -> DiaryReport:
        """Weekly figures, load numbers, pain beside training, and flags up to ``as_of``."""
        rules = self.knowledge.diary
        if rules is None:
            raise CaseInputError([FieldError("diary", "the knowledge base has no diary rules")])
        self._check_day(as_of)
        day = as_of or self.today()
        activities = self.store.diary.facts(until=day)
        pain = self.store.pain.facts(until=day)
        return build_report(rules, activities, pain, self.shoes(), day, weeks_shown)


def _parse_all(items: Sequence[ImportItem], workers: int | None) -> Iterable[ItemOutcome]:
    """Parse items, in worker processes when there are several and more than one core."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    if len(items) < INLINE_LIMIT or count <= 1:
        yield from (parse_outcome(item) for item in items)
        return
    with ProcessPoolExecutor(max_workers=min(count, len(items))) as pool:
        futures = [pool.submit(parse_outcome, item) for item in items]
        for future in as_completed(futures):
            yield future.result()
