"""The interview's server-side drafts, in-process: addresses without answers, 404s, CSRF, finish."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.storage import AssessmentStore
from runknee.web.app import create_app
from tests.example_cases import EMERGENCY, SELF_CARE
from tests.web.interview_helpers import (
    assert_no_answers_in,
    choose,
    draft_id,
    field,
    finish,
    interview,
    post_answer,
    start,
)
from tests.web.page_helpers import attr, find, select, soup, token

GONE_TITLE = "These questions are no longer here"


def _answer_values(target: dict[str, object]) -> list[str]:
    """Every answer value a runner could post for ``target`` (and how drafts store them)."""
    return [str(target["age_years"]), "yes", "no", "unknown", "female", "male", "declined", "y"]


def test_get_interview_goes_to_the_home_page_and_its_start_button(client: TestClient) -> None:
    """Old addresses (``/interview``, with or without ``s=``) lead home; nothing is read."""
    for path in ("/interview", "/interview?s=eyJ2IjoxfQ"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/"


def test_a_draft_survives_across_requests_and_clients(client: TestClient, api: Runknee) -> None:
    """The answers are on the server: a new browser (no cookies) at the address carries on."""
    first = start(client)
    draft = draft_id(first)
    post_answer(client, first, "age_years", choice="age", age="30")
    post_answer(client, client.get(f"/interview/{draft}"), "sex", choice="female")
    assert api.interviews.get(draft).state.answers == {"age_years": 30, "sex": "female"}
    with TestClient(create_app(api), headers={"accept": "text/html"}) as other:
        page = soup(other.get(f"/interview/{draft}"))
    assert field(page, "q") == "injury_event"
    assert "Question 3" in select(page, ".progress-text").get_text()
    answers = select(page, ".answers").get_text(" ")
    assert "30 years" in answers and "Female" in answers


def test_no_address_ever_carries_an_answer(client: TestClient) -> None:
    """Every redirect, link and form action from start to result: draft id and question ids
    only (the redirects after each answer are checked by ``post_answer`` too)."""
    values = _answer_values(SELF_CARE)
    response = start(client)
    for _ in range(60):
        assert_no_answers_in(response, values)
        question = soup(response).find("input", attrs={"name": "q"})
        if question is None:
            break
        posted = post_answer(
            client, response, str(question["value"]), **choose(SELF_CARE, str(question["value"]))
        )
        response = client.get(posted.headers["location"])
    change = find(soup(response), "a", href=re.compile(r"/change\?q=age_years$"))
    assert_no_answers_in(client.get(attr(change, "href")), values)
    result = finish(client, response)
    assert_no_answers_in(result, values)


def _gone(response: httpx.Response) -> None:
    assert response.status_code == 404
    page = soup(response)
    assert find(page, "h1").get_text(strip=True) == GONE_TITLE
    assert page.find("form", action="/interview") is not None  # start again (POST)


@pytest.mark.parametrize("missing", ["0" * 32, "not-a-draft", "A" * 32])
def test_unknown_drafts_get_a_clear_404_page(client: TestClient, missing: str) -> None:
    """Showing, changing, answering or finishing an unknown draft: 404 with a way to restart."""
    csrf = token(soup(client.get("/")))
    _gone(client.get(f"/interview/{missing}"))
    _gone(client.get(f"/interview/{missing}/change", params={"q": "age_years"}))
    data = {"csrf_token": csrf, "q": "age_years", "choice": "declined"}
    _gone(client.post(f"/interview/{missing}", data=data))
    _gone(client.post(f"/interview/{missing}/finish", data={"csrf_token": csrf}))


def test_finishing_saves_the_result_and_deletes_the_draft(client: TestClient, api: Runknee) -> None:
    """'See my result' saves once; the draft is gone, so a second press saves nothing more."""
    response, _ = interview(client, SELF_CARE)
    draft = draft_id(response)
    result = finish(client, response)
    assert result.status_code == 200
    assert api.interviews.count() == 0
    _gone(client.get(f"/interview/{draft}"))
    again = client.post(f"/interview/{draft}/finish", data={"csrf_token": token(soup(result))})
    _gone(again)
    assert "your result is saved" in soup(again).get_text()
    assert len(api.list_assessments()) == 1


def test_the_emergency_box_finishes_the_draft_too(client: TestClient, api: Runknee) -> None:
    """'See the full result now' on a question page is the same finish."""
    response, asked = interview(client, EMERGENCY, stop="twist_planted_foot")
    assert "tender_kneecap" in asked
    box = select(soup(response), ".alert-emergency form")
    assert box["action"] == f"/interview/{draft_id(response)}/finish"
    result = finish(client, response)
    assert "Ottawa" in select(soup(result), ".flag-list").get_text()
    assert api.interviews.count() == 0


def test_finishing_before_any_answer_goes_back_to_the_first_question(
    client: TestClient, api: Runknee
) -> None:
    first = start(client)
    draft = draft_id(first)
    posted = client.post(
        f"/interview/{draft}/finish",
        data={"csrf_token": token(soup(first))},
        follow_redirects=False,
    )
    assert posted.status_code == 303 and posted.headers["location"] == f"/interview/{draft}"
    assert api.list_assessments() == [] and api.interviews.count() == 1


def test_start_again_discards_the_old_draft(client: TestClient, store: AssessmentStore) -> None:
    """'Start again' deletes the answers so far and starts a new draft."""
    first = start(client)
    old = draft_id(first)
    post_answer(client, first, "age_years", choice="age", age="30")
    page = soup(client.get(f"/interview/{old}"))
    restart = find(page, "form", class_="restart")
    assert restart["action"] == "/interview"
    assert field(restart, "discard") == old
    posted = client.post(
        "/interview", data={"csrf_token": token(page), "discard": old}, follow_redirects=False
    )
    new = posted.headers["location"].rsplit("/", 1)[1]
    assert new != old and [d.id for d in store.drafts.list()] == [new]
    _gone(client.get(f"/interview/{old}"))


def test_week_old_drafts_are_deleted_when_a_new_one_starts(
    client: TestClient, api: Runknee, store: AssessmentStore
) -> None:
    """Housekeeping with the facade's clock: a draft untouched for over 7 days goes."""
    clock = api.clock
    stale = draft_id(start(client))
    clock.now += timedelta(days=3)  # type: ignore[attr-defined]  # a StepClock
    recent = draft_id(start(client))
    clock.now += timedelta(days=4)  # type: ignore[attr-defined]
    newest = draft_id(start(client))
    assert {d.id for d in store.drafts.list()} == {recent, newest}
    _gone(client.get(f"/interview/{stale}"))


