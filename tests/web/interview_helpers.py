"""Driving the web interview in-process: start a draft, answer from a target case, finish.

Every redirect and every link or form address seen on the way is checked to carry no answer
(:func:`assert_no_answers_in`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from bs4 import Tag
from fastapi.testclient import TestClient

from runknee.knowledge.loader import default_knowledge_base
from tests.web.page_helpers import attr, find, soup, token

CHOICE = {"present": "yes", "absent": "no", "unknown": "unknown"}
POSITIVE = {f.id for f in default_knowledge_base().findings.values() if f.question_positive}
DRAFT_PATH = re.compile(r"/interview/([0-9a-f]{32})")
HEX_ID = re.compile(r"[0-9a-f]{32}")


def field(page: Tag, name: str) -> str:
    """The value of the first input called ``name``."""
    return attr(find(page, "input", attrs={"name": name}), "value")


def addresses(response: httpx.Response) -> list[str]:
    """The redirect target, every link and every form action of a response."""
    found = [response.headers["location"]] if "location" in response.headers else []
    if "text/html" in response.headers.get("content-type", ""):
        page = soup(response)
        found += [str(a["href"]) for a in page.find_all("a", href=True)]
        found += [str(form["action"]) for form in page.find_all("form", action=True)]
    return found


def assert_no_answers_in(response: httpx.Response, answers: list[str]) -> None:
    """No address carries interview state: no ``s`` parameter, at most ``q=<question id>`` on
    interview pages, and no answer value in a path segment or a query value (ids blanked)."""
    for address in addresses(response):
        parts = urlsplit(address)
        query = parse_qs(parts.query)
        assert "s" not in query, address
        if parts.path.startswith("/interview"):
            assert set(query) <= {"q"}, address
        segments = set(HEX_ID.sub("ID", parts.path).split("/"))
        values = {value for listed in query.values() for value in listed}
        assert not (segments | values) & set(answers), (address, answers)


def start(client: TestClient) -> httpx.Response:
    """Press 'Start the questions' on the home page; return the first question's page."""
    home = soup(client.get("/"))
    form = home.find("form", action="/interview")
    assert form is not None, "no start form on the home page"
    posted = client.post("/interview", data={"csrf_token": token(home)}, follow_redirects=False)
    assert posted.status_code == 303
    assert DRAFT_PATH.fullmatch(posted.headers["location"]), posted.headers["location"]
    page: httpx.Response = client.get(posted.headers["location"])
    return page


def draft_id(response: httpx.Response) -> str:
    """The draft id in a page's address."""
    found = DRAFT_PATH.match(response.url.path)
    assert found is not None, response.url.path
    return found.group(1)


def choose(target: dict[str, Any], question: str) -> dict[str, str]:
    """The form answer to ``question`` that the target case gives."""
    if question == "age_years":
        age = target.get("age_years")
        return {"choice": "age", "age": str(age)} if age else {"choice": "declined"}
    if question == "sex":
        return {"choice": target.get("sex") or "declined"}
    state = target["findings"].get(question, "unknown")
    if question in POSITIVE:  # asked without the negative: "yes" means absent
        state = {"present": "absent", "absent": "present"}.get(state, state)
    return {"choice": CHOICE[state]}


def post_answer(
    client: TestClient, response: httpx.Response, question: str, **choice: str
) -> httpx.Response:
    """Post an answer through the question form on ``response``; expect a 303 to the draft."""
    page = soup(response)
    action = attr(find(page, "form", class_="question-form"), "action")
    data = {"csrf_token": token(page), "q": question, **choice}
    posted: httpx.Response = client.post(action, data=data, follow_redirects=False)
    if posted.status_code == 303:
        assert posted.headers["location"] == action
        assert_no_answers_in(posted, list(choice.values()))
    return posted


def interview(
    client: TestClient, target: dict[str, Any], stop: str | None = None
) -> tuple[httpx.Response, list[str]]:
    """Start, then answer from ``target`` until the engine stops (or question ``stop`` shows)."""
    response = start(client)
    asked: list[str] = []
    for _ in range(60):
        page = soup(response)
        q = page.find("input", attrs={"name": "q"})
        if q is None or q["value"] == stop:
            return response, asked
        asked.append(str(q["value"]))
        posted = post_answer(client, response, str(q["value"]), **choose(target, str(q["value"])))
        assert posted.status_code == 303, posted.text
        response = client.get(posted.headers["location"])
        assert response.status_code == 200, response.text
    raise AssertionError("interview did not stop")


def finish(client: TestClient, response: httpx.Response) -> httpx.Response:
    """Press 'See my result' and follow the redirect to the saved result."""
    page = soup(response)
    form = find(page, "form", action=re.compile(r"/finish$"))
    posted = client.post(
        attr(form, "action"), data={"csrf_token": token(page)}, follow_redirects=False
    )
    assert posted.status_code == 303
    assert re.fullmatch(r"/assessments/[0-9a-f]{32}", posted.headers["location"])
    result: httpx.Response = client.get(posted.headers["location"])
    return result
