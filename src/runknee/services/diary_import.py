"""Importing activity files into the diary (the work behind ``DiaryService.import_paths``).

Parsing runs in worker processes (one file per task); saving runs here, one transaction per
file. Files imported before (same SHA-256 of their content) are skipped before parsing. This
module loads the file parsers and the process pool, so the diary service imports it only when
files are imported: a command that reads the diary starts without them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime

from runknee.diary.archives import Collected
from runknee.diary.files import ImportItem, ItemOutcome, content_of, parse_outcome, sha256_of
from runknee.diary.models import ActivityFileError, ParsedFile
from runknee.i18n import N_, Message
from runknee.services.diary import ImportFailure, ImportReport, Progress
from runknee.storage import AssessmentStore

INLINE_LIMIT = 4  # fewer files than this are parsed in this process


@dataclass
class _Import:
    store: AssessmentStore
    clock: Callable[[], datetime]
    read: int = 0
    known: int = 0
    added: int = 0
    duplicates: int = 0
    replaced: int = 0
    failures: list[ImportFailure] = field(default_factory=list)

    def unknown(self, items: list[ImportItem]) -> list[ImportItem]:
        """Items whose content was not imported before (hashing is cheap; parsing is not)."""
        hashes: dict[int, str] = {}
        for index, item in enumerate(items):
            try:
                hashes[index] = sha256_of(content_of(item.read(), item.name)[0])
            except ActivityFileError as exc:
                self.failures.append(ImportFailure.of(item.name, exc.reason_i18n))
        known = self.store.diary.known_hashes(sorted(set(hashes.values())))
        self.read += sum(1 for sha in hashes.values() if sha in known)
        self.known += sum(1 for sha in hashes.values() if sha in known)
        return [items[i] for i, sha in hashes.items() if sha not in known]

    def save(self, parsed: ParsedFile) -> None:
        outcome = self.store.diary.save_parsed(parsed, self.clock())
        self.read += 1
        self.known += outcome.already_imported
        self.added += outcome.added
        self.duplicates += outcome.duplicates
        self.replaced += outcome.replaced


def import_found(
    store: AssessmentStore,
    clock: Callable[[], datetime],
    found: Collected,
    progress: Progress | None,
    workers: int | None,
) -> ImportReport:
    """Save the activities of the files ``found`` (see ``DiaryService.import_paths``)."""
    run = _Import(store, clock)
    run.failures = [ImportFailure.of(name, reason) for name, reason in found.problems]
    for parsed in found.summary_only:
        run.save(parsed)
    todo = run.unknown(found.items)
    total = len(found.items)
    done = total - len(todo)
    if progress is not None:
        progress(done, total, "")
    for outcome in _parse_all(todo, workers):
        done += 1
        if outcome.parsed is not None:
            run.save(outcome.parsed)
        else:
            reason = outcome.error or Message.of(N_("unreadable"))
            run.failures.append(ImportFailure.of(outcome.name, reason))
        if progress is not None:
            progress(done, total, outcome.name)
    store.diary.link_gear(store.shoes, clock())
    return ImportReport(
        files_seen=total + len(found.summary_only),
        files_read=run.read,
        already_imported=run.known,
        activities_added=run.added,
        duplicates_skipped=run.duplicates,
        replaced_by_better_source=run.replaced,
        failures=run.failures,
    )


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
