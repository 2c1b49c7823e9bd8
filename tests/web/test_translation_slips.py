"""A catalogue in which a translator misspelled every placeholder: no page, export or terminal
command stops; the sentences with a slip show in English, the others in the language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from runknee import i18n
from runknee.api import Runknee
from runknee.cli.main import app
from tests import translation
from tests.example_cases import KNEECAP

MARK = translation.MARK
_PLACE = re.compile(r"%\((\w+)\)|\{(\w+)\}")


def _slip(text: str) -> str:
    return MARK + _PLACE.sub(lambda m: f"%({m[1]}_x)" if m[1] else "{" + f"{m[2]}_x" + "}", text)


@pytest.fixture
def slipped(tmp_path: Path) -> Iterator[None]:
    with i18n.CATALOGUE.open("rb") as file:
        catalog = read_po(file, locale="en")
    for message in catalog:
        if isinstance(message.id, str):
            message.string = _slip(message.id) if message.id else ""
        else:
            message.string = tuple(_slip(form) for form in message.id)
    with translation.active(catalog, tmp_path):
        yield


@pytest.mark.usefixtures("slipped")
def test_a_sentence_with_a_slip_shows_in_english_and_the_others_translate() -> None:
    assert i18n.gettext("Home") == MARK + "Home"
    sentence = "Plan being followed since %(date)s."
    assert i18n.gettext(sentence) == sentence
    assert i18n.ngettext("%(count)s day", "%(count)s days", 2) == "%(count)s days"


@pytest.mark.usefixtures("slipped")
def test_pages_exports_and_commands_still_answer(client: TestClient, api: Runknee) -> None:
    stored = api.save_assessment(KNEECAP)
    plan = api.start_plan(stored.id, 1)
    for url in ("/", f"/assessments/{stored.id}", f"/plans/{plan.id}/full", "/diary", "/form"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert MARK in page.text, url
    assert api.summary_pdf_for(stored.id).startswith(b"%PDF")
    assert api.fhir_bundle_for(stored.id)["resourceType"] == "Bundle"
    for command in (["exercises", "wall_sit"], ["conditions"], ["findings"], ["kb", "report"]):
        shown = CliRunner().invoke(app, command, env={"COLUMNS": "200"})
        assert shown.exit_code == 0, (command, shown.output)


def test_a_translation_may_hold_a_percent_sign_where_the_english_has_none(
    client: TestClient, tmp_path: Path
) -> None:
    with i18n.CATALOGUE.open("rb") as file:
        catalog = read_po(file, locale="en")
    for message in catalog:  # "Home" -> "»Home (100 %)": a literal sign, never formatted
        if isinstance(message.id, str) and message.id and "%" not in message.id:
            message.string = f"{MARK}{message.id} (100 %)"
    with translation.active(catalog, tmp_path):
        page = client.get("/")
    assert page.status_code == 200
    assert MARK + "Home (100 %)" in page.text
