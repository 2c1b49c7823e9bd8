"""Code systems, identifiers and small element builders for the FHIR export.

runknee's own vocabularies (urgency levels, finding ids, answer states, red-flag rules, plan
items) live under ``https://runknee.invalid/fhir``. The ``.invalid`` top-level domain is
reserved (RFC 2606), so these URLs never resolve and can never clash with a real code system.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from runknee.knowledge.models import Condition

Json = dict[str, Any]
"""A FHIR element or resource as JSON data, its keys in the order of the FHIR R4 elements."""

BASE = "https://runknee.invalid/fhir"
URGENCY_SYSTEM = f"{BASE}/CodeSystem/urgency"
FINDING_SYSTEM = f"{BASE}/CodeSystem/finding"
ANSWER_SYSTEM = f"{BASE}/CodeSystem/answer"
RED_FLAG_SYSTEM = f"{BASE}/CodeSystem/red-flag"
PLAN_ITEM_SYSTEM = f"{BASE}/CodeSystem/plan-item"
OBSERVATION_SYSTEM = f"{BASE}/CodeSystem/observation"
KNOWLEDGE_SYSTEM = f"{BASE}/knowledge-base"
QUESTIONNAIRE = f"{BASE}/Questionnaire/runknee-interview"

ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10"
SNOMED_SYSTEM = "http://snomed.info/sct"
VER_STATUS_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
GENDER_SYSTEM = "http://hl7.org/fhir/administrative-gender"
OBS_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
PARTICIPANT_SYSTEM = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"


_NAMESPACE = uuid.UUID("5b0c3f2e-8d6a-5d1e-9a57-2f0f7c1d3a64")


def resource_uuid(seed: str, name: str) -> str:
    """A stable ``urn:uuid`` for one resource of one export.

    The same case, result and time give the same ids, so an export is reproducible.

    Args:
        seed: what makes this export unique (see :func:`runknee.export.fhir.build_bundle`).
        name: the resource's role in the bundle, e.g. ``condition/2``.
    """
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{seed}/{name}')}"


def element(**fields: Any) -> Json:
    """A FHIR element or resource from its fields, in the order given, without the empty ones
    (``None``, ``[]``, ``""``: FHIR allows no empty string): as a FHIR serializer writes it. The callers give the fields in the
    order of the FHIR R4 elements; the tests check every shape against ``fhir.resources``."""
    return {name: value for name, value in fields.items() if value not in (None, [], "")}


def instant(moment: datetime) -> str:
    """A timezone-aware time as FHIR JSON writes it (``Z`` for UTC, as pydantic writes it)."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def ref(full_url: str, display: str | None = None) -> Json:
    """A reference to a resource in the same bundle by its ``fullUrl``."""
    return element(reference=full_url, display=display)


def concept(system: str, code: str, display: str | None = None, text: str | None = None) -> Json:
    """A CodeableConcept with one coding."""
    return element(coding=[element(system=system, code=code, display=display)], text=text)


def condition_concept(condition: Condition) -> Json:
    """The ICD-10 code, and the SNOMED CT code where the knowledge base has a verified one."""
    codings = [element(system=ICD10_SYSTEM, code=condition.codes.icd10)]
    if condition.codes.snomed_ct:
        codings.append(element(system=SNOMED_SYSTEM, code=condition.codes.snomed_ct))
    return element(coding=codings, text=condition.clinical_name)


def urgency_concept(level: str, label: str) -> Json:
    """The urgency level as a coded value from runknee's urgency code system; ``label`` is the
    level's label in ``urgency.yaml`` (the assessment's ``urgency_advice.label``)."""
    return concept(URGENCY_SYSTEM, level, label)


def require_aware(moment: datetime, name: str) -> datetime:
    """Return ``moment`` if it carries a timezone (FHIR instants must); raise otherwise."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment
