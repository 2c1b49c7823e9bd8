"""Following a care plan: start it from a saved assessment, log sessions, see where you are.

The facade (:class:`runknee.api.Runknee`) delegates its plan methods here to stay small. The
decisions themselves are :mod:`runknee.engine.progression`'s (pure); this module reads the
clock it is given, counts the plan's days and stores the results through
:class:`runknee.storage.PlanRepository`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import ValidationError

from runknee.engine.plan import build_plan, plan_library
from runknee.engine.progression import LoggedSession, PlanState, start_running, start_state
from runknee.errors import CaseInputError, FieldError, NotFoundError, PlanStateError
from runknee.i18n import N_, Message
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.plan_models import PlanLibrary
from runknee.plan_overview import PlanOverview, plan_overview
from runknee.services.plan_diary import (
    Draft,
    SessionChanges,
    SessionDeletion,
    SessionInput,
    check_date,
    deletion,
    drafts_of,
    merged,
    replay_plan,
    start_date,
)
from runknee.storage import AssessmentStore, StoredEvent, StoredPlan, StoredSession
from runknee.storage.plan_records import SessionKind

__all__ = ["PlanOverview", "PlanTracker", "SessionChanges", "SessionDeletion", "SessionInput"]


class PlanTracker:
    """Starts plans, logs sessions and summarises progress, over one store and one clock.

    Args:
        knowledge: the knowledge base (with care-plan content).
        store: where assessments and plans are saved.
        clock: returns the current timezone-aware time.
    """

    def __init__(
        self, knowledge: KnowledgeBase, store: AssessmentStore, clock: Callable[[], datetime]
    ) -> None:
        self.knowledge = knowledge
        self.store = store
        self.clock = clock

    def start(self, assessment_id: str, morning_pain_0_10: int = 0) -> StoredPlan:
        """Build the plan from a saved assessment and store it at its starting state.

        Args:
            assessment_id: the saved assessment whose case and result the plan is built from.
            morning_pain_0_10: the knee's usual pain on waking; a next-morning pain above it
                means the knee has not settled.

        A plan for until the runner is seen (urgency above a routine consultation) is stored
        without a state: it has nothing to log against.

        Raises:
            CaseInputError: the morning pain is not a whole number from 0 to 10.
            NotFoundError: no assessment has this id.
        """
        if not 0 <= morning_pain_0_10 <= 10:
            raise CaseInputError([FieldError("morning_pain_0_10", "must be from 0 to 10")])
        saved = self.store.get(assessment_id)
        plan = build_plan(self.knowledge, saved.case, saved.result)
        state = None if plan.limited else start_state(plan, morning_pain_0_10)
        return self.store.plans.create(assessment_id, plan, state, self.clock())

    def log(
        self, plan_id: str, data: SessionInput | LoggedSession | dict[str, Any]
    ) -> StoredSession:
        """Log one dated session, replay the plan from its start and store the result.

        A session dated before others is put in its place: every later decision is re-derived.

        Raises:
            CaseInputError: invalid or unknown fields, a plan without a programme, or a date
                before the plan's start or after today.
            NotFoundError: no plan has this id.
            ConflictError: the plan changed while this was saved (nothing was stored).
        """
        entry = _session_input(data)
        plan = self.store.plans.get(plan_id)  # an unknown plan is "not found" before the rest
        state = _followable(plan)
        self._check_ids(entry)
        now = self.clock()
        draft = self._draft(plan, uuid.uuid4().hex, now, entry)
        drafts = [*drafts_of(self.store.plans.sessions(plan_id)), draft]
        stored = self._save(plan, state, drafts, plan.events, now)
        return next(s for s in stored if s.id == draft.id)

    def edit_session(
        self, plan_id: str, session_id: str, changes: SessionChanges | dict[str, Any]
    ) -> StoredSession:
        """Change a logged session (say, add next-morning pain the next day) and replay the plan.

        ``changes`` holds only the fields that change, in :class:`SessionInput` form.

        Raises:
            CaseInputError: invalid or unknown fields, or a date out of range.
            NotFoundError: no plan or no session of this plan has these ids.
        """
        plan = self.store.plans.get(plan_id)
        state = _followable(plan)
        sessions = self.store.plans.sessions(plan_id)
        old = _find(sessions, session_id)
        if isinstance(changes, SessionChanges):
            changes = changes.model_dump(mode="json", exclude_unset=True)
        entry = _session_input(merged(old.session, old.kind, old.on, changes))
        self._check_ids(entry)
        now = self.clock()
        edited = self._draft(plan, old.id, old.logged_at, entry)
        drafts = [edited if d.id == old.id else d for d in drafts_of(sessions)]
        stored = self._save(plan, state, drafts, plan.events, now)
        return next(s for s in stored if s.id == old.id)

    def deletion_preview(self, plan_id: str, session_id: str) -> SessionDeletion:
        """What deleting a session would change, without deleting it."""
        plan, sessions, gone, after, state = self._without(plan_id, session_id)
        return deletion(plan, sessions, gone, after, state)

    def delete_session(self, plan_id: str, session_id: str) -> SessionDeletion:
        """Delete a logged session and replay the plan without it; returns what changed.

        Raises:
            NotFoundError: no plan or no session of this plan has these ids.
            ConflictError: the plan changed in the meantime (nothing was deleted).
        """
        plan, sessions, gone, after, state = self._without(plan_id, session_id)
        self.store.plans.save_sessions(plan, after, state, plan.events, self.clock())
        return deletion(plan, sessions, gone, after, state)

    def _without(
        self, plan_id: str, session_id: str
    ) -> tuple[StoredPlan, list[StoredSession], StoredSession, list[StoredSession], PlanState]:
        plan = self.store.plans.get(plan_id)
        state = _followable(plan)
        sessions = self.store.plans.sessions(plan_id)
        gone = _find(sessions, session_id)
        drafts = [d for d in drafts_of(sessions) if d.id != session_id]
        after, new_state = replay_plan(self._library, plan, state, drafts, plan.events)
        return plan, sessions, gone, after, new_state

    def today(self) -> date:
        """Today by the clock (UTC), the default date of a new session."""
        return self.clock().date()

    @property
    def _library(self) -> PlanLibrary:
        return plan_library(self.knowledge)

    def _draft(
        self, plan: StoredPlan, draft_id: str, logged: datetime, entry: SessionInput
    ) -> Draft:
        today = self.clock().date()
        if entry.on is not None:
            on = entry.on
        elif entry.day is not None:
            on = start_date(plan) + timedelta(days=entry.day)
        else:
            on = max(today, start_date(plan))
        day = check_date(plan, on, max(today, start_date(plan)))
        session = LoggedSession(
            kind="run" if entry.kind != "exercise" else "exercise",
            day=day,
            exercises_done=entry.exercises_done,
            pain_during_0_10=entry.pain_during_0_10,
            pain_after_0_10=entry.pain_after_0_10,
            pain_next_morning_0_10=entry.pain_next_morning_0_10,
            new_symptoms=entry.new_symptoms,
            exit_criteria_met=entry.exit_criteria_met,
        )
        kind: SessionKind = "exercise" if session.kind == "exercise" else "walk_run"
        return Draft(draft_id, logged, on, kind, session)

    def _save(
        self,
        plan: StoredPlan,
        state: PlanState,
        drafts: list[Draft],
        events: list[StoredEvent],
        now: datetime,
    ) -> list[StoredSession]:
        stored, new_state = replay_plan(self._library, plan, state, drafts, events)
        self.store.plans.save_sessions(plan, stored, new_state, events, now)
        return stored

    def start_running(self, plan_id: str, criteria_met: dict[str, bool]) -> StoredPlan:
        """Start the walk-run return once every start criterion is confirmed.

        Raises:
            CaseInputError: a criterion is not confirmed (one error per criterion), the plan is
                paused or for until the runner is seen, or the return is to be planned with a
                professional.
        """
        plan = self.store.plans.get(plan_id)
        state = _followable(plan)
        running = plan.plan.return_to_running
        if running is None or running.mode == "clinician_led":
            message = N_("plan the return to running with a physiotherapist or doctor")
            raise PlanStateError([FieldError.of("running", Message.of(message))])
        if state.paused_for is not None:
            paused = Message.of(N_("paused until you have been seen"))
            raise PlanStateError([FieldError.of("plan", paused)])
        started, missing = start_running(plan_library(self.knowledge), state, criteria_met)
        if missing:
            texts = {c.id: c.text for c in running.start_criteria}
            unconfirmed = N_("not confirmed: %(criterion)s")  # the criterion's own words
            raise PlanStateError(
                [
                    FieldError.of(
                        f"criteria.{c}", Message.of(unconfirmed, criterion=texts.get(c, c))
                    )
                    for c in missing
                ]
            )
        if started == state:
            return plan
        return self._add_event(plan, state, "start_running")

    def resume(self, plan_id: str) -> StoredPlan:
        """Clear a pause after a professional has seen the runner and agreed to carry on."""
        plan = self.store.plans.get(plan_id)
        state = _followable(plan)
        if state.paused_for is None:
            return plan
        return self._add_event(plan, state, "resume")

    def _add_event(
        self, plan: StoredPlan, state: PlanState, kind: Literal["start_running", "resume"]
    ) -> StoredPlan:
        now = self.clock()
        on = max(now.date(), start_date(plan))
        events = [*plan.events, StoredEvent(kind=kind, on=on, at=now)]
        drafts = drafts_of(self.store.plans.sessions(plan.id))
        stored, new_state = replay_plan(self._library, plan, state, drafts, events)
        return self.store.plans.save_sessions(plan, stored, new_state, events, now)

    def overview(self, plan_id: str) -> PlanOverview:
        """The plan, its sessions, the current phase and stage, next steps and the pain trend."""
        plan = self.store.plans.get(plan_id)
        return plan_overview(plan, self.store.plans.sessions(plan_id), self.knowledge)

    def _check_ids(self, entry: SessionInput) -> None:
        symptoms = sorted(set(entry.new_symptoms) - self.knowledge.finding_ids)
        exercises = sorted(set(entry.exercises_done) - set(self.knowledge.exercises))
        errors = [FieldError(f"session.new_symptoms.{f}", "unknown finding id") for f in symptoms]
        errors += [
            FieldError(f"session.exercises_done.{e}", "unknown exercise id") for e in exercises
        ]
        if errors:
            raise CaseInputError(errors)


def _find(sessions: list[StoredSession], session_id: str) -> StoredSession:
    for session in sessions:
        if session.id == session_id:
            return session
    raise NotFoundError("session", session_id)


def _followable(plan: StoredPlan) -> PlanState:
    if plan.state is None:
        raise CaseInputError(
            [FieldError("plan", "this plan is for until you are seen; there is nothing to log")]
        )
    return plan.state


def _session_input(data: SessionInput | LoggedSession | dict[str, Any]) -> SessionInput:
    if isinstance(data, SessionInput):
        return data
    if isinstance(data, LoggedSession):
        data = data.model_dump()
    try:
        return SessionInput.model_validate(data)
    except ValidationError as exc:
        raise CaseInputError(
            [
                FieldError(".".join(["session", *map(str, e["loc"])]), str(e["msg"]))
                for e in exc.errors()
            ]
        ) from None
