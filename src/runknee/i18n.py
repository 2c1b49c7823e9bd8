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
:func:`NP_` with a context) and translated where they are read. The pure core, which reads no
active language, returns a sentence with values as a :class:`Message` (marked with ``N_``, or
``NN_`` for a plural), which a face shows with :func:`render` or :func:`say`. Words for coded values (answers, plan decisions, trends) live in
:mod:`runknee.vocabulary`, marked the same way; the clinical text (conditions, questions,
advice) lives in the knowledge base's YAML files, reviewed like code.
"""

from __future__ import annotations

import ast
import gettext as _gettext
import io
import logging
import re
import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeAlias, cast

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


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a sentence with a singular and a plural form for the catalogue (a plural entry, as
    :func:`ngettext` makes) without translating it; a :class:`Message` carries the pair and the
    count that chooses between them. Pure, like :func:`N_`."""
    return singular, plural


Value: TypeAlias = "str | int | float | Message"
"""What a placeholder of a :class:`Message` takes."""


@dataclass(frozen=True)
class Message:
    """A sentence to translate and the values of its named placeholders: ``text`` is the English
    sentence as the catalogue has it (its msgid), ``plural`` its plural form when a number changes
    it (``count_key`` names that number among the ``values``); a value may itself be a message
    (a counted unit such as "3 days")."""

    # The pure core returns one instead of a finished sentence (marked with N_ or NN_, numbers
    # formatted by the placeholder, "%(km).1f", when shown); faces show it with render(), and
    # `english` reads no active language.
    text: str
    values: Mapping[str, str | int | float | Message] = field(default_factory=dict)
    plural: str | None = None
    count_key: str | None = None

    @classmethod
    def of(
        cls, text: str | tuple[str, str], count_key: str | None = None, **values: Value
    ) -> Message:
        """A message from a marked sentence (``N_(...)`` or ``NN_(..., ...)``) and its values."""
        singular, plural = (text, None) if isinstance(text, str) else text
        return cls(text=singular, values=values, plural=plural, count_key=count_key)

    @property
    def english(self) -> str:
        """The sentence in English with its values in, whatever language is active."""
        form = self.text if self.plural is None or self.count() == 1 else self.plural
        return _fill(form, {key: _english(value) for key, value in self.values.items()})

    def count(self) -> int:
        """The number that chooses the plural form (1 when the sentence has none)."""
        count = self.values.get(self.count_key or "", 1)
        return int(count) if isinstance(count, (int, float)) else 1

    def __hash__(self) -> int:  # the values are a mapping: hash their items
        return hash((self.text, self.plural, self.count_key, tuple(sorted(self.values.items()))))


def _fill(sentence: str, values: Mapping[str, str | int | float]) -> str:
    return sentence % values if values else sentence


def _english(value: str | int | float | Message) -> str | int | float:
    return value.english if isinstance(value, Message) else value


def render(message: Message) -> str:
    """``message`` in the active language, its values (and any messages among them) filled in;
    in English when the translation's placeholders do not fit the values (a translator's slip
    must not stop a page)."""
    if message.plural is None:
        sentence = gettext(message.text)
    else:
        sentence = ngettext(message.text, message.plural, message.count())
    try:
        return _fill(sentence, {k: _rendered(v) for k, v in message.values.items()})
    except (KeyError, ValueError, TypeError):
        return message.english


def _rendered(value: str | int | float | Message) -> str | int | float:
    return render(value) if isinstance(value, Message) else value


def say(text: str, message: Message | None = None) -> str:
    """What a runner reads for a core result kept as English ``text`` and, from this version on,
    its ``message``: the message rendered in the active language, or, for a result stored before
    messages were kept (a plain string), ``text`` translated when it is a fixed sentence."""
    return render(message) if message is not None else gettext(text)


def use_language(language: str | Sequence[str] | None, locale_dir: Path = LOCALE_DIR) -> None:
    """Make ``language`` (e.g. ``"de"``, or languages in order of preference) the active
    translation; ``None`` or no compiled catalogue for any of them in ``locale_dir`` gives
    English. A locale name (``de_DE.UTF-8``) finds ``de_DE`` or ``de``, as gettext looks."""
    global _active, _active_language
    names = [language] if isinstance(language, str) else list(language or [])
    languages = tuple(name for name in names if name)
    key = (languages, locale_dir)
    if key not in _loaded:  # one object a language, so the knowledge base's copy is kept
        found = _gettext.translation(DOMAIN, locale_dir, languages=list(languages), fallback=True)
        _drop_unfit(found)
        mo = (
            _gettext.find(DOMAIN, str(locale_dir), languages=list(languages)) if languages else None
        )
        _loaded[key] = found, Path(mo).parents[1].name if mo else ENGLISH
    _active, _active_language = _loaded[key]


ENGLISH = "en"
"""The language the sentences are written in, active when no translation is."""

