"""The core interview on the web: how-to-check help after a first "I don't know", the optional
"tell us more" step, and a result that offers the training questions it did not ask."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from runknee.api import Runknee
from tests.example_cases import KNEECAP, SELF_CARE
from tests.web.interview_helpers import draft_id, field, finish, interview, post_answer
from tests.web.page_helpers import find, soup

FALL = {
    "age_years": 30,
    "sex": "male",
    "findings": {"injury_event": "present", "fall_or_blow": "present"},
}


def test_dont_know_to_a_self_check_shows_how_to_check_once(
    client: TestClient, api: Runknee
) -> None:
    response, _ = interview(client, FALL, stop="cannot_bend_90")
    assert field(soup(response), "q") == "cannot_bend_90"
    assert soup(response).find(id="how-to-check") is None
    posted = post_answer(client, response, "cannot_bend_90", choice="unknown")
    again = client.get(posted.headers["location"])
    page = soup(again)
    assert field(page, "q") == "cannot_bend_90"  # the same question, now with help
    help_box = page.find(id="how-to-check")
    assert help_box is not None and "right angle" in help_box.get_text().lower()
    figure = help_box.find("img")
    assert figure is not None
    assert client.get(str(figure["src"])).headers["content-type"] == "image/svg+xml"
    posted = post_answer(client, again, "cannot_bend_90", choice="unknown")
    after = soup(client.get(posted.headers["location"]))
    assert field(after, "q") != "cannot_bend_90"  # a second "don't know" is recorded
    state = api.interviews.get(draft_id(response)).state
    assert state.answers["cannot_bend_90"] == "unknown" and "cannot_bend_90" in state.steps


def test_tell_us_more_lists_the_remaining_questions_and_records_an_extra_answer(
    client: TestClient, api: Runknee
) -> None:
    response, _ = interview(client, SELF_CARE)
    page = soup(response)
    more = page.find(id="tell-us-more")
    assert more is not None
    links = more.find_all("a", href=re.compile(r"/more\?q="))
    assert links, "no optional questions listed"
    question_id = str(links[0]["href"]).split("q=")[1]
    shown = client.get(str(links[0]["href"]))
    assert field(soup(shown), "q") == question_id
    posted = post_answer(client, shown, question_id, choice="yes")
    assert posted.status_code == 303
    state = api.interviews.get(draft_id(response)).state
    assert state.answers[question_id] == "present" and question_id in state.optional
    result = soup(finish(client, client.get(posted.headers["location"])))
    assert result.find("section", class_="alert") is not None


def test_result_offers_the_training_questions_it_did_not_ask(
    client: TestClient, api: Runknee
) -> None:
    stored = api.save_assessment(KNEECAP)
    page = soup(client.get(f"/assessments/{stored.id}"))
    section = find(page, "section", attrs={"aria-labelledby": "factors-title"})
    text = " ".join(section.get_text(" ").split())
    assert "not asked" in text
    assert "None of your answers pointed to a training habit" not in text
    assert section.find("button", string=re.compile("training")) is not None


def test_a_result_with_unchecked_warning_signs_says_why_it_is_not_self_care(
    client: TestClient, api: Runknee
) -> None:
    stored = api.save_assessment(KNEECAP)
    assert stored.result.urgency_advice.reasons == ["open_warning_signs"]
    page = soup(client.get(f"/assessments/{stored.id}"))
    text = " ".join(page.get_text(" ").split())
    assert "Some warning signs have not been checked yet" in text


def test_the_progress_estimate_covers_a_whole_interview(client: TestClient) -> None:
    """The "Question 1, of up to about N" estimate is not below what a full interview asks."""
    _, asked = interview(client, SELF_CARE)
    first = soup(client.get(str(interview(client, SELF_CARE, stop="age_years")[0].url)))
    text = find(first, id="progress-text").get_text(" ", strip=True)
    estimate = re.search(r"of up to about (\d+)", text)
    assert estimate is not None, text
    assert int(estimate.group(1)) >= len(asked)
