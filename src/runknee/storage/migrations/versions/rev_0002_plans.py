"""Create the plans and plan_sessions tables (following a care plan, issue 4).

Revision ID: 0002
Revises: 0001
Create Date: 2025-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.String(32), primary_key=True, comment="uuid4 hex"),
        sa.Column(
            "assessment_id",
            sa.String(32),
            sa.ForeignKey("assessments.id", ondelete="CASCADE", name="fk_plans_assessment_id"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
        sa.Column("session_count", sa.Integer, nullable=False, comment="guards concurrent logging"),
        sa.Column(
            "plan_json", sa.JSON, nullable=False, comment="the CarePlan as built at the start"
        ),
        sa.Column(
            "state_json", sa.JSON, nullable=True, comment="PlanState; null for an until-seen plan"
        ),
    )
    op.create_index("ix_plans_assessment_id", "plans", ["assessment_id"])
    op.create_table(
        "plan_sessions",
        sa.Column("id", sa.String(32), primary_key=True, comment="uuid4 hex"),
        sa.Column(
            "plan_id",
            sa.String(32),
            sa.ForeignKey("plans.id", ondelete="CASCADE", name="fk_plan_sessions_plan_id"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False, comment="1, 2, ... within the plan"),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("kind", sa.String(16), nullable=False, comment="exercise or walk_run"),
        sa.Column(
            "decision",
            sa.String(16),
            nullable=False,
            comment="advance, hold, step_back or pause",
        ),
        sa.Column("session_json", sa.JSON, nullable=False, comment="the LoggedSession"),
        sa.Column(
            "progress_json", sa.JSON, nullable=False, comment="the Progress, with the state after"
        ),
        sa.UniqueConstraint("plan_id", "number", name="uq_plan_sessions_plan_number"),
    )


def downgrade() -> None:
    op.drop_table("plan_sessions")
    op.drop_index("ix_plans_assessment_id", table_name="plans")
    op.drop_table("plans")
