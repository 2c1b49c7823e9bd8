"""The facade's plan following (mixed into :class:`runknee.api.Runknee`; the work is in
:mod:`runknee.plan_tracker`, see docs/plans.md). Storage loads on first use."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from runknee.api_base import FacadePart

if TYPE_CHECKING:
    from runknee.engine.progression import LoggedSession
    from runknee.plan_tracker import (
        PlanOverview,
        PlanTracker,
        SessionChanges,
        SessionDeletion,
        SessionInput,
    )
    from runknee.storage import StoredPlan, StoredSession


class PlanFollowing(FacadePart):
    """Start a plan, log sessions, see where the runner is."""

    @property
    def _tracker(self) -> PlanTracker:
        """Plans being followed, over this facade's store and clock."""
        from runknee.plan_tracker import PlanTracker

        return PlanTracker(self._knowledge, self._store, self.clock)

    def start_plan(self, assessment_id: str, morning_pain_0_10: int = 0) -> StoredPlan:
        """Start following a saved assessment's care plan (``morning_pain_0_10``: usual pain on
        waking, the baseline for 'settled by the next morning')."""
        return self._tracker.start(assessment_id, morning_pain_0_10)

    def get_plan(self, plan_id: str) -> StoredPlan:
        """One plan being followed (raises :class:`NotFoundError`)."""
        return self._store.plans.get(plan_id)

    def list_plans(self, assessment_id: str | None = None) -> list[StoredPlan]:
        """Plans, newest first (only one assessment's when ``assessment_id`` is given)."""
        found = self._quick_read(lambda reads: reads.plans(assessment_id))
        return found if found is not None else self._store.plans.list(assessment_id)

    def log_session(
        self, plan_id: str, session: SessionInput | LoggedSession | dict[str, Any]
    ) -> StoredSession:
        """Log a session against a plan; the stored session carries the decision and reason."""
        return self._tracker.log(plan_id, session)

    def edit_plan_session(
        self, plan_id: str, session_id: str, changes: SessionChanges | dict[str, Any]
    ) -> StoredSession:
        """Change a logged session (only the fields in ``changes``; e.g. next-morning pain added
        the next day, or a new date); the plan is replayed from its start."""
        return self._tracker.edit_session(plan_id, session_id, changes)

    def plan_session_deletion(self, plan_id: str, session_id: str) -> SessionDeletion:
        """What deleting a session would change (phase, stage, pause, other decisions)."""
        return self._tracker.deletion_preview(plan_id, session_id)

    def delete_plan_session(self, plan_id: str, session_id: str) -> SessionDeletion:
        """Delete a logged session and replay the plan without it; returns what changed."""
        return self._tracker.delete_session(plan_id, session_id)

    def plan_sessions_between(self, since: date, until: date) -> list[StoredSession]:
        """Every plan's sessions dated from ``since`` to ``until`` (for the diary's calendar)."""
        return self._store.plans.sessions_between(since, until)

    def plan_today(self) -> date:
        """Today's date by the facade's clock: the default date of a new session."""
        return self.clock().date()

    def plan_timeline(self, plan_id: str) -> list[StoredSession]:
        """A plan's sessions in order, with their pain and decisions."""
        return self._store.plans.sessions(plan_id)

    def plan_timeline_page(
        self, plan_id: str, limit: int, cursor: str | None = None
    ) -> tuple[list[StoredSession], str | None]:
        """``limit`` of a plan's sessions in date order after ``cursor`` (``number-id`` of the
        last one seen), and the cursor of the next page (None at the end). A plan replays all
        its sessions on every change, so they are read whole and cut here."""
        after = 0 if cursor is None else int(cursor.rsplit("-", 1)[0])
        rest = [item for item in self.plan_timeline(plan_id) if item.number > after]
        page = rest[:limit]
        more = len(rest) > limit
        return page, (f"{page[-1].number}-{page[-1].id}" if more and page else None)

    def plan_overview(self, plan_id: str) -> PlanOverview:
        """Current phase and stage, what to do next, the sessions and the pain trend."""
        found = self._quick_read(lambda reads: reads.plan_with_sessions(plan_id))
        if found is None:
            return self._tracker.overview(plan_id)
        from runknee.plan_overview import plan_overview

        return plan_overview(*found, self._knowledge)

    def start_running(self, plan_id: str, criteria_met: dict[str, bool]) -> StoredPlan:
        """Begin the walk-run stages once every start check is confirmed."""
        return self._tracker.start_running(plan_id, criteria_met)

    def resume_plan(self, plan_id: str) -> StoredPlan:
        """Carry on after a pause, once a professional has seen the runner."""
        return self._tracker.resume(plan_id)
