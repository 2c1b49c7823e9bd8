"""Table definitions (SQLAlchemy Core). Change them only together with a new migration."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Index, MetaData, String, Table

metadata = MetaData()

assessments = Table(
    "assessments",
    metadata,
    Column("id", String(32), primary_key=True, comment="uuid4 hex"),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("updated_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("knowledge_version", String(64), nullable=False),
    Column("urgency", String(32), nullable=False),
    Column("case_json", JSON, nullable=False),
    Column("result_json", JSON, nullable=False),
)

Index("ix_assessments_created_at", assessments.c.created_at)
