"""Shared helpers for the diary tests: the real sample files beside the repository."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from runknee.diary.files import parse_bytes
from runknee.diary.models import ParsedFile

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO.parent / "shared" / "data" / "activities"


def sample(relative: str) -> Path:
    """A sample file's path (the test is skipped when the shared corpus is missing)."""
    path = SAMPLES / relative
    if not path.exists():
        pytest.skip(f"sample corpus not found at {SAMPLES}")
    return path


def parse_sample(relative: str) -> ParsedFile:
    """Parse one sample file as the importer does."""
    return parse_bytes(sample(relative).read_bytes(), relative)


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()
