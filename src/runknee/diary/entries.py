"""Manual entries and stored records: runs typed in by hand, pain entries, shoes, and an
activity with the fields the runner adds afterwards (shoes, surface, route, session type)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from runknee.diary.models import Activity, Route, SessionType, Surface

Pain = Annotated[int, Field(ge=0, le=10)]
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]


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
    distance_m: float = Field(ge=0, le=500_000)
    duration_s: float = Field(gt=0, le=7 * 24 * 3600)
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
    swelling: bool = False
    rest_day_pain: bool = Field(False, description="Pain on a day without running.")
    night_pain: bool = False
    morning_stiffness_min: int | None = Field(None, ge=0, le=24 * 60)
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
    start_km: float = Field(0.0, ge=0, le=100_000)
    alert_km: float | None = Field(None, gt=0, le=100_000)
    retired: bool = False


class StoredShoe(Shoe):
    """A stored pair of shoes."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    created_at: datetime
