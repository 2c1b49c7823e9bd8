"""Clinical regression tests: outcomes of the shipped knowledge base (which rule fires, which
condition leads, what the interview asks). Retuning a clinical number may break these tests and
only these; the engine's mechanics are tested on a made-up base in ``tests/engine``."""

from __future__ import annotations

import pytest

from runknee.api import Runknee


@pytest.fixture(scope="session")
def api() -> Runknee:
    """The facade over the shipped knowledge base (no store is opened)."""
    return Runknee()
