"""The form check's evidence: what each metric means and when a cue applies, as cited data.

Loaded from ``knowledge/data/form/metrics.yaml`` and validated here; every source id must
resolve to the bibliography (:func:`unknown_sources`, checked by the tests and the service).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from runknee.form.models import CueResult, FormReport, MetricResult

EVIDENCE_FILE = (
    Path(__file__).resolve().parent.parent / "knowledge" / "data" / "form" / "metrics.yaml"
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MetricEvidence(_Strict):
    """What one metric means, with its sources."""

    id: str
    label: str
    unit: str
    view: Literal["side", "back"]
    evidence: str
    sources: list[str]
    heuristic: bool = False


class Condition(_Strict):
    """One test on a metric's value: above and/or below a threshold."""

    metric: str
    above: float | None = None
    below: float | None = None

    def holds(self, value: float) -> bool:
        """True when ``value`` passes every bound given."""
        above = self.above is None or value > self.above
        below = self.below is None or value < self.below
        return above and below

    def describe(self) -> str:
        """The test in words, e.g. 'cadence_spm below 166'."""
        parts = [f"above {self.above:g}" if self.above is not None else ""]
        parts.append(f"below {self.below:g}" if self.below is not None else "")
        return f"{self.metric} " + " and ".join(p for p in parts if p)


class CueRule(_Strict):
    """A cue and the metric values that make it apply (all must hold)."""

    id: str
    text: str
    when: list[Condition] = Field(min_length=1)
    sources: list[str]
    heuristic: bool = False
    factor: str | None = None
    finding: str | None = None
    plan_cue: str | None = None
    """The plan's matching advice (a ``prevention`` id in plans.yaml), if it has one."""


class FormEvidence(_Strict):
    """The whole file."""

    method_sources: list[str] = Field(
        default_factory=list, description="Sources for the method (pose model, gait events)."
    )
    metrics: list[MetricEvidence]
    cues: list[CueRule]

    def metric(self, metric_id: str) -> MetricEvidence:
        """One metric's evidence (raises KeyError)."""
        for item in self.metrics:
            if item.id == metric_id:
                return item
        raise KeyError(metric_id)

    def cues_for_plan(self) -> dict[str, CueRule]:
        """The cues that put a plan's advice into practice, by the advice's id."""
        return {cue.plan_cue: cue for cue in self.cues if cue.plan_cue is not None}

    def source_ids(self) -> set[str]:
        """Every source id cited."""
        cited = set(self.method_sources) | {s for m in self.metrics for s in m.sources}
        return cited | {s for c in self.cues for s in c.sources}


@lru_cache(maxsize=4)
def load_evidence(path: Path = EVIDENCE_FILE) -> FormEvidence:
    """Read and validate the evidence file (cached)."""
    with path.open(encoding="utf-8") as handle:
        return FormEvidence.model_validate(yaml.safe_load(handle))


def unknown_sources(evidence: FormEvidence, known: set[str]) -> list[str]:
    """Cited source ids missing from the bibliography (should be empty)."""
    return sorted(evidence.source_ids() - known)


def evaluate_cues(evidence: FormEvidence, report: FormReport) -> list[CueResult]:
    """Each cue for this clip's view: whether it applies, and why or why not."""
    results = []
    by_id = {m.id: m for m in report.metrics}
    for cue in evidence.cues:
        views = {evidence.metric(c.metric).view for c in cue.when}
        if report.view is None or report.view not in views:
            continue
        applies, reason = _judge(cue, by_id, report)
        results.append(
            CueResult(
                id=cue.id,
                text=cue.text,
                applies=applies,
                reason=reason + (" (runknee's own threshold)" if cue.heuristic else ""),
                metrics=[c.metric for c in cue.when],
                sources=cue.sources,
                factor=cue.factor,
                finding=cue.finding,
                plan_cue=cue.plan_cue,
            )
        )
    return results


def _judge(cue: CueRule, metrics: dict[str, MetricResult], report: FormReport) -> tuple[bool, str]:
    if report.gait != "running":
        return False, "not judged: the clip does not show running"
    for condition in cue.when:
        metric = metrics.get(condition.metric)
        if metric is None or metric.value is None:
            return False, f"not judged: {condition.metric} could not be measured"
    checks = [(c, metrics[c.metric].value) for c in cue.when]
    failed = [c for c, v in checks if v is not None and not c.holds(v)]
    shown = ", ".join(f"{c.metric} = {v:.3g}" for c, v in checks)
    if failed:
        return False, f"does not apply: {shown} (applies when {failed[0].describe()})"
    return True, "applies: " + shown
