"""The facade's clinician summaries: a FHIR R4 bundle and a PDF of an assessment and its plan.

The export modules are imported on first use: fhir.resources and fpdf2 take a few hundred
milliseconds to import, which the other commands and the web app need not pay. See
docs/export.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from runknee.engine.case import Case
from runknee.engine.plan import build_plan
from runknee.engine.plan_result import CarePlan
from runknee.engine.result import AssessmentResult
from runknee.knowledge.loader import KnowledgeBase


def fhir_bundle_json(
    knowledge: KnowledgeBase,
    case: Case,
    result: AssessmentResult,
    generated_at: datetime,
    assessed_at: datetime | None,
    include_patient: bool,
) -> dict[str, Any]:
    """An assessment and its plan as a JSON-ready FHIR R4 Bundle."""
    from runknee import __version__
    from runknee.export.fhir import build_bundle, bundle_json

    bundle = build_bundle(
        knowledge,
        case,
        result,
        generated_at=generated_at,
        app_version=__version__,
        plan=plan_for(knowledge, case, result),
        assessed_at=assessed_at,
        include_patient=include_patient,
    )
    return bundle_json(bundle)


def summary_pdf_bytes(
    knowledge: KnowledgeBase, case: Case, result: AssessmentResult, generated_at: datetime
) -> bytes:
    """A printable PDF of an assessment and its plan."""
    from runknee import __version__
    from runknee.export.pdf import build_pdf

    return build_pdf(
        knowledge,
        result,
        generated_at=generated_at,
        app_version=__version__,
        plan=plan_for(knowledge, case, result),
    )


def plan_for(knowledge: KnowledgeBase, case: Case, result: AssessmentResult) -> CarePlan | None:
    """The care plan, or None for a knowledge base without care-plan content."""
    if knowledge.plans is None:
        return None
    return build_plan(knowledge, case, result)
