"""Fixtures for the in-process page tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from runknee.api import Runknee
from runknee.web.app import create_app


@pytest.fixture()
def client(api: Runknee) -> Iterator[TestClient]:
    """The whole app asking for HTML like a browser (``api``: SQLite file, step clock)."""
    with TestClient(create_app(api), headers={"accept": "text/html"}) as test_client:
        yield test_client
