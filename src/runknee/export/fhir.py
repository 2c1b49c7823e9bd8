"""An assessment as an HL7 FHIR R4 ``collection`` Bundle.

The bundle holds, in this order: an optional anonymous Patient, the Device (runknee itself), a
QuestionnaireResponse with the answers, an Observation with the urgency, one Condition per
ranked condition (``provisional`` for the first, ``differential`` for the rest, never
``confirmed``), a RiskAssessment with the chances, a CarePlan (a draft proposal) and a
Provenance that names runknee and the knowledge-base version. See ``docs/export.md``.

Everything here is pure: the caller passes the times in, and the same inputs give the same
bundle, resource ids included. The bundle is built as JSON data, not as ``fhir.resources``
models (importing them took most of ``runknee export fhir``'s start-up); the tests validate
every shape the exporter writes against those models, which are a development dependency.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from runknee.engine.case import Case
from runknee.engine.plan_result import CarePlan
from runknee.engine.result import AssessmentResult
from runknee.export.fhir_codes import (
    BASE,
    KNOWLEDGE_SYSTEM,
    PARTICIPANT_SYSTEM,
    Json,
    concept,
    element,
    instant,
    ref,
    require_aware,
    resource_uuid,
)
from runknee.export.fhir_resources import (
    BundleUrls,
    ExportContext,
    care_plan,
    conditions,
    questionnaire_response,
    resource_id,
    risk_assessment,
    urgency_observation,
)
from runknee.export.summary import FollowedPlan
from runknee.i18n import N_, _
from runknee.knowledge.loader import KnowledgeBase

ANONYMOUS = N_("Anonymous runner (not identified)")


def build_bundle(
    knowledge: KnowledgeBase,
    case: Case,
    result: AssessmentResult,
    *,
    generated_at: datetime,
    app_version: str,
    plan: CarePlan | None = None,
    assessed_at: datetime | None = None,
    include_patient: bool = False,
    followed: FollowedPlan | None = None,
) -> Json:
    """Build the FHIR Bundle for one assessment as JSON data (what ``runknee export fhir``
    prints).

    Args:
        knowledge: the knowledge base (condition codes, questions, sources).
        case: the runner's answers.
        result: the assessment of ``case``.
        generated_at: when the export is made (the bundle timestamp and Provenance.recorded);
            timezone-aware.
        app_version: runknee's version, recorded on the Device.
        plan: the care plan, when there is one; otherwise the CarePlan carries the urgency
            advice and self-care text only.
        assessed_at: when the assessment was made (default: ``generated_at``).
        include_patient: add a minimal anonymous Patient (gender and approximate birth year
            only) and point the resources at it. Without it the subject is a display-only
            reference.

        followed: the plan the runner follows (current phase, logged sessions with their pain
            scores), carried as notes on the CarePlan.

    Returns:
        The Bundle (``type`` = ``collection``).

    Raises:
        ValueError: a time without a timezone.
    """
    require_aware(generated_at, "generated_at")
    assessed = require_aware(assessed_at or generated_at, "assessed_at")
    seed = _seed(case, result, assessed, generated_at)
    urls = _urls(seed, len(result.conditions), include_patient)
    subject = ref(urls.patient) if urls.patient else element(display=_(ANONYMOUS))
    ctx = ExportContext(knowledge, case, result, plan, assessed, urls, subject, followed)
    resources: list[tuple[str, Json]] = []
    if urls.patient:
        resources.append((urls.patient, _patient(case, urls.patient, assessed)))
    resources.append((urls.device, _device(urls.device, app_version, result.knowledge_version)))
    resources.append((urls.answers, questionnaire_response(ctx)))
    resources.append((urls.urgency, urgency_observation(ctx)))
    resources.extend(zip(urls.conditions, conditions(ctx), strict=True))
    resources.append((urls.risk, risk_assessment(ctx)))
    resources.append((urls.care_plan, care_plan(ctx)))
    targets = [url for url, _ in resources if url != urls.device]
    provenance = _provenance(ctx, targets, generated_at, knowledge.version)
    resources.append((urls.provenance, provenance))
    return element(
        resourceType="Bundle",
        identifier=element(system="urn:ietf:rfc:3986", value=resource_uuid(seed, "bundle")),
        type="collection",
        timestamp=instant(generated_at),
        entry=[element(fullUrl=url, resource=resource) for url, resource in resources],
    )


def _seed(case: Case, result: AssessmentResult, assessed: datetime, generated: datetime) -> str:
    text = "|".join(
        [
            case.model_dump_json(),
            result.knowledge_version,
            assessed.isoformat(),
            generated.isoformat(),
        ]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _urls(seed: str, n_conditions: int, include_patient: bool) -> BundleUrls:
    def url(name: str) -> str:
        return resource_uuid(seed, name)

    return BundleUrls(
        patient=url("patient") if include_patient else None,
        device=url("device"),
        answers=url("questionnaire-response"),
        urgency=url("urgency"),
        conditions=[url(f"condition/{i}") for i in range(n_conditions)],
        risk=url("risk-assessment"),
        care_plan=url("care-plan"),
        provenance=url("provenance"),
    )


def _patient(case: Case, full_url: str, assessed: datetime) -> Json:
    # Only what the case holds, and no identifiers. The birth year is approximate: the case
    # records age in whole years, so the year may be one too late.
    year = None if case.age_years is None else f"{assessed.year - case.age_years:04d}"
    return element(
        resourceType="Patient", id=resource_id(full_url), gender=case.sex, birthDate=year
    )


def _device(full_url: str, app_version: str, knowledge_version: str) -> Json:
    return element(
        resourceType="Device",
        id=resource_id(full_url),
        deviceName=[element(name="runknee", type="user-friendly-name")],
        type=concept(f"{BASE}/CodeSystem/device", "runknee", text=_("Self-management software")),
        version=[
            element(value=app_version),
            element(
                type=concept(f"{BASE}/CodeSystem/device-version", "knowledge-base"),
                value=knowledge_version,
            ),
        ],
    )


def _provenance(
    ctx: ExportContext, targets: list[str], generated_at: datetime, current_version: str
) -> Json:
    versions = [ctx.result.knowledge_version]
    if current_version != ctx.result.knowledge_version:
        versions.append(current_version)  # codes, questions and plan text come from this one
    entities = [
        element(
            role="source",
            what=element(
                identifier=element(system=KNOWLEDGE_SYSTEM, value=version),
                display=_("runknee knowledge base %(version)s") % {"version": version},
            ),
        )
        for version in versions
    ]
    return element(
        resourceType="Provenance",
        id=resource_id(ctx.urls.provenance),
        target=[ref(url) for url in targets],
        occurredDateTime=instant(ctx.assessed_at),
        recorded=instant(generated_at),
        agent=[
            element(
                type=concept(PARTICIPANT_SYSTEM, "author", "Author"),
                who=ref(ctx.urls.device, "runknee"),
            )
        ],
        entity=entities,
    )
