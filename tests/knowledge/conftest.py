"""Fixtures for the knowledge-base tests: a writable copy of the packaged data files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from runknee.knowledge.loader import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the packaged data files that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
