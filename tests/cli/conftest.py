"""CLI tests never touch the user's own database: each test gets a SQLite file of its own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", f"sqlite:///{tmp_path / 'own.sqlite3'}")
