"""Parsing helpers for the in-process page tests."""

from __future__ import annotations

import httpx
from bs4 import BeautifulSoup


def soup(response: httpx.Response) -> BeautifulSoup:
    """Parse a page."""
    return BeautifulSoup(response.text, "html.parser")


def token(page: BeautifulSoup) -> str:
    """The CSRF token of the first form on the page."""
    tag = page.find("input", attrs={"name": "csrf_token"})
    assert tag is not None
    return str(tag["value"])
