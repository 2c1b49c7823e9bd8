"""The form check's evidence file (``data/form/metrics.yaml``): what each metric means and when
a cue applies, as cited data, validated like the rest of the knowledge base (the linter checks
its source, finding, factor and plan-cue ids)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field

from runknee.i18n import N_, Message
from runknee.knowledge.models import RUNNER_READS, SnakeId, Strict

Words = Annotated[str, RUNNER_READS]
"""Words a runner reads in the form report (translated; see :class:`RunnerReads`)."""

EVIDENCE_FILE = Path(__file__).resolve().parent / "data" / "form" / "metrics.yaml"


class MetricEvidence(Strict):
    """What one metric means, with its sources."""

    id: SnakeId
    label: Words
    unit: Words
    view: Literal["side", "back"]
    evidence: Words
    sources: list[SnakeId]
    heuristic: bool = False


class Condition(Strict):
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
        return self.describe_i18n().english

    def describe_i18n(self) -> Message:
        """:meth:`describe` as a sentence to translate."""
        bounds = {"above": self.above, "below": self.below}
        given = {key: value for key, value in bounds.items() if value is not None}
        test = _TESTS[self.above is not None, self.below is not None]
        return Message(text=test, values={"metric": self.metric, **given})


_TESTS = {  # (above given, below given): the test in words
    (True, False): N_("%(metric)s above %(above)g"),
    (False, True): N_("%(metric)s below %(below)g"),
    (True, True): N_("%(metric)s above %(above)g and below %(below)g"),
    (False, False): "%(metric)s",  # no bound: always holds (the schema allows it)
}


class CueRule(Strict):
    """A cue and the metric values that make it apply (all must hold)."""

    id: str
    text: Words
    when: list[Condition] = Field(min_length=1)
    sources: list[SnakeId]
    heuristic: bool = False
    factor: str | None = None
    finding: str | None = None
    plan_cue: str | None = None
    """The plan's matching advice (a ``prevention`` id in plans.yaml), if it has one."""


class FormEvidence(Strict):
    """The whole file."""

    method_sources: list[SnakeId] = Field(
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
