"""Every sentence the terminal shows is marked for translation, whole, at the point of use.

An AST scan of ``src/runknee/cli``: a string literal with words in it, passed to a call that
shows text to the runner (printing, prompts, tables, panels, errors), must sit inside a
``_()`` / ``ngettext()`` / ``pgettext()`` call. Rich markup (``[bold]``) and f-string
placeholders are not words; JSON output (``json.dumps``) is data and is not scanned.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import translation

CLI = Path(__file__).parents[2] / "src" / "runknee" / "cli"

SHOWING = {
    "print",  # console.print, err_console.print
    "echo",
    "secho",
    "confirm",
    "prompt",
    "input",  # console.input's prompt
    "rule",
    "add_column",
    "add_row",
    "Table",
    "Panel",
    "Text",
    "TextColumn",  # a progress bar's label
    "Exit",
    "BadParameter",
    "FieldError",  # its message is shown on the terminal
    "OptionConflictError",
    "_fail",
    "append",  # lines of text built before printing
}
"""Callables whose string arguments a runner reads."""

FIELD_FIRST = {"FieldError": 1}
"""Calls whose first argument names a field (data, as in the JSON errors), not a sentence."""

TEXT_KEYWORDS = {"title", "caption", "subtitle", "message", "text", "header"}
"""Keyword arguments that carry text (``style=``, ``justify=`` and the like do not)."""

MARKERS = {"_", "gettext", "ngettext", "pgettext", "N_"}
NOT_TEXT = {"dumps", "model_dump_json", "strip", "join"}
"""Calls whose string arguments are data or separators, not sentences."""

WORD = re.compile(r"[A-Za-z]{2,}")
MARKUP = re.compile(r"\[/?[a-z0-9_ #]*\]")


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _text_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments of ``call`` that may carry text (not a field name, not a style)."""
    texts = [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]
    return [*call.args[FIELD_FIRST.get(_name(call), 0) :], *texts]


def _unmarked(node: ast.AST) -> Iterator[ast.Constant]:
    """String constants with words under ``node`` that no marker call wraps."""
    if isinstance(node, ast.Call):
        if _name(node) not in MARKERS | NOT_TEXT:
            for argument in [node.func, *_text_arguments(node)]:
                yield from _unmarked(argument)
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if WORD.search(MARKUP.sub("", node.value)):
            yield node
        return
    if isinstance(node, ast.Dict):  # JSON data, or the values for a marked sentence
        return
    if isinstance(node, ast.Subscript):  # error["message"]: a key
        yield from _unmarked(node.value)
        return
    if isinstance(node, ast.FormattedValue):  # a format spec (":.1f") is not text
        yield from _unmarked(node.value)
        return
    for child in ast.iter_child_nodes(node):
        yield from _unmarked(child)


def unmarked_sentences(source: str) -> list[tuple[int, str]]:
    """(line, text) of every unmarked sentence shown by the code in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node) in SHOWING:
            for argument in _text_arguments(node):
                found += [(c.lineno, str(c.value)) for c in _unmarked(argument)]
    return sorted(set(found))


NOT_SHOWN = {"figures.py"}
"""Modules whose text no runner reads: ``figures.py`` writes the README's Markdown tables."""


@pytest.mark.parametrize(
    "path",
    sorted(path for path in CLI.glob("*.py") if path.name not in NOT_SHOWN),
    ids=lambda path: path.name,
)
def test_every_sentence_shown_is_marked(path: Path) -> None:
    found = unmarked_sentences(path.read_text("utf-8"))
    assert not found, "\n".join(f"{path.name}:{line}: {text!r}" for line, text in found)


def test_the_scan_finds_unmarked_and_glued_sentences() -> None:
    source = """
console.print("Saved.")
console.print(f"[bold]{title}[/] was saved")
table.add_column("Chance", justify="right")
raise typer.BadParameter("not a date: " + value)
console.print(_("Saved %(count)s runs.") % {"count": n})
console.print(ngettext("%(n)s run", "%(n)s runs", n) % {"n": n})
console.print(f"[dim]{value}[/]", style="bold red")
typer.echo(json.dumps({"ok": True}))
"""
    assert [line for line, _ in unmarked_sentences(source)] == [2, 3, 4, 5]


def _help_texts(command: object) -> Iterator[str]:
    """Every help text a command tree shows: its own, its parameters', its subcommands'."""
    for owner in [command, *getattr(command, "params", [])]:
        text = getattr(owner, "help", None)
        if isinstance(text, str) and text:
            yield text
    for sub in getattr(command, "commands", {}).values():
        yield from _help_texts(sub)


def test_every_help_text_is_in_the_catalogue() -> None:
    from babel.messages.pofile import read_po
    from typer.main import get_command

    from runknee import i18n
    from runknee.cli.main import app

    with i18n.CATALOGUE.open("rb") as file:
        catalogue = {message.id for message in read_po(file) if isinstance(message.id, str)}
    texts = set(_help_texts(get_command(app)))
    assert len(texts) > 100
    assert sorted(texts - catalogue) == []


def test_help_is_shown_in_the_language_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from babel.messages.catalog import Catalog

    from runknee import i18n
    from runknee.cli.main import main

    catalog = Catalog(locale="de", domain=i18n.DOMAIN)
    catalog.add("Knowledge-base tools.", "Werkzeuge der Wissensbasis.")
    catalog.add("Validate every knowledge file; exit non-zero on errors.", "Prüft jede Datei.")
    catalog.add("Print JSON instead of formatted text.", "JSON statt Text ausgeben.")
    monkeypatch.setenv("COLUMNS", "200")
    translation.compile_catalog(catalog, tmp_path)
    # The entry point chooses the language from the environment as it starts.
    monkeypatch.setenv(i18n.LANGUAGE_ENV, translation.TEST_LANGUAGE)
    monkeypatch.setenv(i18n.LOCALE_DIR_ENV, str(tmp_path))
    shown = []
    try:
        for arguments in (["kb", "--help"], ["kb", "lint", "--help"]):
            monkeypatch.setattr("sys.argv", ["runknee", *arguments])
            with pytest.raises(SystemExit):
                main()  # the console-script entry point
            shown.append(capsys.readouterr().out)
    finally:
        i18n.use_language(None)
    assert "Werkzeuge der Wissensbasis." in shown[0] and "Prüft jede Datei." in shown[0]
    assert "JSON statt Text ausgeben." in shown[1]