_active_language = ENGLISH

LANGUAGE_ENV = "RUNKNEE_LANGUAGE"
"""Names the language to show (``de``, ``pt_BR``, or several as ``de:fr``), before the locale."""

LOCALE_DIR_ENV = "RUNKNEE_LOCALE_DIR"
"""A folder of compiled catalogues (``<language>/LC_MESSAGES/runknee.mo``) to read instead of
the installed ones: for trying a translation without installing it."""

_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def languages_from(environ: Mapping[str, str]) -> list[str]:
    """The languages ``environ`` asks for, in order of preference: ``RUNKNEE_LANGUAGE`` when
    set, else the first locale variable set, read as gettext reads them (``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; a colon separates several)."""
    for variable in (LANGUAGE_ENV, *_LOCALE_VARIABLES):
        value = environ.get(variable, "")
        if value:
            return [name for name in value.split(":") if name]
    return []


def use_language_from(environ: Mapping[str, str]) -> None:
    """Make the language ``environ`` asks for active (a face calls this as it starts; the core
    reads no environment): see :func:`languages_from`; catalogues are read from
    ``RUNKNEE_LOCALE_DIR`` when set. English when no compiled catalogue matches."""
    folder = environ.get(LOCALE_DIR_ENV, "")
    use_language(languages_from(environ), Path(folder) if folder else LOCALE_DIR)


def active_language() -> str:
    """The active language as an HTML ``lang`` value (``de``, ``pt-BR``): ``en`` while no
    translation is active."""
    return _active_language.replace("_", "-")


_loaded: dict[tuple[tuple[str, ...], Path], tuple[_gettext.NullTranslations, str]] = {}
"""Each catalogue loaded, with the language it was found for."""

_PERCENT_SPEC = re.compile(r"%\((\w*)\)[#0\- +]*(?:\d+|\*)?(?:\.\d+)?([a-zA-Z%])?")


def _fields(sentence: str) -> frozenset[tuple[str, str]] | None:
    """Each named place with the kind of value its format needs: ``number`` (``%(km).1f``,
    ``{usual:g}``) or ``text`` (``%(name)s``, ``{pain}``: any value); ``None`` when the braces
    do not parse."""
    try:
        braces = {
            (name, _kind((spec or "")[-1:] or (conversion or "")))
            for _, name, spec, conversion in string.Formatter().parse(sentence)
            if name is not None
        }
    except ValueError:
        return None
    percent = {(name, _kind(kind)) for name, kind in _PERCENT_SPEC.findall(sentence)}
    return frozenset(braces | percent)


def _kind(conversion: str) -> str:
    return "text" if conversion in ("", "s", "r", "a") else "number"


def _fit_fields(
    ours: frozenset[tuple[str, str]], theirs: frozenset[tuple[str, str]], plural: bool
) -> bool:
    """The translation's places are the English's (a plural form may leave one out and add
    ``count``), each asking for a value the English's gives: a number may be shown as text."""
    names = {name for name, _ in ours}
    their_names = {name for name, _ in theirs}
    if plural:
        if not their_names - {"count"} <= names:
            return False
    elif their_names != names:
        return False
    shown = {name for name, kind in theirs if (name, kind) in ours or (name, "number") in ours}
    return their_names - shown <= ({"count"} if plural else set())


class _AnyValue(dict[str, int]):
    def __missing__(self, key: str) -> int:
        return 0


def _formats(sentence: str) -> bool:
    try:
        sentence % _AnyValue()
    except (ValueError, TypeError):
        return False
    return True


def fits(english: str, translation: str, plural: bool = False) -> bool:
    """Whether ``translation`` fills the places ``english`` fills, each with the same kind of
    value (a plural form may leave out a place, and may add ``count``), and, when ``english``
    is a %-format sentence, formats as it does. A sentence never formatted may hold a "%"."""
    ours, theirs = _fields(english), _fields(translation)
    if theirs is None or ours is None:
        return theirs == ours
    fitting = _fit_fields(ours, theirs, plural)
    formatted = "%(" in english or "%%" in english
    return fitting and (not formatted or _formats(translation))


def _drop_unfit(translations: _gettext.NullTranslations | None) -> None:
    """Leave out, when a catalogue is loaded, each translation whose placeholders do not fit
    its English: that sentence then shows in English, where ``_("...") % values`` would stop
    a page, an export or an error message (a translator's slip, not the runner's). Every
    catalogue of the chain is checked (``LANGUAGE=pt_BR:pt`` loads two)."""
    while translations is not None:
        catalog: dict[str | tuple[str, int], str] = getattr(translations, "_catalog", {})
        for key, text in list(catalog.items()):
            english = (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]
            if english and not fits(english, text, plural=isinstance(key, tuple)):
                del catalog[key]
        translations = getattr(translations, "_fallback", None)


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
    arguments += ["-k", "NN_:1,2"]
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
