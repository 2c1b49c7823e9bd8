"""Form checks: analyse a clip, save the result (videos only when chosen), compare two clips.

Reached through :attr:`runknee.api.Runknee.form`; faces get the types from
``runknee.api.form_checks`` (this module). The video analysis imports the optional
``form`` extra lazily, so the rest of runknee works without it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from runknee.form.errors import PoseModelUnavailable, VideoInputError
from runknee.form.evidence import CueRule, FormEvidence, load_evidence
from runknee.form.models import (
    CueResult,
    FormComparison,
    FormReport,
    MetricChange,
    MetricResult,
    Series,
    View,
)
from runknee.form.quality import FILMING_ADVICE
from runknee.i18n import _
from runknee.knowledge.base import english
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.translation import translate_model
from runknee.storage import AssessmentStore
from runknee.storage.form_records import StoredFormCheck
from runknee.storage.form_repository import ExportedFormCheck, VideoKind
from runknee.storage.paging import Page

__all__ = [
    "FILMING_ADVICE",
    "CueResult",
    "ExportedFormCheck",
    "FormChecks",
    "FormComparison",
    "FormReport",
    "MetricResult",
    "PlanCueCheck",
    "PoseModelUnavailable",
    "Series",
    "StoredFormCheck",
    "VideoInputError",
    "VideoKind",
    "View",
]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PlanCueCheck:
    """One of the plan's form cues as a form check sees it: the cue that measures it, and the
    newest saved check that measured the cue's values (None before any)."""

    plan_cue: str
    cue: CueRule
    check: StoredFormCheck | None = None
    result: CueResult | None = None
    measured: list[MetricResult] = field(default_factory=list)


@lru_cache(maxsize=4)
def _translated_evidence(translate: Callable[[str], str]) -> FormEvidence:
    """The form evidence with its runner words translated, once per language."""
    return translate_model(load_evidence(), translate)


