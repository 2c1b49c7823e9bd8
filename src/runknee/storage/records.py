"""A saved assessment as the repositories hand it out, and the one conversion from a row.

SQLAlchemy-free, so that the quick read path (:mod:`runknee.storage.sqlite_reads`) and the
repository (:mod:`runknee.storage.repositories`) build records with the same function.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from runknee.engine.case import Case
from runknee.engine.result import AssessmentResult
from runknee.storage.ids import RowValues, as_utc


class StoredAssessment(BaseModel):
    """One saved assessment: the case as answered, the result, and when and with what KB."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="uuid4 as 32 hex digits.")
    created_at: datetime = Field(description="When it was saved (UTC).")
    updated_at: datetime = Field(description="When it was last changed (UTC).")
    knowledge_version: str = Field(description="Content hash of the knowledge base used.")
    case: Case
    result: AssessmentResult


def assessment_from_row(row: RowValues) -> StoredAssessment:
    """A record read with the columns of ``repositories.records()`` (the JSON ones as text):
    pydantic reads JSON text in one step, about twice as fast as ``json.loads`` then
    validation (lists of 50 and exports)."""
    return StoredAssessment(
        id=row["id"],
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
        knowledge_version=row["knowledge_version"],
        case=Case.model_validate_json(row["case_text"]),
        result=AssessmentResult.model_validate_json(row["result_text"]),
    )
