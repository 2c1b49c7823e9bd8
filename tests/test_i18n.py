"""The translation catalogue: fresh, and a compiled translation really changes the words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from runknee import i18n
from runknee.web.pages import TEMPLATES
from tests import translation


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
    with translation.active(catalog, tmp_path):
        yield tmp_path


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


CORE = ("engine", "knowledge", "diary", "form", "storage")  # storage, too, reads no language


def test_the_core_imports_only_the_no_op_marker() -> None:
    """The pure core reads no active language: from runknee.i18n it may take the no-op markers
    and the :class:`~runknee.i18n.Message` it returns (never ``_``, ``render`` or ``say``)."""
    import ast

    root = Path(i18n.__file__).parent
    taken = set()
    for package in CORE:
        for path in (root / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "runknee.i18n":
                    taken |= {alias.name for alias in node.names}
                elif isinstance(node, ast.Import):
                    assert all(alias.name != "runknee.i18n" for alias in node.names), path
    assert taken == {"N_", "NN_", "Message", "fits"}


def test_the_no_op_marker_translates_nothing_and_the_catalogue_has_its_words() -> None:
    from runknee.engine.advice import WARNING_SIGNS

    assert i18n.N_("Home") == "Home"
    assert f'msgid "{WARNING_SIGNS.heading}"' in i18n.CATALOGUE.read_text("utf-8")


def render(source: str) -> str:
    return TEMPLATES.from_string(source).render()


def test_template_sentences_escape_their_values_and_keep_format_rules() -> None:
    assert render('{{ _("Hi %(name)s", name="<b>") }}') == "Hi &lt;b&gt;"
    assert render('{{ _("100%% sure") }}') == "100% sure"
    assert render('{{ _("<em>Plain</em>") }}') == "<em>Plain</em>"  # the sentence is markup
    assert render('{{ ngettext("%(num)s run", "%(num)s runs", 1) }}') == "1 run"
    assert render('{{ pgettext("direction", "back %(x)s", x="<i>") }}') == "back &lt;i&gt;"
    assert render('{% trans who="<x>" %}For {{ who }}{% endtrans %}') == "For &lt;x&gt;"
    assert render("{% trans n=2 %}{{ n }} step{% pluralize %}{{ n }} steps{% endtrans %}") == (
        "2 steps"
    )


@pytest.mark.parametrize(
    ("english", "translation", "plural", "kept"),
    [
        ("Plan since %(date)s.", "Plan seit %(date)s.", False, True),
        ("Plan since %(date)s.", "Plan seit %(datum)s.", False, False),  # a renamed place
        ("Added %(name)s.", "%(name)d hinzugefügt.", False, False),  # a number for a name
        ("{shoe}: {km:.0f} km", "{shoe:.0f}: {km:.0f} km", False, False),
        ("{shoe}: {km:.0f} km", "{shoe} : {km:.1f} km", False, True),
        ("usually {usual:g}/10", "sonst {usual:.1f}/10", False, True),  # another number format
        ("%(km).1f km", "%(km)s km", False, True),  # a number may be shown as text
        ("Keep the increase small", "Moins de 10 % par semaine", False, True),  # never formatted
        ("Pain {pain} of 10", "Douleur {pain} sur 10 (100 %)", False, True),
        ("Done: 50%% of it", "Fait : 50 % de", False, False),  # formatted: "%" must be "%%"
        ("one day", "%(count)s Tage", True, True),  # a plural form may add the count
        ("%(count)s day", "%(cuont)s Tag", True, False),
        ("{unclosed", "{offen", False, True),  # neither parses: nothing to compare
    ],
)
def test_a_translation_fits_its_english_by_places_and_kinds(
    english: str, translation: str, plural: bool, kept: bool
) -> None:
    assert i18n.fits(english, translation, plural) is kept


def test_every_language_of_a_chain_is_checked(tmp_path: Path) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    for language, greeting in (("aa", "Hallo %(naam)s"), ("bb", "Salut %(nom)s")):
        catalog = Catalog(locale="en")
        catalog.add("Hello %(name)s", greeting)
        catalog.add("Home", f"{language} home")
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / f"{i18n.DOMAIN}.mo").open("wb") as file:
            write_mo(file, catalog)
    i18n.use_language(["aa", "bb"], tmp_path)
    try:
        assert i18n.gettext("Home") == "aa home"
        assert i18n.gettext("Hello %(name)s") % {"name": "Ann"} == "Hello Ann"
    finally:
        i18n.use_language(None)
