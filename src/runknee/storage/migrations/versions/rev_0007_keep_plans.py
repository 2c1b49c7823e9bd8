"""A plan can outlive its assessment: ``plans.assessment_id`` becomes nullable, ON DELETE SET NULL.

Deleting an assessment no longer takes its plan by itself: the runner chooses (the repository
deletes the plan in the same transaction, or keeps it without its assessment).

SQLite cannot change a foreign key in place, so the table is rebuilt (Alembic's batch mode).
Dropping the old ``plans`` table with foreign keys on would run its ON DELETE CASCADE and take
every logged session with it, so the sessions are set aside first and put back after.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FK = "fk_plans_assessment_id"


def upgrade() -> None:
    _rebuild_plans(ondelete="SET NULL", nullable=True)


def downgrade() -> None:
    # A plan kept without its assessment cannot exist before 0007: it goes, with its sessions.
    plan_sessions = sa.table("plan_sessions", sa.column("plan_id"))
    plans = sa.table("plans", sa.column("id"), sa.column("assessment_id"))
    orphans = sa.select(plans.c.id).where(plans.c.assessment_id.is_(None))
    op.execute(sa.delete(plan_sessions).where(plan_sessions.c.plan_id.in_(orphans)))
    op.execute(sa.delete(plans).where(plans.c.assessment_id.is_(None)))
    _rebuild_plans(ondelete="CASCADE", nullable=False)


def _rebuild_plans(ondelete: str, nullable: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # rebuilding ``plans`` would cascade-delete the sessions: set them aside
        op.execute("CREATE TEMP TABLE _sessions_aside AS SELECT * FROM plan_sessions")
        op.execute("DELETE FROM plan_sessions")
    with op.batch_alter_table("plans", recreate="auto") as batch:
        batch.drop_constraint(FK, type_="foreignkey")
        batch.alter_column("assessment_id", existing_type=sa.String(32), nullable=nullable)
        batch.create_foreign_key(FK, "assessments", ["assessment_id"], ["id"], ondelete=ondelete)
    if sqlite:
        op.execute("INSERT INTO plan_sessions SELECT * FROM _sessions_aside")
        op.execute("DROP TABLE _sessions_aside")
