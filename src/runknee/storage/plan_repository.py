"""Plans being followed and their logged sessions (tables ``plans`` and ``plan_sessions``).

A plan is built from a saved assessment. Deleting the assessment deletes its plans too, unless
the runner keeps them: a kept plan stays, without its assessment (``ON DELETE SET NULL``). Each
session is a dated diary entry. Because the state after a session is derived from the sessions
before it, every change (logging, editing, deleting a session, starting to run, resuming) stores
the replayed sessions and the plan's new state and events together in one transaction, guarded
by the plan's session count so that two changes at once cannot both build on the same state.
"""

from __future__ import annotations

import builtins
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, delete, func, insert, select, update

from runknee.engine.plan_result import CarePlan
from runknee.engine.progression import PlanState
from runknee.errors import ConflictError, NotFoundError
from runknee.storage.ids import check_id, utc
from runknee.storage.plan_records import (
    StoredEvent,
    StoredPlan,
    StoredSession,
    plan_from_row,
    session_from_row,
)
from runknee.storage.tables import assessments, plan_sessions, plans


class PlanRepository:
    """Plans and sessions in the same database as the assessments.

    Args:
        engine: a SQLAlchemy engine whose schema is migrated.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(
        self, assessment_id: str, plan: CarePlan, state: PlanState | None, now: datetime
    ) -> StoredPlan:
        """Store a new plan for a saved assessment.

        Raises:
            NotFoundError: no assessment has this id.
        """
        check_id("assessment", assessment_id)
        stamp = utc(now)
        stored = StoredPlan(
            id=uuid.uuid4().hex,
            assessment_id=assessment_id,
            created_at=stamp,
            updated_at=stamp,
            knowledge_version=plan.knowledge_version,
            session_count=0,
            plan=plan,
            state=state,
        )
        with self.engine.begin() as connection:
            found = connection.execute(
                select(assessments.c.id).where(assessments.c.id == assessment_id)
            ).first()
            if found is None:
                raise NotFoundError("assessment", assessment_id)
            connection.execute(insert(plans).values(**plan_row(stored)))
        return stored

    def get(self, plan_id: str) -> StoredPlan:
        """One plan.

        Raises:
            NotFoundError: no plan has this id.
        """
        check_id("plan", plan_id)
        with self.engine.connect() as connection:
            row = connection.execute(plan_by_id(plan_id)).first()
        if row is None:
            raise NotFoundError("plan", plan_id)
        return plan_from_row(row._mapping)

    def list(self, assessment_id: str | None = None) -> list[StoredPlan]:
        """Plans, newest first; only one assessment's when ``assessment_id`` is given."""
        if assessment_id is not None:
            check_id("assessment", assessment_id)
        with self.engine.connect() as connection:
            return [
                plan_from_row(row._mapping) for row in connection.execute(newest(assessment_id))
            ]

    def counts(self) -> tuple[int, int]:
        """How many plans, and how many sessions logged against them (two count queries)."""
        with self.engine.connect() as connection:
            plan_count = connection.scalar(select(func.count()).select_from(plans))
            session_count = connection.scalar(select(func.count()).select_from(plan_sessions))
        return int(plan_count or 0), int(session_count or 0)

    def sessions(self, plan_id: str) -> builtins.list[StoredSession]:
        """A plan's sessions in the order they were logged (raises :class:`NotFoundError`)."""
        self.get(plan_id)
        with self.engine.connect() as connection:
            return [
                session_from_row(row._mapping) for row in connection.execute(sessions_of(plan_id))
            ]

    def sessions_between(self, since: date, until: date) -> builtins.list[StoredSession]:
        """Every plan's sessions dated from ``since`` to ``until`` (inclusive), by date."""
        query = (
            select(plan_sessions)
            .where(plan_sessions.c.session_date >= since, plan_sessions.c.session_date <= until)
            .order_by(plan_sessions.c.session_date, plan_sessions.c.plan_id, plan_sessions.c.number)
        )
        with self.engine.connect() as connection:
            return [session_from_row(row._mapping) for row in connection.execute(query)]

    def save_sessions(
        self,
        plan: StoredPlan,
        sessions: builtins.list[StoredSession],
        state: PlanState,
        events: builtins.list[StoredEvent],
        now: datetime,
    ) -> StoredPlan:
        """Store a plan's whole replayed diary, its new state and events together, or nothing.

        Args:
            plan: the plan as read before replaying; its ``session_count`` and ``updated_at``
                must still be current.
            sessions: every session of the plan, numbered in date order, with its decision.
            state: the state after the last session.
            events: the walk-run start and resumes.
            now: the current time (timezone-aware).

        Raises:
            ConflictError: the plan changed in the meantime (nothing was stored; try again).
        """
        stamp = utc(now)
        with self.engine.begin() as connection:
            self._move(connection, plan, state, events, stamp, len(sessions))
            connection.execute(delete(plan_sessions).where(plan_sessions.c.plan_id == plan.id))
            if sessions:
                connection.execute(insert(plan_sessions), [session_row(s) for s in sessions])
        return plan.model_copy(
            update={
                "state": state,
                "events": events,
                "updated_at": stamp,
                "session_count": len(sessions),
            }
        )

    def export(self) -> builtins.list[dict[str, Any]]:
        """Every plan with its sessions, oldest first, as JSON-ready data."""
        items = []
        for plan in reversed(self.list()):
            data = plan.model_dump(mode="json")
            data["sessions"] = [s.model_dump(mode="json") for s in self.sessions(plan.id)]
            items.append(data)
        return items

    @staticmethod
    def _move(
        connection: Connection,
        plan: StoredPlan,
        state: PlanState,
        events: builtins.list[StoredEvent],
        stamp: datetime,
        count: int,
    ) -> None:
        moved = connection.execute(
            update(plans)
            .where(
                plans.c.id == plan.id,
                plans.c.session_count == plan.session_count,
                # an edit or a resume keeps the count: the time of the last change tells
                plans.c.updated_at == utc(plan.updated_at),
            )
            .values(
                state_json=_state_json(state),
                events_json=events_json(events),
                updated_at=stamp,
                session_count=count,
            )
        ).rowcount
        if moved != 1:
            raise ConflictError(
                "plan",
                "the plan changed while this was saved; nothing was stored, reload and retry",
            )


