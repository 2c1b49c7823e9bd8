"""The form check's cues judged against a clip's metrics, from the cited evidence file (its
schema and loader are in :mod:`runknee.knowledge.form_models`)."""

from __future__ import annotations

from runknee.form.models import CueResult, FormReport, MetricResult
from runknee.i18n import N_, Message
from runknee.knowledge.form_models import (
    EVIDENCE_FILE,
    Condition,
    CueRule,
    FormEvidence,
    MetricEvidence,
    load_evidence,
)

__all__ = [
    "EVIDENCE_FILE",
    "Condition",
    "CueRule",
    "FormEvidence",
    "MetricEvidence",
    "evaluate_cues",
    "load_evidence",
]


def evaluate_cues(evidence: FormEvidence, report: FormReport) -> list[CueResult]:
    """Each cue for this clip's view: whether it applies, and why or why not."""
    results = []
    by_id = {m.id: m for m in report.metrics}
    for cue in evidence.cues:
        views = {evidence.metric(c.metric).view for c in cue.when}
        if report.view is None or report.view not in views:
            continue
        applies, judged, reason = _judge(cue, by_id, report)
        if cue.heuristic:
            reason = Message.of(N_("%(reason)s (runknee's own threshold)"), reason=reason)
        results.append(
            CueResult(
                id=cue.id,
                text=cue.text,
                applies=applies,
                judged=judged,
                reason=reason.english,
                reason_i18n=reason,
                metrics=[c.metric for c in cue.when],
                sources=cue.sources,
                factor=cue.factor,
                finding=cue.finding,
                plan_cue=cue.plan_cue,
            )
        )
    return results


def _judge(
    cue: CueRule, metrics: dict[str, MetricResult], report: FormReport
) -> tuple[bool, bool, Message]:
    """Whether ``cue`` applies, whether the clip could judge it at all, and why."""
    if report.gait != "running":
        return False, False, Message.of(N_("not judged: the clip does not show running"))
    for condition in cue.when:
        metric = metrics.get(condition.metric)
        if metric is None or metric.value is None:
            unmeasured = N_("not judged: %(metric)s could not be measured")
            return False, False, Message.of(unmeasured, metric=condition.metric)
    checks = [(c, metrics[c.metric].value) for c in cue.when]
    failed = [c for c, v in checks if v is not None and not c.holds(v)]
    # Each measured value as a formula (metric id = value): data, the same in any language.
    shown = ", ".join(f"{c.metric} = {v:.3g}" for c, v in checks)
    if failed:
        not_here = N_("does not apply: %(measured)s (applies when %(test)s)")
        return False, True, Message.of(not_here, measured=shown, test=failed[0].describe_i18n())
    return True, True, Message.of(N_("applies: %(measured)s"), measured=shown)
