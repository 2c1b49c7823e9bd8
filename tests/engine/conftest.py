"""Fixtures for the engine mechanics tests: the made-up knowledge base of tests/fixtures/kb."""

from __future__ import annotations

import pytest

from runknee.knowledge.base import KnowledgeBase
from tests.engine.fixture_kb import fixture_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The fixture knowledge base (three made-up conditions, four rules)."""
    return fixture_kb()
