"""Manual entries and stored records: runs typed in by hand, pain entries, shoes, and an
activity with the fields the runner adds afterwards (shoes, surface, route, session type)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from runknee.diary.models import Activity, Route, SessionType, Surface
from runknee.engine.case import NOT_TEXT

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)
DAY_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"
"""The days a diary accepts (1900-01-01 to 2200-12-31) as the published schema says them: an
ISO date whose year is in range (``format: date`` rules out the impossible days)."""

_DAY = re.compile(DAY_PATTERN)


def _iso_day(value: Any) -> Any:
    """Take a day only as a date or its ``YYYY-MM-DD`` text: lax parsing would read ``0`` or
    ``"0"`` as a Unix time (1970-01-01) and accept a date-time."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value):
        return value
    raise ValueError("must be a day from 1900-01-01 to 2200-12-31, written YYYY-MM-DD")


Day = Annotated[
    date,
    Field(ge=FIRST_DAY, le=LAST_DAY, json_schema_extra={"pattern": DAY_PATTERN}),
    BeforeValidator(_iso_day),
]
"""A diary day: from 1900 to 2200, as a date or ISO text only."""


# Numbers and yes/no answers from untrusted input are taken as they are: floats and booleans
# are strict (``true`` is no number, ``0`` no "no", ``"5"`` neither), whole numbers refuse text.
Pain = Annotated[int, Field(ge=0, le=10), NOT_TEXT]
Minutes = Annotated[int, Field(ge=0, le=24 * 60), NOT_TEXT]
YesNo = Annotated[bool, Field(strict=True)]


class RunDetails(BaseModel):
    """What the runner adds to a run (from a file or by hand). ``None`` leaves a field empty."""

    model_config = ConfigDict(extra="forbid")

    shoe_id: str | None = None
    surface: Surface | None = None
    route: Route | None = None
    session_type: SessionType | None = None
    notes: str | None = Field(None, max_length=4000)


class ManualRun(RunDetails):
    """A run typed in by hand."""

    run_date: Day
    distance_m: float = Field(ge=0, le=500_000, strict=True)
    duration_s: float = Field(gt=0, le=7 * 24 * 3600, strict=True)
    sport: str = Field("running", pattern=r"^[a-z_]{1,32}$")


class StoredActivity(Activity):
    """An activity in the diary, with its id and the runner's additions."""

    id: str
    shoe_id: str | None = None
    surface: Surface | None = None
    route: Route | None = None
    session_type: SessionType | None = None
    created_at: datetime
    updated_at: datetime


class PainEntry(BaseModel):
    """One day's knee pain (0-10 scales; any may be left out)."""

    model_config = ConfigDict(extra="forbid")

    entry_date: Day
    during_0_10: Pain | None = Field(None, description="During the run.")
    after_0_10: Pain | None = Field(None, description="Soon after.")
    next_morning_0_10: Pain | None = Field(None, description="On waking the next morning.")
    location: str | None = Field(None, max_length=64, description="A body-map location id.")
    swelling: YesNo = False
    rest_day_pain: YesNo = Field(False, description="Pain on a day without running.")
    night_pain: YesNo = False
    morning_stiffness_min: Minutes | None = None
    notes: str | None = Field(None, max_length=4000)


class StoredPain(PainEntry):
    """A stored pain entry."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    created_at: datetime
    updated_at: datetime


class Shoe(BaseModel):
    """A pair of shoes; ``alert_km`` is the runner's own mark for replacing them."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    first_used: Day | None = None
    start_km: float = Field(0.0, ge=0, le=100_000, strict=True)
    alert_km: float | None = Field(None, gt=0, le=100_000, strict=True)
    retired: YesNo = False


class StoredShoe(Shoe):
    """A stored pair of shoes."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    created_at: datetime
