"""Create the interview_drafts table (the web interview's answers until it is finished).

Revision ID: 0003
Revises: 0002
Create Date: 2025-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interview_drafts",
        sa.Column("id", sa.String(32), primary_key=True, comment="uuid4 hex"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column(
            "answers_json", sa.JSON, nullable=False, comment="answers so far, by question id"
        ),
    )
    op.create_index("ix_interview_drafts_updated_at", "interview_drafts", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_interview_drafts_updated_at", table_name="interview_drafts")
    op.drop_table("interview_drafts")