def _state_json(state: PlanState | None) -> dict[str, Any] | None:
    return None if state is None else state.model_dump(mode="json")


def events_json(events: builtins.list[StoredEvent]) -> builtins.list[dict[str, Any]]:
    """The events as stored in ``plans.events_json``."""
    return [event.model_dump(mode="json") for event in events]


def plan_row(plan: StoredPlan) -> dict[str, Any]:
    """Every column of a ``plans`` row (starting a plan and importing one both use it)."""
    return {
        "id": plan.id,
        "assessment_id": plan.assessment_id,
        "created_at": utc(plan.created_at),
        "updated_at": utc(plan.updated_at),
        "knowledge_version": plan.knowledge_version,
        "session_count": plan.session_count,
        "plan_json": plan.plan.model_dump(mode="json"),
        "state_json": _state_json(plan.state),
        "events_json": events_json(plan.events),
    }


def session_row(session: StoredSession) -> dict[str, Any]:
    """Every column of a ``plan_sessions`` row (replaying a plan and importing one both use
    it)."""
    return {
        "id": session.id,
        "plan_id": session.plan_id,
        "number": session.number,
        "logged_at": utc(session.logged_at),
        "session_date": session.on,
        "kind": session.kind,
        "decision": session.progress.decision,
        "session_json": session.session.model_dump(mode="json"),
        "progress_json": session.progress.model_dump(mode="json"),
    }


def newest(assessment_id: str | None) -> Select[Any]:
    """Plans, newest first, only one assessment's when ``assessment_id`` is given
    (:meth:`PlanRepository.list`; the quick read path's SQL is generated from it)."""
    query = select(plans).order_by(plans.c.created_at.desc(), plans.c.id.desc())
    if assessment_id is not None:
        query = query.where(plans.c.assessment_id == assessment_id)
    return query


def plan_by_id(plan_id: str) -> Select[Any]:
    """One plan (:meth:`PlanRepository.get`; the quick read path's SQL is generated from it)."""
    return select(plans).where(plans.c.id == plan_id)


def sessions_of(plan_id: str) -> Select[Any]:
    """A plan's sessions in the order they were logged (:meth:`PlanRepository.sessions`; the
    quick read path's SQL is generated from it)."""
    return (
        select(plan_sessions)
        .where(plan_sessions.c.plan_id == plan_id)
        .order_by(plan_sessions.c.number)
    )
