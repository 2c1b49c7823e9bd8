"""One interview page request does the engine's work once and reads the draft once.

The engine's functions are wrapped, not replaced: the real engine and the real SQLite store
answer, and the wrapper only counts the calls made while one page is served.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

import runknee.engine.assess as engine_assess
from runknee.storage.draft_repository import DraftRepository
from tests.example_cases import SELF_CARE
from tests.web.interview_helpers import draft_id, interview, start
from tests.web.page_helpers import attr, find, soup, token


def _count_everywhere(
    monkeypatch: pytest.MonkeyPatch, counts: Counter[str], name: str, original: Any
) -> None:
    """Wrap ``original`` wherever a runknee module holds it, counting calls under ``name``."""

    def counted(*args: Any, **kwargs: Any) -> Any:
        counts[name] += 1
        return original(*args, **kwargs)

    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("runknee") and getattr(module, name, None) is original:
            monkeypatch.setattr(module, name, counted)


def _counting(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counts: Counter[str] = Counter()
    _count_everywhere(monkeypatch, counts, "groundwork", engine_assess.groundwork)
    _count_everywhere(monkeypatch, counts, "assess", engine_assess.assess)
    read: Callable[[DraftRepository, str], Any] = DraftRepository.get

    def counted_read(self: DraftRepository, draft: str) -> Any:
        counts["draft_reads"] += 1
        return read(self, draft)

    monkeypatch.setattr(DraftRepository, "get", counted_read)
    return counts


def test_a_question_page_assesses_once_and_reads_the_draft_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the basics (where the next question needs the triage and the differential too),
    a page still resolves, triages and scores the answers once."""
    response, asked = interview(client, SELF_CARE, stop="pain_front_kneecap")
    assert {"age_years", "sex"} <= set(asked)
    address = f"/interview/{draft_id(response)}"
    counts = _counting(monkeypatch)
    page = client.get(address)
    assert page.status_code == 200 and 'name="q" value="pain_front_kneecap"' in page.text
    assert counts == {"groundwork": 1, "assess": 1, "draft_reads": 1}


def test_the_first_question_page_assesses_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The basics need no differential; the page's result is still computed once."""
    address = f"/interview/{draft_id(start(client))}"
    counts = _counting(monkeypatch)
    assert client.get(address).status_code == 200
    assert counts == {"groundwork": 1, "assess": 1, "draft_reads": 1}


def test_the_finished_page_assesses_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 'all done' page shows the result and the optional questions from one assessment."""
    response, _ = interview(client, SELF_CARE)
    address = f"/interview/{draft_id(response)}"
    counts = _counting(monkeypatch)
    page = client.get(address)
    assert page.status_code == 200 and 'action="' + address + '/finish"' in page.text
    assert counts == {"groundwork": 1, "assess": 1, "draft_reads": 1}


def test_finishing_reads_the_draft_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'See my result' reads the draft once and assesses it once; the draft goes in the
    same transaction as the saved result."""
    response, _ = interview(client, SELF_CARE)
    page = soup(response)
    form = find(page, "form", action=re.compile(r"/finish$"))
    counts = _counting(monkeypatch)
    posted = client.post(
        attr(form, "action"), data={"csrf_token": token(page)}, follow_redirects=False
    )
    assert posted.status_code == 303 and posted.headers["location"].startswith("/assessments/")
    assert counts == {"groundwork": 1, "assess": 1, "draft_reads": 1}
