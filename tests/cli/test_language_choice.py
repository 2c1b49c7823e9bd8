"""The terminal and the web app show the language the environment asks for, read as they start:
``RUNKNEE_LANGUAGE``, else the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``),
from ``RUNKNEE_LOCALE_DIR`` when set; English when no compiled catalogue matches."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from runknee import i18n
from runknee.api import Runknee
from runknee.knowledge.loader import default_knowledge_base
from runknee.web.app import create_app
from tests import translation

NAME = default_knowledge_base().conditions["patellofemoral_pain"].lay_name
LOCALE_VARIABLES = ("RUNKNEE_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(scope="module")
def locale_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the pseudo-translation compiled as the test language."""
    folder = tmp_path_factory.mktemp("locale")
    translation.compile_catalog(translation.pseudo_catalog(), folder)
    return folder


def _conditions(tmp_path: Path, **variables: str) -> str:
    """``runknee conditions`` run as a command, with only ``variables`` naming a language."""
    environ = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    environ |= {"COLUMNS": "200", "HOME": str(tmp_path), **variables}
    command = [sys.executable, "-c", "from runknee.cli.main import main; main()", "conditions"]
    done = subprocess.run(command, env=environ, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_terminal_shows_the_language_named(locale_dir: Path, tmp_path: Path) -> None:
    shown = _conditions(
        tmp_path, RUNKNEE_LANGUAGE=translation.TEST_LANGUAGE, RUNKNEE_LOCALE_DIR=str(locale_dir)
    )
    assert translation.MARK + NAME in shown


def test_the_locale_chooses_when_runknee_names_no_language(
    locale_dir: Path, tmp_path: Path
) -> None:
    shown = _conditions(tmp_path, LANG="xx_XX.UTF-8", RUNKNEE_LOCALE_DIR=str(locale_dir))
    assert translation.MARK + NAME in shown


def test_an_unknown_language_shows_english(locale_dir: Path, tmp_path: Path) -> None:
    shown = _conditions(tmp_path, RUNKNEE_LANGUAGE="zz", RUNKNEE_LOCALE_DIR=str(locale_dir))
    assert NAME in shown
    assert translation.MARK not in shown


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"RUNKNEE_LANGUAGE": "de:fr", "LANG": "es_ES.UTF-8"}, ["de", "fr"]),
        ({"LANGUAGE": "", "LC_ALL": "pt_BR.UTF-8", "LANG": "es"}, ["pt_BR.UTF-8"]),
        ({"LC_MESSAGES": "it_IT", "LANG": "es"}, ["it_IT"]),
        ({}, []),
    ],
)
def test_languages_are_read_as_gettext_reads_them(
    environ: dict[str, str], expected: list[str]
) -> None:
    assert i18n.languages_from(environ) == expected


@pytest.fixture
def chosen(locale_dir: Path) -> Iterator[None]:
    """The test language chosen from the environment, English again after the test."""
    i18n.use_language_from({"LANG": "xx_XX.UTF-8", "RUNKNEE_LOCALE_DIR": str(locale_dir)})
    try:
        yield
    finally:
        i18n.use_language(None)


@pytest.mark.usefixtures("chosen")
def test_the_web_app_shows_the_language_chosen(api: Runknee) -> None:
    with TestClient(create_app(api), headers={"accept": "text/html"}) as client:
        page = client.get("/").text
    assert '<html lang="xx">' in page
    assert translation.MARK + "Knee pain from running?" in page


def test_the_pages_say_english_when_no_translation_is_active(api: Runknee) -> None:
    with TestClient(create_app(api), headers={"accept": "text/html"}) as client:
        assert '<html lang="en">' in client.get("/").text
