"""Run a plan's whole diary of dated sessions from its start, in date order.

The state after each session is derived from the sessions before it, so when a session is
logged out of order, edited (say, next-morning pain added the next day) or deleted, the honest
way to know where the runner is now is to replay everything from the plan's start. Pure: the
caller gives the days (counted from the plan's start) and the entries in the order they were
logged; entries of the same day keep that order.

Besides sessions, two things change a plan's state without a session: starting the walk-run
return and resuming after a pause. They are :class:`PlanEvent` entries, replayed in their place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from runknee.engine.case import NOT_TEXT
from runknee.engine.progression import (
    LoggedSession,
    PlanState,
    Progress,
    progress,
    resume,
    start_running,
)
from runknee.knowledge.plan_models import PlanLibrary

Day = Annotated[int, Field(ge=0, le=3650), NOT_TEXT]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanEvent(_Model):
    """A change of state that is not a session: the walk-run return started, or a resume."""

    kind: Literal["start_running", "resume"]
    day: Day = Field(description="Days since the plan started.")


class ReplayStep(_Model):
    """One entry as replayed: its index in the input, and the decision (None for an event)."""

    index: int
    progress: Progress | None


class Replay(_Model):
    """The steps in the order they were applied, and the state after the last."""

    steps: list[ReplayStep]
    state: PlanState


def fresh_state(state: PlanState) -> PlanState:
    """The state the plan started from: its programme and baseline, nothing logged yet."""
    return PlanState(
        programme_id=state.programme_id,
        baseline_morning_pain_0_10=state.baseline_morning_pain_0_10,
    )


def replay(
    library: PlanLibrary, start: PlanState, entries: Sequence[LoggedSession | PlanEvent]
) -> Replay:
    """Apply every entry to ``start`` in date order (stable: same-day entries keep their order).

    Raises:
        NotFoundError: if the state names a programme the plans do not have.
    """
    order = sorted(range(len(entries)), key=lambda i: entries[i].day)
    state, steps = start, []
    for index in order:
        entry = entries[index]
        if isinstance(entry, PlanEvent):
            state = _apply(library, state, entry)
            steps.append(ReplayStep(index=index, progress=None))
            continue
        decided = progress(library, state, entry)
        state = decided.state
        steps.append(ReplayStep(index=index, progress=decided))
    return Replay(steps=steps, state=state)


def _apply(library: PlanLibrary, state: PlanState, event: PlanEvent) -> PlanState:
    if event.kind == "resume":
        return resume(state)
    # The start checks were confirmed when the runner started; a replay does not ask again.
    confirmed = {c.id: True for c in library.return_to_running.start_criteria}
    return start_running(library, state, confirmed)[0]
