"""The facade's clinician summaries: a FHIR R4 bundle and a PDF of an assessment and its plan.

The export modules are imported on first use: fpdf2 takes a few hundred
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
from runknee.export.summary import FollowedPlan, SessionRow
from runknee.i18n import _, say
from runknee.knowledge.loader import KnowledgeBase
from runknee.plan_overview import PlanOverview  # not plan_tracker: it loads the store
from runknee.vocabulary import decision_taken, plan_session_words


def fhir_bundle_json(
    knowledge: KnowledgeBase,
    case: Case,
    result: AssessmentResult,
    generated_at: datetime,
    assessed_at: datetime | None,
    include_patient: bool,
    followed: PlanOverview | None = None,
) -> dict[str, Any]:
    """An assessment and its plan (and the plan followed, if any) as a JSON-ready FHIR R4
    Bundle."""
    from runknee import __version__
    from runknee.export.fhir import build_bundle

    return build_bundle(
        knowledge,
        case,
        result,
        generated_at=generated_at,
        app_version=__version__,
        plan=plan_for(knowledge, case, result),
        assessed_at=assessed_at,
        include_patient=include_patient,
        followed=None if followed is None else followed_plan(followed),
    )


def summary_pdf_bytes(
    knowledge: KnowledgeBase,
    case: Case,
    result: AssessmentResult,
    generated_at: datetime,
    assessed_at: datetime | None = None,
    followed: PlanOverview | None = None,
) -> bytes:
    """A printable PDF of an assessment and its plan (and the plan followed, if any)."""
    from runknee import __version__
    from runknee.export.pdf import build_pdf

    return build_pdf(
        knowledge,
        result,
        generated_at=generated_at,
        app_version=__version__,
        plan=plan_for(knowledge, case, result),
        case=case,
        assessed_at=assessed_at,
        followed=None if followed is None else followed_plan(followed),
    )


def followed_plan(overview: PlanOverview) -> FollowedPlan:
    """A followed plan's overview as the summary prints it."""
    stored = overview.plan
    phase = None
    if overview.phase is not None and stored.plan.programme is not None:
        total = len(stored.plan.programme.phases)
        values = {"number": overview.phase_number, "total": total, "name": overview.phase.name}
        phase = _("%(number)s of %(total)s, %(name)s: %(goal)s") % {
            **values,
            "goal": overview.phase.goal,
        }
    return FollowedPlan(
        started=stored.created_at,
        headline=say(stored.plan.headline, stored.plan.headline_i18n),
        phase=phase,
        exercises=[] if overview.phase is None else [e.name for e in overview.phase.exercises],
        stage=None
        if overview.stage is None
        else _("stage %(number)s: %(text)s")
        % {
            "number": overview.stage.number,
            "text": say(overview.stage.text, overview.stage.text_i18n),
        },
        trend=overview.trend_text,
        sessions=[
            SessionRow(
                number=item.number,
                on=item.on,
                kind=plan_session_words(item.kind),
                pain_during=item.session.pain_during_0_10,
                pain_after=item.session.pain_after_0_10,
                pain_next_morning=item.session.pain_next_morning_0_10,
                decision=_("%(decision)s. %(reason)s")
                % {
                    "decision": decision_taken(item.progress.decision),
                    "reason": say(item.progress.reason, item.progress.reason_i18n),
                },
            )
            for item in overview.sessions
        ],
    )


def plan_for(knowledge: KnowledgeBase, case: Case, result: AssessmentResult) -> CarePlan | None:
    """The care plan, or None for a knowledge base without care-plan content."""
    if knowledge.plans is None:
        return None
    return build_plan(knowledge, case, result)
