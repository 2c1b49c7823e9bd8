"""Create the diary's tables: shoes, activities with per-km splits, imported files, pain.

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "diary_shoes",
        sa.Column("id", sa.String(32), primary_key=True, comment="uuid4 hex"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("first_used", sa.Date, nullable=True),
        sa.Column(
            "start_km", sa.Float, nullable=False, comment="km already on the shoes when added"
        ),
        sa.Column("alert_km", sa.Float, nullable=True, comment="the runner's own replacement mark"),
        sa.Column("retired", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
    )

    op.create_table(
        "diary_activities",
        sa.Column("id", sa.String(32), primary_key=True, comment="uuid4 hex"),
        sa.Column("sport", sa.String(32), nullable=False),
        sa.Column("start_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=True),
        sa.Column("local_date", sa.Date, nullable=False, comment="the runner's day, for weeks"),
        sa.Column("duration_s", sa.Float, nullable=False),
        sa.Column("moving_s", sa.Float, nullable=True),
        sa.Column("distance_m", sa.Float, nullable=True),
        sa.Column("elevation_gain_m", sa.Float, nullable=True),
        sa.Column("elevation_loss_m", sa.Float, nullable=True),
        sa.Column("avg_hr_bpm", sa.Float, nullable=True),
        sa.Column("max_hr_bpm", sa.Float, nullable=True),
        sa.Column("avg_cadence_spm", sa.Float, nullable=True),
        sa.Column("max_cadence_spm", sa.Float, nullable=True),
        sa.Column("device", sa.String(200), nullable=True),
        sa.Column("source_format", sa.String(16), nullable=False),
        sa.Column("source_name", sa.String(500), nullable=True),
        sa.Column("source_sha256", sa.String(64), nullable=True),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("gear", sa.String(200), nullable=True),
        sa.Column("has_pace", sa.Boolean, nullable=False),
        sa.Column("import_notes", sa.JSON, nullable=False),
        sa.Column(
            "shoe_id",
            sa.String(32),
            sa.ForeignKey("diary_shoes.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("surface", sa.String(16), nullable=True),
        sa.Column("route", sa.String(16), nullable=True),
        sa.Column("session_type", sa.String(16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
    )

    op.create_index("ix_diary_activities_start_utc", "diary_activities", ["start_utc"])
    op.create_index("ix_diary_activities_local_date", "diary_activities", ["local_date"])

    op.create_table(
        "diary_splits",
        sa.Column(
            "activity_id",
            sa.String(32),
            sa.ForeignKey("diary_activities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("km", sa.Integer, primary_key=True),
        sa.Column("distance_m", sa.Float, nullable=False),
        sa.Column("duration_s", sa.Float, nullable=False),
        sa.Column("avg_hr_bpm", sa.Float, nullable=True),
        sa.Column("elevation_gain_m", sa.Float, nullable=True),
    )

    op.create_table(
        "diary_sources",
        sa.Column("sha256", sa.String(64), primary_key=True, comment="of the decompressed file"),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("activities", sa.Integer, nullable=False, comment="new activities it gave"),
    )

    op.create_table(
        "diary_pain",
        sa.Column("id", sa.String(32), primary_key=True, comment="uuid4 hex"),
        sa.Column("entry_date", sa.Date, nullable=False),
        sa.Column("during_0_10", sa.Integer, nullable=True),
        sa.Column("after_0_10", sa.Integer, nullable=True),
        sa.Column("next_morning_0_10", sa.Integer, nullable=True),
        sa.Column("location", sa.String(64), nullable=True),
        sa.Column("swelling", sa.Boolean, nullable=False),
        sa.Column("rest_day_pain", sa.Boolean, nullable=False),
        sa.Column("night_pain", sa.Boolean, nullable=False),
        sa.Column("morning_stiffness_min", sa.Integer, nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="UTC"),
    )

    op.create_index("ix_diary_pain_entry_date", "diary_pain", ["entry_date"])


def downgrade() -> None:
    op.drop_index("ix_diary_pain_entry_date", table_name="diary_pain")
    op.drop_table("diary_pain")
    op.drop_table("diary_sources")
    op.drop_table("diary_splits")
    op.drop_index("ix_diary_activities_local_date", table_name="diary_activities")
    op.drop_index("ix_diary_activities_start_utc", table_name="diary_activities")
    op.drop_table("diary_activities")
    op.drop_table("diary_shoes")
