"""Saved assessments, plans and interview drafts: SQLAlchemy tables, Alembic migrations and the repository.

The only package in runknee that imports SQLAlchemy. Callers pass the clock (``now``) in.

    >>> from datetime import UTC, datetime
    >>> from runknee.storage import AssessmentStore
    >>> store = AssessmentStore.open("sqlite://")
    >>> store.list()
    []
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runknee.lazy import lazy_names

if TYPE_CHECKING:  # at run time each name loads its module on first use (see __getattr__)
    from runknee.storage.database import DATABASE_UNAVAILABLE, migrate, open_engine, redact_url
    from runknee.storage.draft_repository import DRAFT_MAX_AGE, DraftRepository, StoredDraft
    from runknee.storage.form_records import StoredFormCheck
    from runknee.storage.form_repository import FormCheckRepository
    from runknee.storage.locations import (
        DATABASE_URL_ENV,
        database_url_from_env,
        default_database_url,
    )
    from runknee.storage.paging import CURSOR_PATTERN
    from runknee.storage.plan_records import StoredEvent, StoredPlan, StoredSession
    from runknee.storage.plan_repository import PlanRepository
    from runknee.storage.records import StoredAssessment
    from runknee.storage.repositories import (
        EXPORT_FORMAT,
        EXPORT_FORMAT_VERSION,
        AssessmentStore,
    )

# Module of each name: a command that opens the store loads the diary's, the form check's and
# the plans' repositories (and their models) only when it uses them.
_FROM = {
    "runknee.storage.database": ("DATABASE_UNAVAILABLE", "migrate", "open_engine", "redact_url"),
    "runknee.storage.locations": (
        "DATABASE_URL_ENV",
        "database_url_from_env",
        "default_database_url",
    ),
    "runknee.storage.draft_repository": ("DRAFT_MAX_AGE", "DraftRepository", "StoredDraft"),
    "runknee.storage.form_records": ("StoredFormCheck",),
    "runknee.storage.form_repository": ("FormCheckRepository",),
    "runknee.storage.paging": ("CURSOR_PATTERN",),
    "runknee.storage.plan_records": ("StoredEvent", "StoredPlan", "StoredSession"),
    "runknee.storage.plan_repository": ("PlanRepository",),
    "runknee.storage.records": ("StoredAssessment",),
    "runknee.storage.repositories": (
        "EXPORT_FORMAT",
        "EXPORT_FORMAT_VERSION",
        "AssessmentStore",
    ),
}
__getattr__ = lazy_names(__name__, _FROM)


__all__ = [
    "CURSOR_PATTERN",
    "DATABASE_UNAVAILABLE",
    "DATABASE_URL_ENV",
    "DRAFT_MAX_AGE",
    "EXPORT_FORMAT",
    "EXPORT_FORMAT_VERSION",
    "AssessmentStore",
    "DraftRepository",
    "FormCheckRepository",
    "PlanRepository",
    "StoredAssessment",
    "StoredDraft",
    "StoredEvent",
    "StoredFormCheck",
    "StoredPlan",
    "StoredSession",
    "database_url_from_env",
    "default_database_url",
    "migrate",
    "open_engine",
    "redact_url",
]
