"""A saved form check as the repository hands it out, and the one conversion from a row.

SQLAlchemy-free, so that the quick read path (:mod:`runknee.storage.sqlite_reads`) and
:mod:`runknee.storage.form_repository` build form checks with the same function.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from runknee.form.models import FormReport
from runknee.storage.ids import RowValues, as_utc


class StoredFormCheck(BaseModel):
    """One saved form check."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="uuid4 as 32 hex digits.")
    created_at: datetime = Field(description="When it was saved (UTC).")
    label: str = Field(description="The runner's own name for the clip.")
    knowledge_version: str
    report: FormReport
    has_clip: bool = Field(description="The original clip is stored (the runner chose so).")
    has_annotated: bool = Field(description="The annotated video is stored.")


def form_check_from_row(row: RowValues) -> StoredFormCheck:
    """A ``form_checks`` row (with ``has_clip``, ``has_annotated``) as a stored check."""
    return StoredFormCheck(
        id=row["id"],
        created_at=as_utc(row["created_at"]),
        label=row["label"],
        knowledge_version=row["knowledge_version"],
        report=FormReport.model_validate(row["report_json"]),
        has_clip=bool(row["has_clip"]),
        has_annotated=bool(row["has_annotated"]),
    )
