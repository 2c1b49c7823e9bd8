"""A compiled test translation, made active for a test and English again after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from runknee import i18n

TEST_LANGUAGE = "xx"
MARK = "»"
"""What the pseudo-translation puts before every sentence of the catalogue."""


def compile_catalog(catalog: Catalog, folder: Path) -> None:
    """Compile ``catalog`` under ``folder`` as the test language (not made active)."""
    messages = folder / TEST_LANGUAGE / "LC_MESSAGES"
    messages.mkdir(parents=True)
    with (messages / f"{i18n.DOMAIN}.mo").open("wb") as file:
        write_mo(file, catalog)


@contextmanager
def active(catalog: Catalog, folder: Path) -> Iterator[None]:
    """Compile ``catalog`` under ``folder`` as the test language and make it active."""
    compile_catalog(catalog, folder)
    i18n.use_language(TEST_LANGUAGE, folder)
    try:
        yield
    finally:
        i18n.use_language(None)


def pseudo_catalog() -> Catalog:
    """Every sentence of the catalogue "translated" as itself behind :data:`MARK` (each plural
    form behind it too)."""
    with i18n.CATALOGUE.open("rb") as file:
        catalog = read_po(file, locale="en")
    for message in catalog:
        if isinstance(message.id, str):
            message.string = MARK + message.id if message.id else ""
        else:  # a sentence with plural forms
            message.string = tuple(MARK + form for form in message.id)
    return catalog


@contextmanager
def pseudo(folder: Path) -> Iterator[None]:
    """The pseudo-translation (:func:`pseudo_catalog`) compiled under ``folder``, made active."""
    with active(pseudo_catalog(), folder):
        yield
