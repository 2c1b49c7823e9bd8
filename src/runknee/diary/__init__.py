"""The run-and-pain diary's domain: activity files in, weekly figures, load numbers and flags
out. Pure functions: no clock, environment or storage (the date is passed in).

    >>> from runknee.diary import normalise_sport
    >>> normalise_sport("Trail Run")
    'running'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runknee.lazy import lazy_names

if TYPE_CHECKING:  # at run time each name loads its module on first use (see __getattr__)
    from runknee.diary.entries import (
        DAY_PATTERN,
        Day,
        ManualRun,
        PainEntry,
        RunDetails,
        Shoe,
        StoredActivity,
        StoredPain,
        StoredShoe,
    )
    from runknee.diary.flags import Flag
    from runknee.diary.load import LoadNumbers
    from runknee.diary.models import (
        Activity,
        ActivityFileError,
        KmSplit,
        ParsedFile,
        Route,
        SessionType,
        Surface,
    )
    from runknee.diary.report import DiaryReport, PainGroup, PainTrend
    from runknee.diary.sports import normalise_sport
    from runknee.diary.suggestions import DiarySuggestion
    from runknee.diary.weeks import ShoeDistance, WeekSummary

# Module of each name: reading the diary's runs loads neither the report nor the suggestions.
_FROM = {
    "runknee.diary.entries": (
        "DAY_PATTERN",
        "Day",
        "ManualRun",
        "PainEntry",
        "RunDetails",
        "Shoe",
        "StoredActivity",
        "StoredPain",
        "StoredShoe",
    ),
    "runknee.diary.flags": ("Flag",),
    "runknee.diary.load": ("LoadNumbers",),
    "runknee.diary.models": (
        "Activity",
        "ActivityFileError",
        "KmSplit",
        "ParsedFile",
        "Route",
        "SessionType",
        "Surface",
    ),
    "runknee.diary.report": (
        "DiaryReport",
        "PainGroup",
        "PainTrend",
    ),
    "runknee.diary.sports": ("normalise_sport",),
    "runknee.diary.suggestions": ("DiarySuggestion",),
    "runknee.diary.weeks": (
        "ShoeDistance",
        "WeekSummary",
    ),
}
__getattr__ = lazy_names(__name__, _FROM)


__all__ = [
    "DAY_PATTERN",
    "Activity",
    "ActivityFileError",
    "Day",
    "DiaryReport",
    "DiarySuggestion",
    "Flag",
    "KmSplit",
    "LoadNumbers",
    "ManualRun",
    "PainEntry",
    "PainGroup",
    "PainTrend",
    "ParsedFile",
    "Route",
    "RunDetails",
    "SessionType",
    "Shoe",
    "ShoeDistance",
    "StoredActivity",
    "StoredPain",
    "StoredShoe",
    "Surface",
    "WeekSummary",
    "normalise_sport",
]
