"""The plan phases' timing in plans.yaml: schema, sources and the two lint checks."""

from __future__ import annotations

from pathlib import Path

from runknee.knowledge.citations import OWN_ESTIMATE_ID
from runknee.knowledge.loader import load_knowledge_base
from tests.knowledge.kb_issues import load_issues

SETTLE = "timing: {min_days_between_sessions: 2, min_span_days: 11, sources: [runknee_derived]}"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_every_phase_states_its_timing_as_runknees_own_estimate() -> None:
    plans = load_knowledge_base().plans
    assert plans is not None
    for programme in plans.programmes:
        for phase in programme.phases:
            timing = phase.timing
            assert timing.min_days_between_sessions >= 1
            # No trial behind the programmes gives day counts: marked as runknee's own.
            assert OWN_ESTIMATE_ID in timing.sources, (programme.id, phase.id)


def test_the_shipped_timing_passes_lint(data_copy: Path) -> None:
    load_knowledge_base(data_copy)  # raises on any error, K144 and K145 included


def test_a_spacing_that_leaves_no_room_for_the_dosage_is_an_error(data_copy: Path) -> None:
    # Every 4 days allows 2 counted sessions a week; the phase's exercises are dosed 3 a week.
    _edit(data_copy / "plans.yaml", SETTLE, SETTLE.replace("sessions: 2,", "sessions: 4,"))
    issues = load_issues(data_copy)
    assert any("plans.yaml" in i and " K144 " in i and "settle" in i for i in issues), issues


def test_a_span_the_spacing_already_implies_is_an_error(data_copy: Path) -> None:
    # 6 sessions 2 days apart already take 10 days: a 10-day span adds nothing.
    _edit(data_copy / "plans.yaml", SETTLE, SETTLE.replace("span_days: 11", "span_days: 10"))
    issues = load_issues(data_copy)
    assert any("plans.yaml" in i and " K145 " in i and "settle" in i for i in issues), issues


def test_a_phase_without_timing_is_a_schema_error(data_copy: Path) -> None:
    _edit(data_copy / "plans.yaml", "        " + SETTLE + "\n", "")
    issues = load_issues(data_copy)
    assert any("plans.yaml" in i and "timing" in i for i in issues), issues


def test_timing_must_cite_known_sources(data_copy: Path) -> None:
    _edit(data_copy / "plans.yaml", SETTLE, SETTLE.replace("[runknee_derived]", "[nobody2099]"))
    issues = load_issues(data_copy)
    assert any("plans.yaml" in i and "nobody2099" in i for i in issues), issues