def test_answers_that_no_longer_fit_give_a_400_page(
    client: TestClient, api: Runknee, store: AssessmentStore
) -> None:
    """Stored answers the knowledge base cannot use (say a question was removed): 400, not 500."""
    first = start(client)
    draft = draft_id(first)
    for broken in ({"no_such_finding": "y"}, {"age_years": 3}, {"injury_event": "maybe"}):
        store.drafts.save_answers(draft, broken, api.clock())
        response = client.get(f"/interview/{draft}")
        assert response.status_code == 400
        assert "could not be used" in find(soup(response), "h1").get_text()


def test_answer_for_a_question_not_asked_is_refused(client: TestClient, api: Runknee) -> None:
    """Only the current question or an earlier one can be answered; the draft is unchanged."""
    first = start(client)
    response = post_answer(client, first, "tender_kneecap", choice="yes")
    assert response.status_code == 400
    back = find(soup(response), "a", string="Back to your questions")
    assert back["href"] == f"/interview/{draft_id(first)}"
    assert api.interviews.get(draft_id(first)).state.answers == {}


def test_changing_an_unanswered_question_shows_the_next_new_one(client: TestClient) -> None:
    draft = draft_id(start(client))
    response = client.get(
        f"/interview/{draft}/change", params={"q": "tender_kneecap"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == f"/interview/{draft}"


def test_posts_without_the_csrf_token_are_forbidden(client: TestClient, api: Runknee) -> None:
    """Starting, answering and finishing all need the double-submit token."""
    first = start(client)
    draft = draft_id(first)
    wrong = {"csrf_token": "x" * 40}
    response = client.post("/interview", data=wrong)
    assert response.status_code == 403
    assert find(soup(response), "h1").get_text(strip=True) == "The form has expired"
    answer = {**wrong, "q": "age_years", "choice": "age", "age": "30"}
    assert client.post(f"/interview/{draft}", data=answer).status_code == 403
    assert client.post(f"/interview/{draft}/finish", data={}).status_code == 403
    assert api.interviews.count() == 1 and api.interviews.get(draft).state.answers == {}