class FormChecks:
    """The form-check service over one knowledge base, store and clock."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        store: Callable[[], AssessmentStore],
        clock: Callable[[], datetime],
    ) -> None:
        self.knowledge = knowledge
        self._store = store
        self.clock = clock

    @property
    def evidence(self) -> FormEvidence:
        """What each metric means and when each cue applies (cited), its words in the language
        of the knowledge base (the facade's, for the active language)."""
        translate = self.knowledge.translate
        return load_evidence() if translate is english else _translated_evidence(translate)

    def analyse(
        self,
        video: str | os.PathLike[str],
        view: View | None = None,
        annotated: str | os.PathLike[str] | None = None,
        progress: Progress | None = None,
    ) -> FormReport:
        """Analyse one clip on this machine; nothing is stored.

        Raises:
            VideoInputError: not a readable video. PoseModelUnavailable: the extra is missing.
        """
        from runknee.form.pipeline import run_form_check

        run = run_form_check(video, view, progress)
        if annotated is not None and run.report.ok:
            from runknee.files import write_private_file
            from runknee.form.annotate import write_annotated

            # all or nothing, 0600: the runner's own video, never half-written over a file
            write_private_file(Path(annotated), lambda part: write_annotated(video, part, run))
        return run.report

    def analyse_and_save(
        self,
        video: str | os.PathLike[str],
        view: View | None = None,
        label: str = "",
        keep_clip: bool = False,
        keep_annotated: bool = False,
        progress: Progress | None = None,
    ) -> StoredFormCheck:
        """Analyse a clip and save its metrics; the clip and the annotated video are saved
        only when ``keep_clip`` / ``keep_annotated`` say so."""
        annotated_bytes = None
        with tempfile.TemporaryDirectory(prefix="runknee-form-") as scratch:
            target = Path(scratch) / "annotated.mp4" if keep_annotated else None
            report = self.analyse(video, view, target, progress)
            if target is not None and target.exists():
                annotated_bytes = target.read_bytes()
        clip = Path(video).read_bytes() if keep_clip else None
        return self.save(report, label or Path(video).name, clip, annotated_bytes)

    def save(
        self,
        report: FormReport,
        label: str,
        clip: bytes | None = None,
        annotated: bytes | None = None,
    ) -> StoredFormCheck:
        """Save a report computed elsewhere (for example by the web app's worker)."""
        return self._store().form_checks.save(
            report, self.clock(), label, self.knowledge.version, clip, annotated
        )

    def list(self) -> list[StoredFormCheck]:
        """Saved form checks, newest first."""
        return self._store().form_checks.list()

    def page(self, limit: int, cursor: str | None = None) -> Page[StoredFormCheck]:
        """Saved form checks newest first, ``limit`` at a time after ``cursor`` (a page's
        ``next_cursor``; raises :class:`CaseInputError` for one that is not a cursor)."""
        return self._store().form_checks.page(limit, cursor)

    def count(self) -> int:
        """How many form checks are saved."""
        return self._store().form_checks.count()

    def get(self, check_id: str) -> StoredFormCheck:
        """One saved form check (raises :class:`NotFoundError`)."""
        return self._store().form_checks.get(check_id)

    def video(self, check_id: str, kind: VideoKind) -> bytes:
        """A saved clip or annotated video (raises :class:`NotFoundError`)."""
        return self._store().form_checks.video(check_id, kind)

    def delete(self, check_id: str) -> None:
        """Delete one saved form check and its videos (raises :class:`NotFoundError`)."""
        self._store().form_checks.delete(check_id)

    def plan_cues(self) -> dict[str, PlanCueCheck]:
        """The plan's form cues that a form check measures, by plan cue id (a ``prevention``
        item of plans.yaml), each with the newest saved check that measured its values."""
        checks = self.list()
        out: dict[str, PlanCueCheck] = {}
        for plan_cue, rule in self.evidence.cues_for_plan().items():
            out[plan_cue] = PlanCueCheck(plan_cue, rule)
            for check in checks:
                measured = [
                    m
                    for name in (c.metric for c in rule.when)
                    if (m := check.report.metric(name)) is not None and m.value is not None
                ]
                if measured:
                    result = next((c for c in check.report.cues if c.id == rule.id), None)
                    out[plan_cue] = PlanCueCheck(plan_cue, rule, check, result, measured)
                    break
        return out

    @staticmethod
    def suggested_findings(report: FormReport) -> dict[str, str]:
        """Assessment findings a running clip supports, for the runner to confirm before they
        go into a new assessment: ``present`` when the cue applies, ``absent`` when it was
        judged and does not (e.g. ``low_cadence``, ``overstriding``). Empty for clips that do
        not show running or failed the quality gate."""
        if not report.ok or report.gait != "running":
            return {}
        judged = [cue for cue in report.cues if cue.finding and cue.judged]
        return {
            cue.finding: "present" if cue.applies else "absent" for cue in judged if cue.finding
        }

    @staticmethod
    def compare(before: FormReport, after: FormReport) -> FormComparison:
        """Each metric's change from ``before`` to ``after``, and whether it is larger than
        the clip-to-clip spread (the larger of the two clips' step-to-step spreads)."""
        changes = []
        for metric in before.metrics:
            other = after.metric(metric.id)
            if other is None:
                continue
            change = (
                round(other.value - metric.value, 3)
                if other.value is not None and metric.value is not None
                else None
            )
            spreads = [s for s in (metric.sd, other.sd) if s is not None]
            spread = max(spreads) if spreads else None
            changes.append(
                MetricChange(
                    id=metric.id,
                    label=metric.label,
                    unit=metric.unit,
                    before=metric.value,
                    after=other.value,
                    change=change,
                    spread=spread,
                    meaningful=change is not None and spread is not None and abs(change) > spread,
                )
            )
        note = _(
            "A change counts only when it is larger than the step-to-step spread of the clips; "
            "film both clips the same way (same place, distance, speed and view)."
        )
        if before.view != after.view:  # two whole sentences, each translated
            views = _("The two clips are filmed from different views; only shared metrics compare.")
            note = f"{views} {note}"
        return FormComparison(changes=changes, note=note)
