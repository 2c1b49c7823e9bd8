from __future__ import annotations

import pytest

from runknee.api import Runknee


@pytest.fixture(scope="session")
def api() -> Runknee:
    return Runknee()
