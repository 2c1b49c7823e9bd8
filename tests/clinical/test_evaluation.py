"""The engine against the development vignettes: the issue's accuracy targets hold.

These figures are also printed by `make bench`; here they guard against regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runknee.api import EvaluationReport, Runknee

DEV_CASES = Path(__file__).parents[1] / "eval" / "dev_cases.jsonl"


@pytest.fixture(scope="module")
def report(api: Runknee) -> EvaluationReport:
    return api.evaluate(DEV_CASES.read_text("utf-8").splitlines())


def test_development_set_targets(report: EvaluationReport) -> None:
    assert report.cases == 45
    assert report.top3.percent >= 90
    assert report.top1.percent >= 70
    assert report.emergency_recall.hits == report.emergency_recall.total
    assert report.urgency_safe.percent >= 97
    for mode in ("whole_absent", "interview_absent"):
        figures = report.modes[mode]
        assert figures.emergency_recall.hits == figures.emergency_recall.total, mode
        assert figures.urgency_safe.percent >= 97, mode
        assert figures.top3.percent >= 90, mode
        assert figures.urgency_exact.percent >= 85, mode
        assert figures.self_care_kept.percent >= 80, mode


def test_interviews_end_with_no_warning_sign_open_or_missed(report: EvaluationReport) -> None:
    for mode in ("interview_absent", "interview_unknown"):
        figures = report.modes[mode]
        assert figures.ended_with_open_rule == [], mode
        assert figures.missed_warning_signs == [], mode
        assert figures.emergency_misses == [], mode
        assert figures.under_triaged == [], mode
        assert figures.median_questions is not None and figures.median_questions <= 32, mode


def test_sparse_whole_cases_are_not_sent_to_self_care(report: EvaluationReport) -> None:
    # The vignettes are silent on most warning signs: while one could still raise the advice,
    # a whole case is never self-care (the interview asks them instead).
    for outcome in report.outcomes:
        assert outcome.predicted_urgency.value != "self_care", outcome.id


def test_every_emergency_vignette_is_sent_to_emergency(report: EvaluationReport) -> None:
    assert report.emergency_misses == []
    assert report.under_triaged == []


def test_evaluation_rejects_malformed_lines(api: Runknee) -> None:
    from runknee.errors import CaseInputError

    with pytest.raises(CaseInputError) as info:
        api.evaluate(['{"id": "x", "case": {}, "condition": "fracture", "urgency": "soon"}'])
    assert info.value.errors[0].field.startswith("line 1")


CLINICAL_CASES = Path(__file__).parents[1] / "eval" / "clinical_cases.jsonl"


@pytest.fixture(scope="module")
def clinical(api: Runknee) -> EvaluationReport:
    return api.evaluate(CLINICAL_CASES.read_text("utf-8").splitlines())


@pytest.mark.slow
def test_clinical_set_targets(clinical: EvaluationReport) -> None:
    """Issue 7's targets on the clinical set, whole case and interview with "no" where silent."""
    assert clinical.cases >= 80
    for mode in ("whole_absent", "interview_absent"):
        figures = clinical.modes[mode]
        assert figures.emergency_misses == [], mode
        assert figures.urgency_safe.percent >= 97, mode
        assert figures.top3.percent >= 93, mode
        assert figures.urgency_exact.percent >= 85, mode
        assert figures.self_care_kept.percent >= 80, mode
    unknown = clinical.modes["interview_unknown"]
    assert unknown.emergency_misses == [] and unknown.missed_warning_signs == []
    for mode in ("interview_absent", "interview_unknown"):
        assert clinical.modes[mode].ended_with_open_rule == [], mode


def test_readme_figures_match_the_evaluation(
    report: EvaluationReport, clinical: EvaluationReport
) -> None:
    """README.md's accuracy tables are generated (`make docs`); this fails while they drift."""
    from runknee.cli import figures

    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    expected = figures.replace_block(readme, figures.block([report, clinical]))
    assert readme == expected, "README figures are stale: run `make docs` and commit README.md"
