"""A plan being followed and its logged sessions as the repositories hand them out, and the one
conversion of each from a row.

SQLAlchemy-free, so that the quick read path (:mod:`runknee.storage.sqlite_reads`) and
:mod:`runknee.storage.plan_repository` build plans with the same function.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from runknee.engine.plan_result import CarePlan
from runknee.engine.progression import LoggedSession, PlanState, Progress
from runknee.storage.ids import RowValues, as_utc

SessionKind = Literal["exercise", "walk_run"]


class StoredEvent(BaseModel):
    """A change of a plan's state that is not a session, kept so the plan can be replayed."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["start_running", "resume"]
    on: date = Field(description="The day it happened.")
    at: datetime = Field(description="When it was recorded (UTC); orders it within its day.")


class StoredPlan(BaseModel):
    """A care plan being followed: the plan as built at the start and where the runner is now."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="uuid4 as 32 hex digits.")
    assessment_id: str | None = Field(
        description="The assessment it was built from; null when that was deleted and the "
        "plan kept."
    )
    created_at: datetime = Field(description="When the plan was started (UTC).")
    updated_at: datetime = Field(description="When its state last changed (UTC).")
    knowledge_version: str = Field(description="Content hash of the knowledge base used.")
    session_count: int = Field(description="How many sessions have been logged.")
    plan: CarePlan
    state: PlanState | None = Field(
        description="Where the runner is; None for a plan for until the runner is seen."
    )
    events: list[StoredEvent] = Field(
        default_factory=list, description="Walk-run start and resumes, oldest first."
    )


def plan_from_row(row: RowValues) -> StoredPlan:
    """A ``plans`` row (all columns, JSON ones decoded) as a :class:`StoredPlan`."""
    state = row["state_json"]
    return StoredPlan(
        id=row["id"],
        assessment_id=row["assessment_id"],
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
        knowledge_version=row["knowledge_version"],
        session_count=row["session_count"],
        plan=CarePlan.model_validate(row["plan_json"]),
        state=None if state is None else PlanState.model_validate(state),
        events=[StoredEvent.model_validate(e) for e in row["events_json"] or []],
    )


class StoredSession(BaseModel):
    """One logged session and the decision it led to."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="uuid4 as 32 hex digits.")
    plan_id: str
    number: int = Field(description="1 for the plan's first session by date, then 2, 3, ...")
    logged_at: datetime = Field(description="When it was logged (UTC).")
    on: date = Field(description="The day of the session, as the runner gave it.")
    kind: SessionKind
    session: LoggedSession
    progress: Progress = Field(description="Decision, reason and the state after the session.")


def session_from_row(row: RowValues) -> StoredSession:
    """A ``plan_sessions`` row (all columns, JSON ones decoded) as a :class:`StoredSession`."""
    return StoredSession(
        id=row["id"],
        plan_id=row["plan_id"],
        number=row["number"],
        logged_at=as_utc(row["logged_at"]),
        on=row["session_date"],
        kind=row["kind"],
        session=LoggedSession.model_validate(row["session_json"]),
        progress=Progress.model_validate(row["progress_json"]),
    )
