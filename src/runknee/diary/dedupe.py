"""The same run from two sources is one run: same sport family and at least 80 % of the
shorter one's time shared. Distance is not compared (a GPX length can be far off)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from runknee.diary.sports import same_sport_family

MIN_OVERLAP = 0.8
FORMAT_PREFERENCE = {"manual": 0, "fit": 1, "tcx": 2, "gpx": 3, "strava_csv": 4, "garmin_json": 4}


@dataclass(frozen=True)
class Span:
    """An activity's sport and time span, as the dedupe rule sees it."""

    key: str
    sport: str
    start: datetime
    end: datetime
    source_format: str


def overlap_fraction(a: Span, b: Span) -> float:
    """Shared time as a fraction of the shorter span (0 when either has no length)."""
    shared = (min(a.end, b.end) - max(a.start, b.start)).total_seconds()
    shorter = min((a.end - a.start).total_seconds(), (b.end - b.start).total_seconds())
    if shorter <= 0:
        return 1.0 if a.start == b.start and shared >= 0 else 0.0
    return max(0.0, shared) / shorter


def find_duplicate(new: Span, existing: Iterable[Span]) -> Span | None:
    """The existing span that ``new`` repeats, if any (the best overlap wins)."""
    best, best_overlap = None, MIN_OVERLAP
    for other in existing:
        if not same_sport_family(new.sport, other.sport):
            continue
        overlap = overlap_fraction(new, other)
        if overlap >= best_overlap:
            best, best_overlap = other, overlap
    return best


def prefer_new(new: Span, kept: Span) -> bool:
    """Whether the new copy should replace the kept one (FIT over TCX over GPX over a summary;
    a manual entry is never replaced)."""
    return FORMAT_PREFERENCE.get(new.source_format, 9) < FORMAT_PREFERENCE.get(
        kept.source_format, 9
    )
