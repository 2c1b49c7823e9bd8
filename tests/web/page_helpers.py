"""Parsing helpers for the in-process page tests.

BeautifulSoup types a lookup as "a tag or nothing" and an attribute as "a string or a list";
the helpers here assert what a test expects (the tag is there, the attribute is one string) so
that a test reads as before and the type checker knows what it holds.
"""

from __future__ import annotations

from typing import Any

import httpx
from bs4 import BeautifulSoup, Tag


def soup(response: httpx.Response) -> BeautifulSoup:
    """Parse a page."""
    return BeautifulSoup(response.text, "html.parser")


def find(page: Tag, name: str | list[str] | None = None, **filters: Any) -> Tag:
    """The first tag matching ``page.find(name, **filters)``; fails the test when there is none."""
    tag = page.find(name, **filters)
    assert isinstance(tag, Tag), f"no <{name}> matching {filters}"
    return tag


def select(page: Tag, css: str) -> Tag:
    """The first tag matching the CSS selector; fails the test when there is none."""
    tag = page.select_one(css)
    assert tag is not None, f"nothing matches {css!r}"
    return tag


def following(tag: Tag, name: str) -> Tag:
    """The next ``name`` tag after ``tag`` in the document; fails the test when there is none."""
    found = tag.find_next(name)
    assert isinstance(found, Tag), f"no <{name}> after {tag}"
    return found


def attr(tag: Tag, name: str) -> str:
    """The value of a single-valued attribute (``href``, ``value``, ``action``...)."""
    value = tag.get(name)
    assert isinstance(value, str), f"{name}={value!r} on {tag.name}"
    return value


def token(page: BeautifulSoup) -> str:
    """The CSRF token of the first form on the page."""
    return attr(find(page, "input", attrs={"name": "csrf_token"}), "value")
