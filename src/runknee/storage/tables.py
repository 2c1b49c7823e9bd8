"""Table definitions (SQLAlchemy Core). Change them only together with a new migration."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

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
    # What a list shows, copied from the result when saved (migration 0009): a page of the
    # history then reads no JSON.
    Column("urgency_label", String(200), nullable=True, comment="as shown when saved"),
    Column("top_condition", String(200), nullable=True, comment="most likely, by name"),
)

Index("ix_assessments_created_at", assessments.c.created_at)

plans = Table(
    "plans",
    metadata,
    Column("id", String(32), primary_key=True, comment="uuid4 hex"),
    Column(
        "assessment_id",
        String(32),
        ForeignKey("assessments.id", ondelete="SET NULL", name="fk_plans_assessment_id"),
        nullable=True,  # null once the assessment is deleted and the plan kept
    ),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("updated_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("knowledge_version", String(64), nullable=False),
    Column("session_count", Integer, nullable=False, comment="guards concurrent logging"),
    Column("plan_json", JSON, nullable=False, comment="the CarePlan as built at the start"),
    Column("state_json", JSON, nullable=True, comment="PlanState; null for an until-seen plan"),
    Column("events_json", JSON, nullable=True, comment="walk-run start, resumes"),
)

Index("ix_plans_assessment_id", plans.c.assessment_id)

plan_sessions = Table(
    "plan_sessions",
    metadata,
    Column("id", String(32), primary_key=True, comment="uuid4 hex"),
    Column("plan_id", String(32), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False, comment="1, 2, ... within the plan"),
    Column("logged_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("session_date", Date, nullable=False, comment="the day of the session"),
    Column("kind", String(16), nullable=False, comment="exercise or walk_run"),
    Column("decision", String(16), nullable=False, comment="advance, hold, step_back or pause"),
    Column("session_json", JSON, nullable=False, comment="the LoggedSession"),
    Column("progress_json", JSON, nullable=False, comment="the Progress, with the state after"),
    UniqueConstraint("plan_id", "number", name="uq_plan_sessions_plan_number"),
)

Index("ix_plan_sessions_session_date", plan_sessions.c.session_date)

interview_drafts = Table(
    "interview_drafts",
    metadata,
    Column("id", String(32), primary_key=True, comment="uuid4 hex"),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("updated_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("answers_json", JSON, nullable=False, comment="answers so far, by question id"),
)

Index("ix_interview_drafts_updated_at", interview_drafts.c.updated_at)

form_checks = Table(
    "form_checks",
    metadata,
    Column("id", String(32), primary_key=True, comment="uuid4 hex"),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("label", String(200), nullable=False, comment="the runner's own name for it"),
    Column("view", String(8), nullable=True, comment="side or back"),
    Column("gait", String(16), nullable=False, comment="running, walking or unknown"),
    Column("knowledge_version", String(64), nullable=False),
    Column("report_json", JSON, nullable=False, comment="the FormReport (metrics)"),
    Column("video", LargeBinary, nullable=True, comment="the clip, only if chosen"),
    Column("annotated_video", LargeBinary, nullable=True, comment="H.264, only if chosen"),
)

Index("ix_form_checks_created_at", form_checks.c.created_at)
