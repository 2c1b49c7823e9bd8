"""The pure core hands a runner's sentences over whole: no f-string or ``+`` builds one.

The core (``engine/``, ``diary/``, ``form/``, ``knowledge/``) reads no active language, so a
sentence with a value in it is returned as a :class:`runknee.i18n.Message` (a marked sentence
with named placeholders and its values) and the face translates it. An AST scan finds f-strings
and ``+`` joins with words in them; errors raised for a developer or an API client (inside a
``raise`` or an exception's construction) and the knowledge tools' messages (the linter and the
loader, which report to the knowledge base's authors) are not a runner's sentences.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "src" / "runknee"
CORE = ("engine", "diary", "form", "knowledge")

FOR_AUTHORS = {
    "knowledge/lint.py": "the linter: problems for the knowledge base's authors, with K-codes",
    "knowledge/lint_plans.py": "the linter",
    "knowledge/lint_triage.py": "the linter",
    "knowledge/loader.py": "loading problems for the knowledge base's authors",
    "knowledge/yamlio.py": "loading problems for the knowledge base's authors",
    "knowledge/cache.py": "file names",
    "knowledge/figures.py": "SVG elements put around a figure's words; the words are whole "
    "sentences from the catalogue",
    "knowledge/citations.py": "a reference's style (author, year, et al.) is the same in any "
    "language; its placeholder check speaks to the authors",
}
"""Modules whose text is not a runner's sentence, and why."""


SENTENCE = re.compile(r"[A-Za-z]{2,}[ ,;:(].*[A-Za-z]{2,}")
ERROR = re.compile(r"Error$|^FieldError$|^ValueError$")


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _outside_errors(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree`` except those inside a ``raise`` or an exception's construction."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Raise):
            continue
        if isinstance(node, ast.Call) and ERROR.search(_name(node)):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _words(node: ast.expr) -> str:
    """The literal text of a string, an f-string or a ``+`` join of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return f"{_words(node.left)} {_words(node.right)}"
    return ""


def built_sentences(source: str) -> list[tuple[int, str]]:
    """(line, text) of each sentence built with values (an f-string or a ``+`` join of text)."""
    found = []
    for node in _outside_errors(ast.parse(source)):
        built = isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add)
            and any(
                isinstance(side, (ast.Constant, ast.JoinedStr)) for side in (node.left, node.right)
            )
        )
        if built and isinstance(node, ast.expr) and SENTENCE.search(_words(node)):
            found.append((node.lineno, _words(node)))
    return sorted(set(found))


def _modules() -> list[Path]:
    paths = [path for package in CORE for path in sorted((ROOT / package).rglob("*.py"))]
    return [path for path in paths if str(path.relative_to(ROOT)) not in FOR_AUTHORS]


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_the_core_builds_no_sentence_from_values(path: Path) -> None:
    where = str(path.relative_to(ROOT))
    found = built_sentences(path.read_text("utf-8"))
    assert not found, "\n".join(f"{where}:{line}: {text!r}" for line, text in found)


def test_the_scan_finds_sentences_built_from_values() -> None:
    source = """
reason = f"Good run ({good} of {needed} at this stage)."
when = "the same day as" if gap == 0 else f"{gap} day{'s' * (gap != 1)} after"
note = "only " + str(steps) + " steps on one leg"
label = f"{value:g}"
key = f"answers.{key}"
raise CaseInputError([FieldError(f"answers.{key}", f"not an answer for {key}")])
message = Message.of(N_("Good run (%(good)s of %(needed)s at this stage)."), good=good)
"""
    assert [line for line, _ in built_sentences(source)] == [2, 3, 4]
