"""The diary's tables (SQLAlchemy Core, on the shared metadata). Change them only together with
a new migration (see ``migrations/versions/rev_0005_diary.py``)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from runknee.storage.tables import metadata

diary_shoes = Table(
    "diary_shoes",
    metadata,
    Column("id", String(32), primary_key=True, comment="uuid4 hex"),
    Column("name", String(200), nullable=False),
    Column("first_used", Date, nullable=True),
    Column("start_km", Float, nullable=False, comment="km already on the shoes when added"),
    Column("alert_km", Float, nullable=True, comment="the runner's own replacement mark"),
    Column("retired", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
)

diary_activities = Table(
    "diary_activities",
    metadata,
    Column("id", String(32), primary_key=True, comment="uuid4 hex"),
    Column("sport", String(32), nullable=False),
    Column("start_utc", DateTime(timezone=True), nullable=False),
    Column("end_utc", DateTime(timezone=True), nullable=False),
    Column("utc_offset_s", Integer, nullable=True),
    Column("local_date", Date, nullable=False, comment="the runner's day, for weeks"),
    Column("duration_s", Float, nullable=False),
    Column("moving_s", Float, nullable=True),
    Column("distance_m", Float, nullable=True),
    Column("elevation_gain_m", Float, nullable=True),
    Column("elevation_loss_m", Float, nullable=True),
    Column("avg_hr_bpm", Float, nullable=True),
    Column("max_hr_bpm", Float, nullable=True),
    Column("avg_cadence_spm", Float, nullable=True),
    Column("max_cadence_spm", Float, nullable=True),
    Column("device", String(200), nullable=True),
    Column("source_format", String(16), nullable=False),
    Column("source_name", String(500), nullable=True),
    Column("source_sha256", String(64), nullable=True),
    Column("name", String(500), nullable=True),
    Column("notes", Text, nullable=True),
    Column("gear", String(200), nullable=True),
    Column("has_pace", Boolean, nullable=False),
    Column("import_notes", JSON, nullable=False),
    Column("import_notes_i18n", JSON, nullable=True),
    Column("shoe_id", String(32), ForeignKey("diary_shoes.id", ondelete="SET NULL"), nullable=True),
    Column("surface", String(16), nullable=True),
    Column("route", String(16), nullable=True),
    Column("session_type", String(16), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("updated_at", DateTime(timezone=True), nullable=False, comment="UTC"),
)

Index("ix_diary_activities_start_utc", diary_activities.c.start_utc)
Index("ix_diary_activities_local_date", diary_activities.c.local_date)

diary_splits = Table(
    "diary_splits",
    metadata,
    Column(
        "activity_id",
        String(32),
        ForeignKey("diary_activities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("km", Integer, primary_key=True),
    Column("distance_m", Float, nullable=False),
    Column("duration_s", Float, nullable=False),
    Column("avg_hr_bpm", Float, nullable=True),
    Column("elevation_gain_m", Float, nullable=True),
)

diary_sources = Table(
    "diary_sources",
    metadata,
    Column("sha256", String(64), primary_key=True, comment="of the decompressed file"),
    Column("file_name", String(500), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("activities", Integer, nullable=False, comment="new activities it gave"),
)

diary_pain = Table(
    "diary_pain",
    metadata,
    Column("id", String(32), primary_key=True, comment="uuid4 hex"),
    Column("entry_date", Date, nullable=False),
    Column("during_0_10", Integer, nullable=True),
    Column("after_0_10", Integer, nullable=True),
    Column("next_morning_0_10", Integer, nullable=True),
    Column("location", String(64), nullable=True),
    Column("swelling", Boolean, nullable=False),
    Column("rest_day_pain", Boolean, nullable=False),
    Column("night_pain", Boolean, nullable=False),
    Column("morning_stiffness_min", Integer, nullable=True),
    Column("notes", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("updated_at", DateTime(timezone=True), nullable=False, comment="UTC"),
)

Index("ix_diary_pain_entry_date", diary_pain.c.entry_date)
