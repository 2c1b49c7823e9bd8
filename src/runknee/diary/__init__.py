"""The run-and-pain diary's domain: activity files in, weekly figures, load numbers and flags
out. Pure functions: no clock, environment or storage (the date is passed in).

    >>> from runknee.diary import normalise_sport
    >>> normalise_sport("Trail Run")
    'running'
"""

from __future__ import annotations

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
