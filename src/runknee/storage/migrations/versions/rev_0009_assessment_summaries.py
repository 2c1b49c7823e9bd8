"""Summary columns on assessments: the urgency label and the most likely condition's name, so
that a list (the home page) reads a few short columns instead of each whole result.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "assessments",
        sa.Column("urgency_label", sa.String(200), nullable=True, comment="as shown when saved"),
    )
    op.add_column(
        "assessments",
        sa.Column("top_condition", sa.String(200), nullable=True, comment="most likely, by name"),
    )
    table = sa.table(
        "assessments",
        sa.column("result_json", sa.JSON),
        sa.column("urgency_label", sa.String),
        sa.column("top_condition", sa.String),
    )
    result = table.c.result_json
    op.execute(
        table.update().values(
            urgency_label=result[("urgency_advice", "label")].as_string(),
            top_condition=result[("conditions", 0, "name")].as_string(),
        )
    )


def downgrade() -> None:
    # In place (SQLite 3.35+ drops a plain column itself): rebuilding ``assessments`` would
    # run the plans' foreign-key action on every row.
    op.drop_column("assessments", "top_condition")
    op.drop_column("assessments", "urgency_label")
