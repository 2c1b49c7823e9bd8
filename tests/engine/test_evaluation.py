"""The engine against the development vignettes: the issue's accuracy targets hold.

These figures are also printed by `make bench`; here they guard against regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runknee.api import Runknee

DEV_CASES = Path(__file__).parents[1] / "eval" / "dev_cases.jsonl"


@pytest.fixture(scope="module")
def report(api: Runknee):  # type: ignore[no-untyped-def]
    return api.evaluate(DEV_CASES.read_text("utf-8").splitlines())


def test_development_set_targets(report) -> None:  # type: ignore[no-untyped-def]
    assert report.cases == 45
    assert report.top3.percent >= 90
    assert report.top1.percent >= 70
    assert report.emergency_recall.hits == report.emergency_recall.total
    assert report.urgency_safe.percent >= 97
    assert report.self_care_kept.percent >= 70
    assert report.median_interview_questions <= 15


def test_every_emergency_vignette_is_sent_to_emergency(report) -> None:  # type: ignore[no-untyped-def]
    assert report.emergency_misses == []
    assert report.under_triaged == []


def test_evaluation_rejects_malformed_lines(api: Runknee) -> None:
    from runknee.errors import CaseInputError

    with pytest.raises(CaseInputError) as info:
        api.evaluate(['{"id": "x", "case": {}, "condition": "fracture", "urgency": "soon"}'])
    assert info.value.errors[0].field.startswith("line 1")
