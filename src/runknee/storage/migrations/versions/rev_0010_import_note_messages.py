"""Import notes' messages in a column of their own: ``diary_activities.import_notes`` keeps a
list of English sentences (what every earlier version reads), and ``import_notes_i18n`` holds
each note's sentence to translate with its values (``null`` for a note without one).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "diary_activities",
        sa.Column(
            "import_notes_i18n",
            sa.JSON,
            nullable=True,
            comment="one message (or null) per import note; null: notes stored before messages",
        ),
    )


def downgrade() -> None:
    # In place (SQLite 3.35+ drops a plain column itself): the English notes stay as they were.
    op.drop_column("diary_activities", "import_notes_i18n")
