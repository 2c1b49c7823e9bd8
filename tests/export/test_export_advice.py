"""The PDF and FHIR summaries never contradict the urgency (issue 7, item 7)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from runknee import __version__
from runknee.api import Runknee
from runknee.engine.advice import UNTIL_SEEN_NOTE
from runknee.export.fhir import build_bundle
from runknee.export.pdf import build_pdf
from runknee.knowledge.loader import default_knowledge_base
from tests.advice_cases import OTTAWA_WITH_AMBER
from tests.example_cases import KNEECAP
from tests.export.test_pdf_export import pdf_text

AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def _care_plan(api: Runknee, data: dict[str, Any], with_plan: bool) -> dict[str, Any]:
    case = api.case(data)
    bundle = build_bundle(
        default_knowledge_base(),
        case,
        api.assess(case),
        generated_at=AT,
        app_version=__version__,
        plan=api.plan(case) if with_plan else None,
    )
    entries = bundle["entry"]
    plans = [e["resource"] for e in entries if e["resource"]["resourceType"] == "CarePlan"]
    assert len(plans) == 1
    plan: dict[str, Any] = plans[0]
    return plan


def test_emergency_pdf_notes_less_urgent_rules_without_their_advice(tmp_path: Path) -> None:
    api = Runknee(clock=lambda: AT)
    result = api.assess(OTTAWA_WITH_AMBER)
    leading = api.condition(result.conditions[0].id)
    data = build_pdf(
        default_knowledge_base(), result, generated_at=AT, app_version=__version__, plan=None
    )
    text = pdf_text(data, tmp_path, poppler=False)
    assert "Go to an emergency department today" in text
    assert "one to two weeks" not in text
    assert "Also noted" in text
    assert leading.self_care.split(".")[0] not in text
    assert UNTIL_SEEN_NOTE.split(".")[0] in text


def test_emergency_fhir_without_plan_has_no_relaxed_self_care() -> None:
    api = Runknee(clock=lambda: AT)
    result = api.assess(OTTAWA_WITH_AMBER)
    leading = api.condition(result.conditions[0].id)
    plan = _care_plan(api, OTTAWA_WITH_AMBER, with_plan=False)
    descriptions = [a["detail"]["description"] for a in plan["activity"]]
    assert leading.self_care not in descriptions
    assert UNTIL_SEEN_NOTE in descriptions


def test_emergency_fhir_plan_has_no_running_pain_rule() -> None:
    api = Runknee(clock=lambda: AT)
    plan = _care_plan(api, OTTAWA_WITH_AMBER, with_plan=True)
    notes = " ".join(note["text"] for note in plan["note"])
    assert "pain as your guide" not in notes.lower()


def test_fhir_plan_calls_routine_review_reasons_to_see_someone() -> None:
    api = Runknee(clock=lambda: AT)
    notes = [note["text"] for note in _care_plan(api, KNEECAP, with_plan=True)["note"]]
    assert any(n.startswith("Reason to see someone: No clear improvement") for n in notes)
    assert not any(n.startswith("Warning sign: No clear improvement") for n in notes)
