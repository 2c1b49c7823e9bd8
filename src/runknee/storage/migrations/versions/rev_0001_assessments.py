"""Create the assessments table.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.String(32), primary_key=True, comment="uuid4 hex"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
        sa.Column("urgency", sa.String(32), nullable=False),
        sa.Column("case_json", sa.JSON, nullable=False),
        sa.Column("result_json", sa.JSON, nullable=False),
    )
    op.create_index("ix_assessments_created_at", "assessments", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_assessments_created_at", table_name="assessments")
    op.drop_table("assessments")
