"""Every sentence a runner reads or hears in a template is marked for translation.

Each template is read with Jinja's own lexer: what is left outside ``{% trans %}`` blocks, with
every ``{{ expression }}`` and ``{% tag %}`` taken out, is plain HTML whose text and readable
attributes (alt, title, aria-label, placeholder, the labels of input buttons) must hold no
words; a string literal in a tag or an expression that reads like words (a capitalised word, or
three lower-case words) must sit inside a ``_()`` call. Shorter lower-case literals are taken
for codes: CSS classes, coded values such as ``"walk_run"``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from runknee.web.pages import TEMPLATES

HOLE = "jinjahole"
"""Stands in for a ``{{ ... }}`` or ``{% ... %}`` in the HTML left over (a word, so that a tag
name or an attribute list with a hole in it still parses as a tag)."""

MARKERS = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
READABLE = {"alt", "title", "aria-label", "placeholder"}
WORDS = re.compile(r"[^\W\d_]")  # any letter, in any script
SENTENCE_LITERAL = re.compile(r"\b[A-Z][a-z]+|[a-z]+ [a-z]+ [a-z]+")

NOT_WORDS = {"runknee"}
"""Text that is not for translation: the app's name."""


class _TextFinder(HTMLParser):
    """Collects the words in text nodes and readable attributes of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def _check(self, where: str, text: str) -> None:
        words = " ".join(text.replace(HOLE, " ").split())
        if WORDS.search(" ".join(set(words.split()) - NOT_WORDS)):
            self.found.append(f"{where}: {words!r}")

    def handle_data(self, data: str) -> None:
        self._check("text", data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        # A <button>'s value is sent, not shown; an <input type="submit">'s value is its label.
        button = tag == "input" and values.get("type") in {"submit", "button", "reset"}
        for name, value in attrs:
            if value and (name in READABLE or (name == "value" and button)):
                self._check(f"<{tag} {name}>", value)


def unmarked(source: str) -> list[str]:
    """The words in ``source`` (a template) that are not marked for translation."""
    html: list[str] = []
    literals: list[str] = []
    in_trans = False
    calls: list[int] = []  # the bracket depth of each open gettext call
    depth = 0
    previous = ""
    tokens = [(kind, value) for _, kind, value in TEMPLATES.lex(source) if kind != "whitespace"]
    for index, (kind, value) in enumerate(tokens):
        if kind == "block_begin":
            tag = tokens[index + 1][1]
            in_trans = tag == "trans" or (in_trans and tag != "endtrans")
        if in_trans:
            continue
        if kind == "data":
            html.append(value)
        elif kind in {"variable_begin", "block_begin"}:
            html.append(HOLE)
        elif kind == "operator" and value == "(":
            depth += 1
            if previous in MARKERS:
                calls.append(depth)
        elif kind == "operator" and value == ")":
            if calls and calls[-1] == depth:
                calls.pop()
            depth -= 1
        elif kind == "string" and not calls and SENTENCE_LITERAL.search(value):
            literals.append(f"string: {value}")
        previous = value
    finder = _TextFinder()
    finder.feed("".join(html))
    finder.close()
    return finder.found + literals


@pytest.mark.parametrize("name", TEMPLATES.list_templates(extensions=["html"]))
def test_every_sentence_in_a_template_is_marked(name: str) -> None:
    source, _, _ = TEMPLATES.loader.get_source(TEMPLATES, name)  # type: ignore[union-attr]
    assert unmarked(source) == []


def test_the_check_finds_unmarked_words() -> None:
    found = unmarked(
        '<p>Hello {{ name }}</p><img alt="A knee"><input type="submit" value="Save">'
        '{% macro m(label="Start now") %}{% endmacro %}<b>{{ count }} saved</b>'
    )
    assert found == [
        "text: 'Hello'",
        "<img alt>: 'A knee'",
        "<input value>: 'Save'",
        "text: 'saved'",
        'string: "Start now"',
    ]


def test_the_check_passes_marked_words() -> None:
    source = (
        '<p>{% trans name=name %}Hello {{ name }}{% endtrans %}</p><img alt="{{ _("A knee") }}">'
        '{% macro m(label=_("Start now")) %}{% endmacro %}<b class="x y">{{ n }} · runknee</b>'
        '{{ ngettext("%(num)s saved", "%(num)s saved", n) }}{% if a == "declined" %}{% endif %}'
    )
    assert unmarked(source) == []


DATA_IN_GETTEXT = re.compile(r"""\b(?:_|gettext|pgettext|ngettext)\(\s*[^"'\s)]""")


@pytest.mark.parametrize("name", TEMPLATES.list_templates(extensions=["html"]))
def test_sentences_from_the_data_go_through_the_escaping_filter(name: str) -> None:
    # `_()` returns markup (a template's own sentence may hold tags), so a value from the data
    # passed to it would be shown unescaped: data takes `| translate`.
    source, _file, _uptodate = TEMPLATES.loader.get_source(TEMPLATES, name)  # type: ignore[union-attr]
    assert DATA_IN_GETTEXT.findall(source) == []


def test_translated_data_is_escaped_and_may_hold_a_percent_sign() -> None:
    page = TEMPLATES.from_string(
        "{{ x | translate }}|{% trans y=(x | translate) %}{{ y }}{% endtrans %}"
    )
    assert page.render(x="<img> 50% less") == "&lt;img&gt; 50% less|&lt;img&gt; 50% less"
