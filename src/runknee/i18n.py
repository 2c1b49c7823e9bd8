"""One catalogue for the sentences a runner reads: gettext markers, English by default.

Every sentence in the web pages, the terminal and the exports is written whole, in English, and
marked for translation: ``gettext`` (``_``) for a sentence, ``ngettext`` when a number changes
its form, ``N_`` to mark a sentence in a table that is translated when read. Values go in as named placeholders (``_("%(count)s saved") % {"count": n}``), never
as fragments glued together, because word order differs between languages. Templates use the
Jinja2 ``i18n`` extension (``{% trans %}...{% endtrans %}`` or ``{{ _("...") }}``).

``make messages`` extracts every marked sentence with Babel into ``locale/runknee.pot``, the
one catalogue a translator starts from (``tests/test_i18n.py`` fails when it is stale). A
translation is a compiled ``locale/<language>/LC_MESSAGES/runknee.mo``; :func:`use_language`
makes it the active one. Words kept at import time are marked with the no-op :func:`N_` (or
:func:`NP_` with a context) and translated where they are read. Words for coded values (answers, plan decisions, trends) live in
:mod:`runknee.vocabulary`, marked the same way; the clinical text (conditions, questions,
advice) lives in the knowledge base's YAML files, reviewed like code.
"""

from __future__ import annotations

import ast
import gettext as _gettext
import io
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, cast

DOMAIN = "runknee"
"""The gettext domain: the catalogue's file name."""

LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the catalogue (``runknee.pot``) and any compiled translations live."""

_active: _gettext.NullTranslations = _gettext.NullTranslations()


def gettext(message: str) -> str:
    """``message`` in the active language (English when no translation is active)."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a sentence that fits ``count``, in the active language."""
    return _active.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` where the same English word needs different translations (``context``)."""
    return _active.pgettext(context, message)


_ = gettext


def active_gettext() -> Callable[[str], str] | None:
    """The active language's ``gettext``, to translate the knowledge base's runner text with;
    ``None`` while English is active (no compiled translation), so nothing need be walked.
    The same language gives an equal function (a cache key) until :func:`use_language`."""
    if type(_active) is _gettext.NullTranslations:
        return None
    return _active.gettext


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it: for words kept at import time
    (module-level mappings, the engine's headings), translated with :func:`gettext` where they
    are read. Pure: it reads no active language, so the engine may use it."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` for the catalogue with a ``context`` (as :func:`pgettext` does) without
    translating it: for a short word whose translation depends on what it names ("back" as a
    camera view), read later with ``pgettext(context, message)``. Pure, like :func:`N_`."""
    del context  # only the extraction reads it
    return message


def use_language(language: str | None, locale_dir: Path = LOCALE_DIR) -> None:
    """Make ``language`` (e.g. ``"de"``) the active translation; ``None`` or a language without
    a compiled catalogue in ``locale_dir`` gives English."""
    global _active
    languages = [language] if language else []
    _active = _gettext.translation(DOMAIN, locale_dir, languages=languages, fallback=True)


CATALOGUE = LOCALE_DIR / f"{DOMAIN}.pot"
"""The catalogue checked in with the code: every marked sentence, sorted, without locations."""


def extract(output: Path) -> None:
    """Write a fresh catalogue of every marked sentence to ``output`` (needs Babel, a dev
    dependency; ``babel.cfg`` says which files are read)."""
    from babel.messages.frontend import CommandLineInterface

    root = Path(__file__).parent
    config = root.parent.parent / "babel.cfg"
    arguments = ["extract", "-F", str(config), "--no-location", "--omit-header"]
    arguments += ["--sort-output", "-k", "pgettext:1c,2", "-k", "N_", "-k", "NP_:1c,2"]
    arguments += ["-o", str(output), str(root)]
    logging.getLogger("babel").setLevel(logging.WARNING)  # not a line per file read
    CommandLineInterface().run(["pybabel", *arguments])  # type: ignore[no-untyped-call]
    _unflag_knowledge_text(output)


def _unflag_knowledge_text(catalogue: Path) -> None:
    """Drop the ``python-format`` flag Babel guesses for a knowledge-base sentence with a
    percent sign in it ("10% of"): such text is never %-formatted, and the flag would ask the
    translator to keep a "% o" that is not a placeholder. Those entries are the ones with a
    comment saying where they lie (the code's sentences carry none)."""
    from babel.messages.pofile import read_po, write_po

    with catalogue.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.auto_comments:
            message.flags.discard("python-format")
    with catalogue.open("wb") as file:
        write_po(file, catalog, no_location=True, omit_header=True, sort_output=True)


Extracted = tuple[int, str | None, str | tuple[str, ...], list[str]]
"""What a Babel extraction method yields: line, marker name, message(s), comments."""


def extract_cli(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[Extracted]:
    """Babel extraction for the CLI (``babel.cfg``): the marked sentences, as for any Python
    file, and the commands' docstrings, which Typer shows as their help (a function decorated
    with ``.command(...)`` / ``.callback(...)``, or named ``*_command`` and registered
    elsewhere); :mod:`runknee.cli.help_text` translates them where they are shown."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    found = extract_python(io.BytesIO(source), keywords, comment_tags, options)
    yield from cast("Iterator[Extracted]", found)  # Babel's own annotation has another order
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and _is_command(node):
            docstring = ast.get_docstring(node)  # cleaned as Typer's inspect.getdoc cleans it
            if docstring:
                yield node.lineno, None, docstring, []


def _is_command(function: ast.FunctionDef) -> bool:
    decorators = [d.func for d in function.decorator_list if isinstance(d, ast.Call)]
    named = {d.attr for d in decorators if isinstance(d, ast.Attribute)}
    return bool(named & {"command", "callback"}) or function.name.endswith("_command")


if __name__ == "__main__":  # make messages
    extract(CATALOGUE)
