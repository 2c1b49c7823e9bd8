"""The form check's cues link to the plan's form cues and to the contributing factors, and the
knowledge lint catches a link or a source that does not resolve (K146, K124, K101)."""

from __future__ import annotations

from pathlib import Path

from runknee.form.evidence import load_evidence
from runknee.knowledge.loader import default_knowledge_base
from tests.knowledge.kb_issues import load_issues

METRICS = Path("form") / "metrics.yaml"


def test_every_form_cue_link_resolves() -> None:
    kb = default_knowledge_base()
    assert kb.plans is not None
    plan_cues = {item.id for item in kb.plans.prevention}
    factors = {factor.id for factor in kb.factors}
    evidence = load_evidence()
    for cue in evidence.cues:
        assert cue.plan_cue is None or cue.plan_cue in plan_cues, cue.id
        assert cue.factor is None or cue.factor in factors, cue.id
    links = {cue.id: cue.plan_cue for cue in evidence.cues}
    assert links["raise_step_rate"] == "quicker_steps"
    assert links["land_under_knee"] == "foot_under_knee"
    assert set(evidence.cues_for_plan()) >= {"quicker_steps", "foot_under_knee"}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_an_unknown_plan_cue_is_k146(data_copy: Path) -> None:
    _edit(data_copy / METRICS, "plan_cue: quicker_steps", "plan_cue: quick_feet")
    issues = load_issues(data_copy)
    assert any(" K146 " in i and "quick_feet" in i for i in issues), issues


def test_an_unknown_factor_on_a_form_cue_is_k124(data_copy: Path) -> None:
    _edit(data_copy / METRICS, "factor: overstriding", "factor: long_legs")
    issues = load_issues(data_copy)
    assert any(" K124 " in i and "long_legs" in i for i in issues), issues


def test_an_unknown_source_on_a_form_metric_is_k101(data_copy: Path) -> None:
    _edit(data_copy / METRICS, "sources: [heiderscheit2011,", "sources: [heiderscheit2099,")
    issues = load_issues(data_copy)
    assert any(" K101 " in i and "heiderscheit2099" in i for i in issues), issues
