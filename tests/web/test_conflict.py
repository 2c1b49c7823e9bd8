"""Two sessions logged to one plan at the same moment: the second is a 409 with a retry hint,
the form comes back with what was typed, and nothing is stored twice."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from runknee.api import Runknee
from tests.example_cases import KNEECAP
from tests.web.page_helpers import find, soup, token
from tests.web.test_plan_pages import start_plan

SESSION = {"kind": "exercise", "pain_during": "2", "pain_after": "1"}


def test_a_session_logged_meanwhile_gives_409_and_the_form_again(
    client: TestClient, api: Runknee
) -> None:
    path = start_plan(client, api, KNEECAP)
    plan_id = path.rsplit("/", 1)[1]
    raced = False

    def other_writer_first(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        nonlocal raced
        if not raced and statement.lstrip().upper().startswith("UPDATE PLANS"):
            raced = True  # another tab logs a session just before this one is written
            other = {"kind": "exercise", "pain_during_0_10": 1, "pain_after_0_10": 1}
            api.log_session(plan_id, other)

    page = soup(client.get(path))
    event.listen(api._store.engine, "before_cursor_execute", other_writer_first)
    try:
        response = client.post(
            f"{path}/sessions", data={"csrf_token": token(page), **SESSION}, follow_redirects=False
        )
    finally:
        event.remove(api._store.engine, "before_cursor_execute", other_writer_first)

    assert raced
    assert response.status_code == 409 and response.headers["retry-after"] == "1"
    assert "was not saved" in response.text
    assert find(soup(response), "input", attrs={"name": "pain_during"})["value"] == "2"
    assert len(api.plan_timeline(plan_id)) == 1  # the other tab's session only
