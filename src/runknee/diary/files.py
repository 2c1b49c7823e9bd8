"""One activity file in, its activities out: sniff the format from the bytes (not the name),
undo gzip (salvaging a truncated one), hash, and hand over to the FIT, GPX or TCX reader."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

from runknee.diary.fit import parse_fit
from runknee.diary.gpx import parse_gpx
from runknee.diary.models import Activity, ActivityFileError, ParsedFile, english
from runknee.diary.tcx import parse_tcx
from runknee.i18n import N_, Message

MAX_FILE_BYTES = 64 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class ExportMeta:
    """What an export's summary file says about one activity file."""

    name: str | None = None
    sport: str | None = None
    gear: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ImportItem:
    """One file to import: a path on disk, or bytes taken out of an archive."""

    name: str
    path: str | None = None
    data: bytes | None = None
    meta: ExportMeta | None = None

    def read(self) -> bytes:
        """The file's bytes (as stored: maybe gzipped)."""
        if self.data is not None:
            return self.data
        if self.path is None:
            raise ActivityFileError(self.name, Message.of(N_("nothing to read")))
        try:
            path = Path(self.path)
            if path.stat().st_size > MAX_FILE_BYTES:
                too_large = N_("larger than 64 MB; not an activity file")
                raise ActivityFileError(self.name, Message.of(too_large))
            return path.read_bytes()
        except OSError as exc:
            unreadable = Message.of(N_("cannot be read (%(error)s)"), error=str(exc.strerror))
            raise ActivityFileError(self.name, unreadable) from None


def gunzip(data: bytes, name: str) -> tuple[bytes, tuple[Message, ...]]:
    """Decompress gzip data; a truncated stream keeps the part that came through."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_FILE_BYTES)
    except zlib.error as exc:
        damaged = Message.of(N_("damaged gzip data (%(error)s)"), error=str(exc))
        raise ActivityFileError(name, damaged) from None
    if not out:
        raise ActivityFileError(name, Message.of(N_("empty or damaged gzip data")))
    if not inflater.eof:
        return out, (Message.of(N_("the gzip file was cut short; read what came through")),)
    return out, ()


def content_of(data: bytes, name: str) -> tuple[bytes, tuple[Message, ...]]:
    """The activity bytes behind ``data`` (gzip undone) and notes on what was salvaged."""
    if data[:2] == GZIP_MAGIC:
        return gunzip(data, name)
    return data, ()


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 (of the decompressed bytes: the same run stored twice hashes the same)."""
    return hashlib.sha256(data).hexdigest()


def sniff(data: bytes) -> str | None:
    """``fit``, ``gpx``, ``tcx`` or ``None``, from the bytes."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:2048].lstrip().lower()
    if b"<trainingcenterdatabase" in head:
        return "tcx"
    if b"<gpx" in head:
        return "gpx"
    return None


def parse_bytes(data: bytes, name: str) -> ParsedFile:
    """Parse one file's bytes.

    Raises:
        ActivityFileError: whatever is wrong with it, in plain words.
    """
    content, notes = content_of(data, name)
    kind = sniff(content)
    sha = sha256_of(content)
    if kind is None:
        raise ActivityFileError(name, Message.of(N_("not a FIT, GPX or TCX activity file")))
    reader = {"fit": parse_fit, "gpx": parse_gpx, "tcx": parse_tcx}[kind]
    try:
        activities = reader(content, name, sha)
    except ActivityFileError:
        raise
    except Exception as exc:  # a reader bug must not stop the import: report it as this file's
        error = f"{type(exc).__name__}: {exc}"  # the reader's own words, quoted as they are
        bug = Message.of(N_("could not be read (%(error)s)"), error=error)
        raise ActivityFileError(name, bug) from None
    if notes:
        activities = [_noted(a, notes) for a in activities]
    return ParsedFile(file_name=name, sha256=sha, activities=tuple(activities))


def _noted(activity: Activity, notes: tuple[Message, ...]) -> Activity:
    """``activity`` with ``notes`` before its own (an older row may hold notes without
    messages: ``None`` keeps the two lists in step)."""
    own = tuple(message for _, message in activity.notes_with_messages)
    return activity.model_copy(
        update={
            "import_notes": english(notes) + activity.import_notes,
            "import_notes_i18n": notes + own,
        }
    )


def parse_item(item: ImportItem) -> ParsedFile:
    """Parse an import item, applying its export's names, gear and notes."""
    parsed = parse_bytes(item.read(), item.name)
    meta = item.meta
    if meta is None:
        return parsed
    return parsed.model_copy(
        update={"activities": tuple(_with_meta(a, meta) for a in parsed.activities)}
    )


def _with_meta(activity: Activity, meta: ExportMeta) -> Activity:
    return activity.model_copy(
        update={
            "name": meta.name or activity.name,
            "gear": meta.gear or activity.gear,
            "notes": meta.notes or activity.notes,
            "sport": activity.sport if activity.sport != "other" else (meta.sport or "other"),
        }
    )


@dataclass(frozen=True)
class ItemOutcome:
    """The result of parsing one item in a worker: the parsed file, or the reason it failed."""

    name: str
    parsed: ParsedFile | None = None
    error: Message | None = None


def parse_outcome(item: ImportItem) -> ItemOutcome:
    """:func:`parse_item` that never raises (for process pools)."""
    try:
        return ItemOutcome(item.name, parsed=parse_item(item))
    except ActivityFileError as exc:
        return ItemOutcome(item.name, error=exc.reason_i18n)
