"""Project-drawn SVG figures that show a runner how to do a self-check (``data/figures/``).

A figure's words are its ``<title>``, its ``<desc>`` and its labels (``<text>``); they are
translated like the rest of the knowledge base's runner text. A label drawn over several lines
is several ``<text>`` elements one under the other (the same ``x``, at most
:data:`LINE_STEP_MAX` apart): it is one sentence, with a line break between the lines, so that
a translation breaks it into its own lines. Labels without letters (step numbers) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import PurePosixPath
from typing import IO, Any
from xml.sax.saxutils import escape, unescape

from runknee.errors import NotFoundError
from runknee.knowledge.base import english

_FIGURE_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_WORDS = re.compile(r"<(?P<tag>title|desc|text)\b(?P<attrs>[^>]*)>(?P<body>[^<]*)</(?P=tag)>")
_LETTER = re.compile(r"[^\W\d_]")
LINE_STEP_MAX = 20.0
"""The largest distance (SVG units) between two lines of one label; labels further apart are
separate."""


def figure_svg(figure_id: str, translate: Callable[[str], str] = english) -> str:
    """The SVG text of one figure, its words passed through ``translate`` (the knowledge base's
    function: English as drawn by default). Raises :class:`NotFoundError` for an unknown id."""
    if not _FIGURE_ID.match(figure_id):
        raise NotFoundError("figure", figure_id)
    path = resources.files("runknee.knowledge").joinpath("data", "figures", f"{figure_id}.svg")
    if not path.is_file():
        raise NotFoundError("figure", figure_id)
    svg = path.read_text("utf-8")
    return svg if translate is english else translated_figure(svg, translate)


@dataclass(frozen=True)
class Words:
    """One sentence of a figure: a title, a description or a label of one or more lines."""

    kind: str  # "title", "desc" or "label"
    lines: tuple[re.Match[str], ...]

    @property
    def text(self) -> str:
        """The sentence, its lines joined by line breaks."""
        return "\n".join(unescape(line["body"]).strip() for line in self.lines)


def figure_words(svg: str) -> Iterator[Words]:
    """The sentences of a figure, in drawing order."""
    label: list[re.Match[str]] = []
    for found in _WORDS.finditer(svg):
        if label and not _next_line(svg, label[-1], found):
            yield Words("label", tuple(label))
            label = []
        if found["tag"] != "text":
            yield Words(found["tag"], (found,))
        elif _LETTER.search(found["body"]):
            label.append(found)
    if label:
        yield Words("label", tuple(label))


def _at(element: re.Match[str], axis: str) -> str | None:
    """An element's ``x`` or ``y`` attribute as written, if it has one."""
    found = re.search(rf'\b{axis}="([-\d.]+)"', element["attrs"])
    return found[1] if found else None


def _next_line(svg: str, above: re.Match[str], below: re.Match[str]) -> bool:
    """Whether ``below`` continues the label ``above`` as its next line."""
    if below["tag"] != "text" or svg[above.end() : below.start()].strip():
        return False
    top, bottom = _at(above, "y"), _at(below, "y")
    if _at(above, "x") != _at(below, "x") or top is None or bottom is None:
        return False
    return 0 < float(bottom) - float(top) <= LINE_STEP_MAX


def translated_figure(svg: str, translate: Callable[[str], str]) -> str:
    """``svg`` with each sentence translated; a label takes as many lines as its translation
    has, one under the other at the drawing's line distance."""
    pieces: list[str] = []
    done = 0
    for words in figure_words(svg):
        first, last = words.lines[0], words.lines[-1]
        pieces += [svg[done : first.start()], _drawn(svg, words, translate(words.text))]
        done = last.end()
    return "".join([*pieces, svg[done:]])


def _drawn(svg: str, words: Words, translation: str) -> str:
    first = words.lines[0]
    if words.kind != "label":
        return f"<{first['tag']}{first['attrs']}>{escape(translation)}</{first['tag']}>"
    top = _at(first, "y")
    tops = [float(_at(line, "y") or 0) for line in words.lines]
    step = tops[1] - tops[0] if len(tops) > 1 else 14.0
    gap = svg[first.end() : words.lines[1].start()] if len(words.lines) > 1 else "\n  "
    drawn = []
    for number, line in enumerate(translation.split("\n")):
        attrs = first["attrs"]
        if top is not None:
            attrs = attrs.replace(f'y="{top}"', f'y="{float(top) + number * step:g}"', 1)
        drawn.append(f"<text{attrs}>{escape(line)}</text>")
    return gap.join(drawn)


def extract_figure_words(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction for the figures (``babel.cfg``): each sentence with a comment naming
    the figure and whether it is the title, the description or a label."""
    del keywords, comment_tags, options
    figure = PurePosixPath(fileobj.name).stem
    for words in figure_words(fileobj.read().decode("utf-8")):
        yield 0, None, words.text, [f"figure {figure} {words.kind}"]
