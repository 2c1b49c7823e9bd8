"""What the analysis reads from an activity and a pain entry, as protocols, and light records
that satisfy them (years of diary are analysed without building full models)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from runknee.diary.models import RUN_SPORTS


class ActivityFacts(Protocol):
    """An activity as the analysis sees it."""

    @property
    def local_date(self) -> date: ...
    @property
    def sport(self) -> str: ...
    @property
    def is_run(self) -> bool: ...
    @property
    def distance_m(self) -> float | None: ...
    @property
    def duration_s(self) -> float: ...
    @property
    def moving_s(self) -> float | None: ...
    @property
    def shoe_id(self) -> str | None: ...
    @property
    def surface(self) -> str | None: ...
    @property
    def session_type(self) -> str | None: ...


class PainFacts(Protocol):
    """A pain entry as the analysis sees it."""

    @property
    def entry_date(self) -> date: ...
    @property
    def during_0_10(self) -> int | None: ...
    @property
    def after_0_10(self) -> int | None: ...
    @property
    def next_morning_0_10(self) -> int | None: ...
    @property
    def swelling(self) -> bool: ...
    @property
    def rest_day_pain(self) -> bool: ...
    @property
    def night_pain(self) -> bool: ...
    @property
    def morning_stiffness_min(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """A stored activity's analysed fields."""

    local_date: date
    sport: str
    distance_m: float | None
    duration_s: float
    moving_s: float | None
    shoe_id: str | None
    surface: str | None
    session_type: str | None

    @property
    def is_run(self) -> bool:
        """Runs are running load; the rest is cross-training."""
        return self.sport in RUN_SPORTS


@dataclass(frozen=True, slots=True)
class PainRow:
    """A stored pain entry's analysed fields."""

    entry_date: date
    during_0_10: int | None
    after_0_10: int | None
    next_morning_0_10: int | None
    swelling: bool
    rest_day_pain: bool
    night_pain: bool
    morning_stiffness_min: int | None
