"""The result page never contradicts its urgency (issue 7, items 3 and 7).

Rules less urgent than the result are "also noted" (what was noticed and why it matters), not
instructions; amber rules are reasons to see someone, never warning signs; open warning signs
name the questions that remain.
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.knowledge.loader import default_knowledge_base
from tests.advice_cases import BONE_STRESS, OTTAWA_WITH_AMBER, SWOLLEN_ONLY
from tests.web.page_helpers import soup


def _page(client: TestClient, api: Runknee, case: dict[str, Any]) -> BeautifulSoup:
    stored = api.save_assessment(case)
    response = client.get(f"/assessments/{stored.id}")
    assert response.status_code == 200
    return soup(response)


def _section(page: BeautifulSoup, heading: str) -> Tag | None:
    for tag in page.find_all(["h2"]):
        if tag.get_text(" ", strip=True) == heading:
            section = tag.find_parent("section")
            assert isinstance(section, Tag)
            return section
    return None


def _text(tag: Tag | BeautifulSoup) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def test_emergency_result_has_no_one_to_two_weeks_instruction(
    client: TestClient, api: Runknee
) -> None:
    page = _page(client, api, OTTAWA_WITH_AMBER)
    text = _text(page)
    assert "Go to an emergency department today" in text
    assert "one to two weeks" not in text
    assert "within one to two weeks" not in text.lower()
    noted = _section(page, "Also noted")
    assert noted is not None
    noted_text = _text(noted)
    assert "Swollen knee" in noted_text and "Knee gives way" in noted_text
    assert "What to do" not in noted_text
    signs = _section(page, "Warning signs in your answers")
    assert signs is not None
    assert "Ottawa" in _text(signs)
    assert "Swollen knee" not in _text(signs)


# A fall with a tender kneecap (Ottawa: emergency) and a knee locked bent (within 24 hours).
LOCKED_AFTER_FALL = {
    "age_years": 30,
    "findings": {
        "fall_or_blow": "present",
        "tender_kneecap": "present",
        "locking": "present",
        "cannot_straighten_fully": "present",
    },
}


def test_less_urgent_red_rule_is_also_noted_not_an_instruction(
    client: TestClient, api: Runknee
) -> None:
    """A locked knee (within 24 hours) under an Ottawa emergency is only noted."""
    page = _page(client, api, LOCKED_AFTER_FALL)
    signs = _section(page, "Warning signs in your answers")
    noted = _section(page, "Also noted")
    assert signs is not None and noted is not None
    assert "See a doctor within 24 hours" not in _text(page)
    assert "locked" in _text(noted).lower()


def test_amber_rules_are_reasons_to_see_someone_not_warning_signs(
    client: TestClient, api: Runknee
) -> None:
    page = _page(client, api, SWOLLEN_ONLY)
    assert _section(page, "Warning signs in your answers") is None
    reasons = _section(page, "Reasons to see someone")
    assert reasons is not None
    assert "Swollen knee" in _text(reasons)
    assert "See a physiotherapist or GP within one to two weeks" in _text(reasons)
    headline = page.find("section", class_="alert")
    assert isinstance(headline, Tag)
    assert "Warning sign" not in _text(headline)
    assert "Reason to see someone: Swollen knee" in _text(headline)


def test_open_warning_signs_name_the_questions_that_remain(
    client: TestClient, api: Runknee
) -> None:
    stored = api.save_assessment(SWOLLEN_ONLY)
    page = soup(client.get(f"/assessments/{stored.id}"))
    section = _section(page, "Warning signs not checked")
    assert section is not None
    text = _text(section)
    for rule in stored.result.open_red_flags:
        assert rule.name in text
        for finding_id in rule.questions:
            question = default_knowledge_base().findings[finding_id].question
            assert question in text
            assert finding_id not in text.split()


def test_things_to_change_are_for_later_when_to_be_seen_first(
    client: TestClient, api: Runknee
) -> None:
    page = _page(client, api, BONE_STRESS)
    factors = _section(page, "Things you can change")
    assert factors is not None
    assert "Build up" in _text(factors) or "distance" in _text(factors).lower()
    assert "For later" in _text(factors)


def test_open_warning_signs_can_be_answered_from_the_result(
    client: TestClient, api: Runknee
) -> None:
    stored = api.save_assessment(SWOLLEN_ONLY)
    open_questions = {q for rule in stored.result.open_red_flags for q in rule.questions}
    page = soup(client.get(f"/assessments/{stored.id}"))
    section = _section(page, "Warning signs not checked")
    assert section is not None
    form = section.find("form")
    assert isinstance(form, Tag)
    token = form.find("input", attrs={"name": "csrf_token"})
    assert isinstance(token, Tag)
    response = client.post(str(form["action"]), data={"csrf_token": str(token["value"])})
    assert response.status_code == 200  # followed the redirect to the next question
    assert "/interview/" in str(response.url)
    question = soup(response).find("input", attrs={"name": "q"})
    assert isinstance(question, Tag)
    assert question["value"] in open_questions
    assert api.get_assessment(stored.id).result == stored.result
