"""Plan sessions get the date the runner chose; plans keep their state-changing events.

``plan_sessions.session_date`` is the day of the session (backfilled from the plan's start
date plus the session's stored day count). ``plans.events_json`` lists the walk-run start and
the resumes after a pause, with their dates, so that a plan can be replayed from its start
(backfilled from the sessions: the walk-run start just before the first walk-run, a resume
just after the last pause when the plan is no longer paused).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_plans = sa.table(
    "plans",
    sa.column("id", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("state_json", sa.JSON),
    sa.column("events_json", sa.JSON),
)
_sessions = sa.table(
    "plan_sessions",
    sa.column("id", sa.String),
    sa.column("plan_id", sa.String),
    sa.column("number", sa.Integer),
    sa.column("logged_at", sa.DateTime(timezone=True)),
    sa.column("kind", sa.String),
    sa.column("decision", sa.String),
    sa.column("session_json", sa.JSON),
    sa.column("session_date", sa.Date),
)


def upgrade() -> None:
    with op.batch_alter_table("plan_sessions") as batch:
        batch.add_column(sa.Column("session_date", sa.Date, nullable=True))
    with op.batch_alter_table("plans") as batch:
        batch.add_column(
            sa.Column("events_json", sa.JSON, nullable=True, comment="walk-run start, resumes")
        )
    connection = op.get_bind()
    for plan in connection.execute(sa.select(_plans)).all():
        _backfill(connection, plan)
    with op.batch_alter_table("plan_sessions") as batch:
        batch.alter_column("session_date", existing_type=sa.Date, nullable=False)
    op.create_index("ix_plan_sessions_session_date", "plan_sessions", ["session_date"])


def downgrade() -> None:
    op.drop_index("ix_plan_sessions_session_date", table_name="plan_sessions")
    with op.batch_alter_table("plan_sessions") as batch:
        batch.drop_column("session_date")
    # SQLite rebuilds ``plans`` to drop a column; dropping the old table with foreign keys on
    # would cascade-delete every session, so they are set aside and put back (as in 0007).
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TEMP TABLE _sessions_aside AS SELECT * FROM plan_sessions")
        op.execute("DELETE FROM plan_sessions")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("events_json")
    if sqlite:
        op.execute("INSERT INTO plan_sessions SELECT * FROM _sessions_aside")
        op.execute("DROP TABLE _sessions_aside")


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _backfill(connection: sa.Connection, plan: Any) -> None:
    start: date = _utc(plan.created_at).date()
    rows = connection.execute(
        sa.select(_sessions).where(_sessions.c.plan_id == plan.id).order_by(_sessions.c.number)
    ).all()
    events: list[dict[str, Any]] = []
    for row in rows:
        day = int((row.session_json or {}).get("day", 0))
        connection.execute(
            sa.update(_sessions)
            .where(_sessions.c.id == row.id)
            .values(session_date=start + timedelta(days=day))
        )
    runs = [row for row in rows if row.kind == "walk_run"]
    state = plan.state_json or {}
    if runs or state.get("running_stage_index") is not None:
        first = runs[0] if runs else (rows[-1] if rows else None)
        day = int(first.session_json.get("day", 0)) if first is not None else 0
        at = _utc(plan.created_at)
        events.append(_event("start_running", start + timedelta(days=day), at))
    pauses = [row for row in rows if row.decision == "pause"]
    if pauses and state.get("paused_for") is None:
        last = pauses[-1]
        on = start + timedelta(days=int(last.session_json.get("day", 0)))
        events.append(_event("resume", on, _utc(last.logged_at) + timedelta(seconds=1)))
    connection.execute(sa.update(_plans).where(_plans.c.id == plan.id).values(events_json=events))


def _event(kind: str, on: date, at: datetime) -> dict[str, Any]:
    return {"kind": kind, "on": on.isoformat(), "at": at.isoformat()}
