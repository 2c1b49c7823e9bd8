"""The exports of a saved assessment read it (and the plan followed) on the quick read path
(``storage/sqlite_reads.py``) and write the same bytes as through the store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from runknee.api import Runknee, close_databases
from runknee.errors import NotFoundError
from tests.storage.quick_read_data import fill

AT = datetime(2025, 4, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A database filled by the store: assessments, a plan with sessions, one without."""
    url = f"sqlite:///{tmp_path / 'quick.sqlite3'}"
    fill(url)
    close_databases()
    return url


def test_the_exports_are_the_same_on_both_paths(url: str) -> None:
    store = Runknee.open(url, clock=lambda: AT)
    ids = [item.id for item in store.list_assessments()]
    assert len(ids) >= 2
    quick = Runknee.reading(url, clock=lambda: AT)
    for assessment in ids:
        for patient in (False, True):
            expected = store.fhir_bundle_for(assessment, include_patient=patient)
            assert quick.fhir_bundle_for(assessment, include_patient=patient) == expected
        assert quick.summary_pdf_for(assessment) == store.summary_pdf_for(assessment)
    assert quick._opened_store is None  # every read took the quick path
    close_databases()


def test_an_unknown_id_is_left_to_the_store(url: str) -> None:
    quick = Runknee.reading(url, clock=lambda: AT)
    with pytest.raises(NotFoundError):
        quick.fhir_bundle_for("0" * 32)
    close_databases()
