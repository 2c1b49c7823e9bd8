"""A plan's sessions as dated diary entries: turn them into the engine's entries, replay them
from the plan's start, and say what a deletion would change.

The plan's day count starts on the UTC date the plan was started (the day the facade's clock
gave then); a session's ``day`` is its date minus that start date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from runknee.engine.case import NOT_TEXT
from runknee.engine.progression import Decision, LoggedSession, PlanState
from runknee.engine.replay import PlanEvent, fresh_state, replay
from runknee.errors import CaseInputError, FieldError
from runknee.i18n import N_, Message
from runknee.knowledge.plan_models import PlanLibrary
from runknee.storage import StoredEvent, StoredPlan, StoredSession
from runknee.storage.plan_records import SessionKind

Pain = Annotated[int, Field(ge=0, le=10), NOT_TEXT]


class SessionInput(BaseModel):
    """A session as the runner logs it. ``on`` (its date) is today when left out.

    The fields are :class:`runknee.engine.progression.LoggedSession`'s, except that the kind of
    a walk-run session is called ``walk_run`` here (``run`` is accepted too), and the day is a
    date. ``day`` (days since the plan started) is still read when ``on`` is not given.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["exercise", "walk_run", "run"]
    on: date | None = Field(
        default=None, description="The day of the session (YYYY-MM-DD); default: today."
    )
    day: Annotated[int, Field(ge=0, le=3650), NOT_TEXT] | None = Field(
        default=None, description="Days since the plan started; only read when 'on' is absent."
    )
    exercises_done: list[str] = Field(default_factory=list)
    pain_during_0_10: Pain
    pain_after_0_10: Pain = 0
    pain_next_morning_0_10: Pain | None = None
    new_symptoms: list[str] = Field(default_factory=list)
    exit_criteria_met: bool = False


class SessionChanges(BaseModel):
    """The fields of a logged session to change; leave out what stays (JSON PATCH-like)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["exercise", "walk_run", "run"] | None = None
    on: date | None = Field(default=None, description="A new date (YYYY-MM-DD).")
    exercises_done: list[str] | None = None
    pain_during_0_10: Pain | None = None
    pain_after_0_10: Pain | None = None
    pain_next_morning_0_10: Pain | None = Field(
        default=None, description="Typically added the next morning; null clears it."
    )
    new_symptoms: list[str] | None = None
    exit_criteria_met: bool | None = None


class DecisionChange(BaseModel):
    """A session whose decision a change would alter."""

    model_config = ConfigDict(frozen=True)

    on: date
    kind: SessionKind
    decision_before: Decision
    decision_after: Decision
    reason_after: str
    reason_after_i18n: Message | None = None


class SessionDeletion(BaseModel):
    """What deleting a session does: the session, where the plan would stand, what changes."""

    model_config = ConfigDict(frozen=True)

    session: StoredSession
    phase_before: int | None = Field(description="Programme phase now (1 = first).")
    phase_after: int | None
    stage_before: int | None = Field(description="Walk-run stage now (1 = first), if started.")
    stage_after: int | None
    paused_before: bool
    paused_after: bool
    changed: list[DecisionChange] = Field(description="Other sessions whose decision changes.")


@dataclass(frozen=True)
class Draft:
    """A session waiting to be (re)played: who it is, when logged, its date and content."""

    id: str
    logged_at: datetime
    on: date
    kind: SessionKind
    session: LoggedSession


def start_date(plan: StoredPlan) -> date:
    """The plan's day 0: the UTC date it was started."""
    return plan.created_at.astimezone(UTC).date()


def check_date(plan: StoredPlan, on: date, today: date) -> int:
    """The plan day of ``on``; errors for a date before the plan's start or in the future.

    ``today`` is UTC; a runner east of Greenwich may already be a day ahead, so tomorrow (UTC)
    is still accepted.
    """
    start = start_date(plan)
    if on < start:
        before = N_("before the plan started (%(start)s)")
        raise CaseInputError([FieldError.of("session.on", Message.of(before, start=str(start)))])
    if on > today + timedelta(days=1):
        future = Message.of(N_("in the future: log it on the day"))
        raise CaseInputError([FieldError.of("session.on", future)])
    return (on - start).days


def drafts_of(sessions: Sequence[StoredSession]) -> list[Draft]:
    """The stored sessions as drafts, in the order they were logged."""
    ordered = sorted(sessions, key=lambda s: (s.logged_at, s.number))
    return [Draft(s.id, s.logged_at, s.on, s.kind, s.session) for s in ordered]


def replay_plan(
    library: PlanLibrary,
    plan: StoredPlan,
    state: PlanState,
    drafts: Sequence[Draft],
    events: Sequence[StoredEvent],
) -> tuple[list[StoredSession], PlanState]:
    """Replay every session and event from the plan's start, in date order.

    Returns:
        The sessions numbered in date order with their decisions, and the state after them.
    """
    start = start_date(plan)
    timed: list[tuple[datetime, LoggedSession | PlanEvent, Draft | None]] = []
    for draft in drafts:
        session = draft.session.model_copy(update={"day": (draft.on - start).days})
        timed.append((draft.logged_at, session, draft))
    for event in events:
        timed.append((event.at, PlanEvent(kind=event.kind, day=(event.on - start).days), None))
    timed.sort(key=lambda item: item[0])
    result = replay(library, fresh_state(state), [entry for _, entry, _ in timed])
    stored: list[StoredSession] = []
    for step in result.steps:
        _, entry, source = timed[step.index]
        if step.progress is None or source is None or not isinstance(entry, LoggedSession):
            continue
        stored.append(
            StoredSession(
                id=source.id,
                plan_id=plan.id,
                number=len(stored) + 1,
                logged_at=source.logged_at,
                on=source.on,
                kind=source.kind,
                session=entry,
                progress=step.progress,
            )
        )
    return stored, result.state


def deletion(
    plan: StoredPlan,
    before: Sequence[StoredSession],
    gone: StoredSession,
    after: Sequence[StoredSession],
    state_after: PlanState,
) -> SessionDeletion:
    """Compare the plan with and without ``gone``."""
    was = {s.id: s for s in before}
    changed = [
        DecisionChange(
            on=s.on,
            kind=s.kind,
            decision_before=was[s.id].progress.decision,
            decision_after=s.progress.decision,
            reason_after=s.progress.reason,
            reason_after_i18n=s.progress.reason_i18n,
        )
        for s in after
        if s.id in was and was[s.id].progress.decision != s.progress.decision
    ]
    now = plan.state
    return SessionDeletion(
        session=gone,
        phase_before=None if now is None else now.phase_index + 1,
        phase_after=state_after.phase_index + 1,
        stage_before=_stage(now),
        stage_after=_stage(state_after),
        paused_before=now is not None and now.paused_for is not None,
        paused_after=state_after.paused_for is not None,
        changed=changed,
    )


def merged(
    stored: LoggedSession, kind: SessionKind, on: date, changes: dict[str, Any]
) -> dict[str, Any]:
    """A stored session's fields in :class:`SessionInput` form, with ``changes`` on top."""
    data = stored.model_dump(mode="json", exclude={"day", "kind"})
    return {**data, "kind": kind, "on": on.isoformat(), **changes}


def _stage(state: PlanState | None) -> int | None:
    if state is None or state.running_stage_index is None:
        return None
    return state.running_stage_index + 1
