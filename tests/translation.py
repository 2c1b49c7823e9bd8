"""A compiled test translation, made active for a test and English again after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from runknee import i18n

TEST_LANGUAGE = "xx"


@contextmanager
def active(catalog: Catalog, folder: Path) -> Iterator[None]:
    """Compile ``catalog`` under ``folder`` as the test language and make it active."""
    messages = folder / TEST_LANGUAGE / "LC_MESSAGES"
    messages.mkdir(parents=True)
    with (messages / f"{i18n.DOMAIN}.mo").open("wb") as file:
        write_mo(file, catalog)
    i18n.use_language(TEST_LANGUAGE, folder)
    try:
        yield
    finally:
        i18n.use_language(None)
