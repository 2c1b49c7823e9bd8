"""Create the form_checks table (running-form checks from a video).

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_checks",
        sa.Column("id", sa.String(32), primary_key=True, comment="uuid4 hex"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("label", sa.String(200), nullable=False, comment="the runner's own name for it"),
        sa.Column("view", sa.String(8), nullable=True, comment="side or back"),
        sa.Column("gait", sa.String(16), nullable=False, comment="running, walking or unknown"),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
        sa.Column("report_json", sa.JSON, nullable=False, comment="the FormReport (metrics)"),
        sa.Column("video", sa.LargeBinary, nullable=True, comment="the clip, only if chosen"),
        sa.Column(
            "annotated_video", sa.LargeBinary, nullable=True, comment="H.264, only if chosen"
        ),
    )
    op.create_index("ix_form_checks_created_at", "form_checks", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_form_checks_created_at", table_name="form_checks")
    op.drop_table("form_checks")
