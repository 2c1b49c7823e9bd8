"""The translation catalogue: fresh, and a compiled translation really changes the words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from runknee import i18n
from runknee.web.pages import TEMPLATES


def test_catalogue_matches_the_marked_sentences(tmp_path: Path) -> None:
    fresh = tmp_path / "runknee.pot"
    i18n.extract(fresh)
    assert fresh.read_text("utf-8") == i18n.CATALOGUE.read_text("utf-8"), "run `make messages`"


@pytest.fixture
def test_translation(tmp_path: Path) -> Iterator[Path]:
    """A compiled test translation ("xx") of two sentences, made active, then English again."""
    catalog = Catalog(locale="de", domain=i18n.DOMAIN)
    catalog.add("Home", "Hafen")
    catalog.add(("%(count)s saved", "%(count)s saved"), ("%(count)s Beute", "%(count)s Beuten"))
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as file:
        write_mo(file, catalog)
    i18n.use_language("xx", tmp_path)
    yield tmp_path
    i18n.use_language(None)


@pytest.mark.usefixtures("test_translation")
def test_an_active_translation_reaches_code_and_templates() -> None:
    assert i18n.gettext("Home") == "Hafen"
    assert i18n.ngettext("%(count)s saved", "%(count)s saved", 2) == "%(count)s Beuten"
    page = TEMPLATES.from_string('{{ _("Home") }} {{ ngettext("%(num)s x", "%(num)s xs", 2) }}')
    assert page.render() == "Hafen 2 xs"


def test_english_without_a_compiled_translation(tmp_path: Path) -> None:
    i18n.use_language("xx", tmp_path)
    try:
        assert i18n.gettext("Home") == "Home"
    finally:
        i18n.use_language(None)
