"""Strava's bulk export: ``activities.csv`` (duplicated column names, translated headers) read
by position and alias, giving names, gear and notes for each file, and activities for rows
that have no file."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
from datetime import UTC, datetime

from runknee.diary.files import ExportMeta
from runknee.diary.models import Activity, ParsedFile, english
from runknee.diary.sports import normalise_sport
from runknee.i18n import N_, Message

SUMMARY_NOTE = Message.of(N_("from the export's summary only (no file): no per-km figures"))
ROW_SOURCE_NAME = "activities.csv row %s"
"""The source name stored for an activity from a row of the export's ``activities.csv`` (no
file of its own): a name kept as written in every language, like a file's, not a sentence."""

# Strava's first thirteen columns keep their order in every language; later ones are looked up.
_POSITIONS = {
    "id": 0,
    "date": 1,
    "name": 2,
    "type": 3,
    "description": 4,
    "elapsed": 5,
    "distance_km": 6,
    "private_note": 10,
    "gear": 11,
    "filename": 12,
}
_LATER = {
    "moving": (
        "moving time",
        "tiempo en movimiento",
        "bewegungszeit",
        "temps de déplacement",
        "doba pohybu",
    ),
    "distance": ("distance", "distancia", "distanz", "vzdálenost"),
    "elevation_gain": (
        "elevation gain",
        "desnivel positivo",
        "höhenmeter bergauf",
        "dénivelé positif",
        "převýšení",
    ),
}
_DATE_FORMATS = (
    "%b %d, %Y, %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%d. %m. %Y %H:%M:%S",
    "%d %b %Y, %H:%M:%S",
    "%d.%m.%Y, %H:%M:%S",
)


class StravaIndex:
    """``activities.csv`` read into metadata by file name and activities for file-less rows."""

    def __init__(self, text: str) -> None:
        rows = _rows(text.lstrip("\ufeff").replace("\0", ""))
        self.header = [h.strip().lower() for h in rows[0]] if rows else []
        self.meta_by_file: dict[str, ExportMeta] = {}
        self.without_file: list[ParsedFile] = []
        self.bad_rows = 0
        for row in rows[1:]:
            try:
                self._take(row)
            except ValueError:  # a row that does not make an activity is left out
                self.bad_rows += 1

    def _cell(self, row: list[str], key: str) -> str:
        index = _POSITIONS[key]
        return row[index].strip() if index < len(row) else ""

    def _later(self, row: list[str], key: str) -> str:
        """The last column whose header matches (Strava's second copy is the raw unit)."""
        hits = [i for i, h in enumerate(self.header) if h in _LATER[key] and i > 12]
        return row[hits[-1]].strip() if hits and hits[-1] < len(row) else ""

    def _take(self, row: list[str]) -> None:
        if len(row) < 4:
            return
        notes = "\n".join(
            n for n in (self._cell(row, "description"), self._cell(row, "private_note")) if n
        )
        meta = ExportMeta(
            name=self._cell(row, "name") or None,
            sport=normalise_sport(self._cell(row, "type")),
            gear=self._cell(row, "gear") or None,
            notes=notes or None,
        )
        file_name = self._cell(row, "filename")
        if file_name:
            self.meta_by_file[file_name.lower()] = meta
            return
        activity = self._activity(row, meta)
        if activity is not None:
            sha = activity.source_sha256 or ""
            self.without_file.append(
                ParsedFile(
                    file_name=ROW_SOURCE_NAME % (activity.name or sha[:8]),
                    sha256=sha,
                    activities=(activity,),
                )
            )

    def _activity(self, row: list[str], meta: ExportMeta) -> Activity | None:
        start = parse_strava_date(self._cell(row, "date"))
        elapsed_s = _number(self._cell(row, "elapsed"))
        if start is None or elapsed_s is None:
            return None
        distance_m = _number(self._later(row, "distance"))
        if distance_m is None:
            km = _number(self._cell(row, "distance_km"))
            distance_m = km * 1000 if km is not None else None
        return Activity(
            sport=meta.sport or "other",
            start_utc=start,
            duration_s=elapsed_s,
            moving_s=_number(self._later(row, "moving")),
            distance_m=distance_m,
            elevation_gain_m=_number(self._later(row, "elevation_gain")),
            source_format="strava_csv",
            source_name="activities.csv",
            source_sha256=hashlib.sha256(",".join(row).encode()).hexdigest(),
            name=meta.name,
            notes=meta.notes,
            gear=meta.gear,
            import_notes=english([SUMMARY_NOTE]),
            import_notes_i18n=(SUMMARY_NOTE,),
        )


def _rows(text: str) -> list[list[str]]:
    """CSV rows, stopping at a damaged part (keeping the rows before it)."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text))
    with contextlib.suppress(csv.Error):
        rows.extend(reader)
    return rows


def parse_strava_date(text: str) -> datetime | None:
    """Strava's ``Activity Date`` (UTC) in the formats seen over the years."""
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _number(text: str) -> float | None:
    """A number written either way ("12.5", "12,5", "1,234.5")."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and 0 <= value < 1e9 else None
