"""Expand what the runner names (files, folders, zip archives, Strava and Garmin exports) into
import items. Nested zips (Garmin's export) are opened in memory, up to a few levels deep."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from runknee.diary.files import MAX_FILE_BYTES, ImportItem
from runknee.diary.garmin import SUMMARY_SUFFIX, garmin_summaries
from runknee.diary.models import ParsedFile
from runknee.diary.strava import StravaIndex
from runknee.i18n import N_, Message

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz")
MAX_ZIP_DEPTH = 3


@dataclass
class Collected:
    """Everything found: items to parse, summary-only activities, and what could not be opened."""

    items: list[ImportItem] = field(default_factory=list)
    summary_only: list[ParsedFile] = field(default_factory=list)
    problems: list[tuple[str, Message]] = field(default_factory=list)


def is_activity_name(name: str) -> bool:
    """Whether a file name looks like an activity file (folders and archives are filtered)."""
    return name.lower().endswith(ACTIVITY_SUFFIXES)


def collect(paths: Iterable[Path]) -> Collected:
    """Import items for files, folders and zip archives (explicit files are always tried)."""
    found = Collected()
    for path in paths:
        if path.is_dir():
            _folder(path, found)
        elif path.suffix.lower() == ".zip":
            _zip_path(path, found)
        elif path.exists():
            found.items.append(ImportItem(name=path.name, path=str(path)))
        else:
            found.problems.append((str(path), Message.of(N_("no such file or folder"))))
    return found


def _folder(folder: Path, found: Collected) -> None:
    csv_path = folder / "activities.csv"
    strava = (
        StravaIndex(csv_path.read_text("utf-8", errors="replace")) if csv_path.is_file() else None
    )
    if strava is not None:
        found.summary_only.extend(strava.without_file)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if path.suffix.lower() == ".zip":
            _zip_path(path, found)
        elif path.name.lower().endswith(SUMMARY_SUFFIX) and path.stat().st_size < MAX_FILE_BYTES:
            found.summary_only.extend(garmin_summaries(path.read_bytes(), relative))
        elif is_activity_name(path.name):
            meta = strava.meta_by_file.get(relative.lower()) if strava else None
            found.items.append(ImportItem(name=relative, path=str(path), meta=meta))


def _zip_path(path: Path, found: Collected) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            _zip(archive, path.name, found, 1)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        found.problems.append((path.name, _not_a_zip(exc)))


def _zip(archive: zipfile.ZipFile, label: str, found: Collected, depth: int) -> None:
    members = [m for m in archive.infolist() if not m.is_dir()]
    strava = _strava_index(archive, members)
    if strava is not None:
        found.summary_only.extend(strava.without_file)
    for member in members:
        name = member.filename
        where = f"{label}/{name}"
        if member.file_size > MAX_FILE_BYTES:
            found.problems.append((where, Message.of(N_("larger than 64 MB; skipped"))))
        elif name.lower().endswith(".zip"):
            _nested(archive, member, where, found, depth)
        elif name.lower().endswith(SUMMARY_SUFFIX):
            data = _read_member(archive, member, where, found)
            found.summary_only.extend(garmin_summaries(data or b"", where))
        elif is_activity_name(name):
            data = _read_member(archive, member, where, found)
            if data is not None:
                meta = strava.meta_by_file.get(_strava_key(name)) if strava else None
                found.items.append(ImportItem(name=where, data=data, meta=meta))


def _strava_key(name: str) -> str:
    """A member path relative to the export root (``activities/123.fit.gz``), lower case."""
    parts = PurePosixPath(name).parts
    if "activities" in parts:
        return "/".join(parts[parts.index("activities") :]).lower()
    return name.lower()


def _strava_index(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> StravaIndex | None:
    for member in members:
        if (
            PurePosixPath(member.filename).name == "activities.csv"
            and member.file_size < MAX_FILE_BYTES
        ):
            try:
                return StravaIndex(archive.read(member).decode("utf-8", errors="replace"))
            except (zipfile.BadZipFile, OSError, ValueError):
                return None
    return None


def _nested(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, where: str, found: Collected, depth: int
) -> None:
    if depth >= MAX_ZIP_DEPTH:
        found.problems.append((where, Message.of(N_("zip archives nested too deep; skipped"))))
        return
    data = _read_member(archive, member, where, found)
    if data is None:
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            _zip(inner, where, found, depth + 1)
    except (zipfile.BadZipFile, ValueError) as exc:
        found.problems.append((where, _not_a_zip(exc)))


def _read_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, where: str, found: Collected
) -> bytes | None:
    try:
        return archive.read(member)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        unreadable = N_("cannot be read from the archive (%(error)s)")
        found.problems.append((where, Message.of(unreadable, error=str(exc))))
        return None


def _not_a_zip(exc: Exception) -> Message:
    """Why an archive was not opened, quoting the zip library's own words (in English)."""
    return Message.of(N_("not a readable zip archive (%(error)s)"), error=str(exc))
