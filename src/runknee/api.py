"""The one Python API that the CLI and the web app sit on.

>>> from runknee.api import Runknee
>>> app = Runknee()
>>> result = app.assess({"age_years": 30, "findings": {"pain_front_kneecap": "present"}})
>>> result.urgency.value in {"self_care", "consultation"}
True
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from runknee import strict_json
from runknee.api_data import DataAccess
from runknee.api_features import FeatureServices
from runknee.api_knowledge import KnowledgeReads
from runknee.api_plans import PlanFollowing
from runknee.api_reads import SavedReads
from runknee.api_types import *  # noqa: F403 (the types the faces use; see api_types)
from runknee.api_types import Clock, Explanation, utc_now, validated_input
from runknee.api_types import __all__ as _faces_types
from runknee.engine.assess import assess
from runknee.engine.case import Case, parse_case
from runknee.engine.findings import resolve_findings
from runknee.engine.interview import NextQuestion, next_question
from runknee.engine.plan import build_plan, plan_library
from runknee.engine.plan_result import CarePlan
from runknee.engine.question_choice import factor_questions_left
from runknee.engine.result import AssessmentResult
from runknee.engine.scoring import posterior, rank_conditions
from runknee.errors import CaseInputError, FieldError
from runknee.knowledge.loader import KnowledgeBase, default_knowledge_base
from runknee.lazy import lazy_names

# Storage (SQLAlchemy, Alembic), the exports (fhir.resources, fpdf2) and the parts of the engine
# that a read command does not need load on first use, so such a command starts fast.
if TYPE_CHECKING:
    from runknee import diary as _diary
    from runknee.diary import *  # noqa: F403 (the diary's types, for the faces)
    from runknee.engine.interview_session import Interview, InterviewStateError, Prompt, Step
    from runknee.engine.progression import LoggedSession, PlanState, Progress
    from runknee.evaluation.harness import MODE_WORDS, EvaluationReport, LabelledCase
    from runknee.knowledge.lint import LintProblem
    from runknee.plan_tracker import PlanOverview, SessionChanges, SessionDeletion, SessionInput
    from runknee.services import diary_jobs, form_checks, form_jobs
    from runknee.services.diary import DiaryService, ImportFailure, ImportReport
    from runknee.services.interviews import InterviewService
    from runknee.storage import (
        CURSOR_PATTERN,
        DATABASE_UNAVAILABLE,
        DRAFT_MAX_AGE,
        EXPORT_FORMAT,
        EXPORT_FORMAT_VERSION,
        AssessmentStore,
        StoredAssessment,
        StoredDraft,
        StoredPlan,
        StoredSession,
    )

_LAZY_FROM = {
    "runknee.evaluation.harness": ("EvaluationReport", "MODE_WORDS"),
    "runknee.engine.interview_session": ("Interview", "InterviewStateError", "Prompt", "Step"),
    "runknee.plan_tracker": ("PlanOverview", "SessionChanges", "SessionDeletion", "SessionInput"),
    "runknee.storage": (
        "CURSOR_PATTERN",
        "DATABASE_UNAVAILABLE",
        "EXPORT_FORMAT",
        "EXPORT_FORMAT_VERSION",
        "DRAFT_MAX_AGE",
        "StoredAssessment",
        "StoredDraft",
        "StoredPlan",
        "StoredSession",
    ),
}
_LAZY_FROM["runknee.services.diary"] = ("DiaryService", "ImportFailure", "ImportReport")
_load_lazy = lazy_names(__name__, _LAZY_FROM)
_LAZY_MODULES = {
    "diary_jobs": "runknee.services.diary_jobs",
    "form_checks": "runknee.services.form_checks",
    "form_jobs": "runknee.services.form_jobs",
}


def __getattr__(name: str) -> Any:
    """Load the storage-backed names of ``__all__`` and the diary's types on first use (PEP 562)."""
    try:
        return _load_lazy(name)
    except AttributeError:
        pass  # not one of the storage-backed names
    if name in _LAZY_MODULES:
        return importlib.import_module(_LAZY_MODULES[name])
    if not name.startswith("_"):  # the import system asks for __path__ and such: no diary
        diary = importlib.import_module("runknee.diary")  # the diary's types, for the faces
        if name in diary.__all__:
            return getattr(diary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CURSOR_PATTERN",
    "DATABASE_UNAVAILABLE",
    "DRAFT_MAX_AGE",
    "EXPORT_FORMAT",
    "EXPORT_FORMAT_VERSION",
    "AssessmentResult",
    "Interview",
    "InterviewStateError",
    "NextQuestion",
    "PlanOverview",
    "MODE_WORDS",
    "EvaluationReport",
    "Prompt",
    "Runknee",
    "close_databases",
    "SessionChanges",
    "SessionDeletion",
    "SessionInput",
    "Step",
    "StoredAssessment",
    "StoredDraft",
    "StoredPlan",
    "StoredSession",
    *_faces_types,
    "DiaryService",
    "ImportFailure",
    "ImportReport",
    "diary_jobs",
    "form_checks",
    "form_jobs",
]
if TYPE_CHECKING:  # at run time the diary's names load on first use, through __getattr__
    __all__ += _diary.__all__


def close_databases() -> None:
    """Close every database connection this process opened (before it exits)."""
    if "runknee.storage.database" in sys.modules:  # else none was opened: load nothing
        from runknee.storage.database import close_all

        close_all()


class Runknee(KnowledgeReads, FeatureServices, SavedReads, DataAccess, PlanFollowing):
    """Facade over the knowledge base, the engine and the store of saved assessments.

    Args:
        knowledge: the knowledge base (default: the one shipped in the package).
        store: where assessments are saved. When left out it is opened on first use from
            ``RUNKNEE_DATABASE_URL``, or the SQLite file in the user's data directory.
        clock: returns the current timezone-aware time (default: :func:`utc_now`).
    """

    def __init__(
        self,
        knowledge: KnowledgeBase | None = None,
        store: AssessmentStore | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._base_knowledge = knowledge if knowledge is not None else default_knowledge_base()
        self._opened_store = store
        self.clock: Clock = clock if clock is not None else utc_now

    @classmethod
    def open(cls, database_url: str | None = None, clock: Clock | None = None) -> Runknee:
        """A facade on the database at ``database_url`` (default: ``RUNKNEE_DATABASE_URL``,
        else the SQLite file in the user's data directory), opened and migrated now."""
        from runknee.storage import AssessmentStore, database_url_from_env

        url = database_url or database_url_from_env(os.environ)
        return cls(store=AssessmentStore.open(url), clock=clock)

    @classmethod
    def reading(cls, database_url: str | None = None, clock: Clock | None = None) -> Runknee:
        """A facade for a command that only reads saved data: its lists (assessments, plans,
        runs, pain) take the quick read path when the database is a SQLite file at the newest
        schema; otherwise, and for anything else, it opens the store now, like :meth:`open`."""
        from runknee.storage.locations import database_url_from_env

        facade = cls(clock=clock)
        if not facade._read_quickly(database_url or database_url_from_env(os.environ)):
            facade.connect()
        return facade

    def case(self, data: Case | dict[str, Any]) -> Case:
        """Validate case input (raises :class:`CaseInputError` naming bad fields)."""
        if isinstance(data, Case):
            data = data.model_dump(mode="json")
        return parse_case(data, self._knowledge.finding_ids)

    def assess(self, data: Case | dict[str, Any]) -> AssessmentResult:
        """Urgency, red flags, ranked conditions and contributing factors for one case."""
        return assess(self._knowledge, self.case(data))

    def next_question(self, data: Case | dict[str, Any]) -> NextQuestion:
        """The interview's next question for a partial case."""
        return next_question(self._knowledge, self.case(data))

    def plan(self, data: Case | dict[str, Any]) -> CarePlan:
        """The care plan for a case: today's actions, warning signs, programme, return to run."""
        case = self.case(data)
        return build_plan(self._knowledge, case, assess(self._knowledge, case))

    def training_questions_left(self, data: Case | dict[str, Any]) -> list[str]:
        """Questions about training, shoes and running still open for a case."""
        return factor_questions_left(self._knowledge, self.case(data))

    def progress(
        self, state: PlanState | dict[str, Any], session: LoggedSession | dict[str, Any]
    ) -> Progress:
        """Log one session against a plan state and get the new state (nothing is stored)."""
        from runknee.engine.progression import LoggedSession, PlanState, progress

        checked_state = validated_input(PlanState, state, "state")
        checked = validated_input(LoggedSession, session, "session")
        unknown = sorted(set(checked.new_symptoms) - self._knowledge.finding_ids)
        unknown_ex = sorted(set(checked.exercises_done) - set(self._knowledge.exercises))
        if unknown or unknown_ex:
            raise CaseInputError(
                [FieldError(f"session.new_symptoms.{f}", "unknown finding id") for f in unknown]
                + [
                    FieldError(f"session.exercises_done.{e}", "unknown exercise id")
                    for e in unknown_ex
                ]
            )
        return progress(plan_library(self._knowledge), checked_state, checked)

    def explain(self, data: Case | dict[str, Any], condition_id: str) -> Explanation:
        """The evidence for and against one condition, whether or not it made the top five."""
        condition = self.condition(condition_id)
        case = self.case(data)
        resolved = resolve_findings(self._knowledge, case)
        probabilities = posterior(self._knowledge, case, resolved)
        everything = rank_conditions(
            self._knowledge, probabilities, resolved.states, len(probabilities)
        )
        rank = next(i for i, item in enumerate(everything, start=1) if item.id == condition_id)
        cited = {
            s
            for e in everything[rank - 1].supporting + everything[rank - 1].conflicting
            for s in e.sources
        }
        cited.update(condition.sources)
        return Explanation(
            condition=condition,
            rank=rank,
            assessment=everything[rank - 1],
            sources=[self._knowledge.sources[s] for s in sorted(cited)],
            knowledge_version=self._knowledge.version,
        )

    def lint(self) -> list[LintProblem]:
        """Cross-file checks (warnings only: errors already stop loading)."""
        from runknee.knowledge.lint import check_references

        return check_references(self._knowledge)

    def evaluate(
        self,
        lines: Iterable[str],
        with_interview: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> EvaluationReport:
        """Score labelled cases given as JSON lines (see ``tests/eval/dev_cases.jsonl``)."""
        from runknee.evaluation.harness import evaluate_cases

        items = [
            self._labelled(number, line)
            for number, line in enumerate(lines, start=1)
            if line.strip()
        ]
        return evaluate_cases(self._knowledge, items, with_interview, progress)

    def _labelled(self, number: int, line: str) -> LabelledCase:
        from runknee.evaluation.harness import LabelledCase

        try:
            item = LabelledCase.model_validate(strict_json.loads(line))
        except json.JSONDecodeError as exc:
            raise CaseInputError([FieldError(f"line {number}", f"not JSON: {exc.msg}")]) from None
        except ValidationError as exc:
            raise CaseInputError(
                [
                    FieldError(f"line {number}." + ".".join(map(str, e["loc"])), e["msg"])
                    for e in exc.errors()
                ]
            ) from None
        self.case(item.case)
        return item

    # Saved assessments -------------------------------------------------------------------

    @property
    def _store(self) -> AssessmentStore:
        """The assessment store, opened (and migrated) on first use."""
        from runknee.storage import AssessmentStore, database_url_from_env

        if self._opened_store is None:
            url = self._database_url or database_url_from_env(os.environ)
            self._opened_store = AssessmentStore.open(url)
        return self._opened_store

    def connect(self) -> None:
        """Open (and migrate) the database now, so that a bad one fails early."""
        _ = self._store

    def save_assessment(self, data: Case | dict[str, Any]) -> StoredAssessment:
        """Assess a case and save case and result together (raises :class:`CaseInputError`)."""
        case = self.case(data)
        return self._store.save(case, assess(self._knowledge, case), self.clock())

    def get_assessment(self, assessment_id: str) -> StoredAssessment:
        """One saved assessment (raises :class:`NotFoundError`)."""
        return self._store.get(assessment_id)

    def delete_assessment(self, assessment_id: str, keep_plan: bool = False) -> None:
        """Delete one saved assessment with the plans built from it and their sessions, or,
        with ``keep_plan``, keep those plans without it (raises :class:`NotFoundError`)."""
        self._store.delete(assessment_id, keep_plans=keep_plan)

    @property
    def interviews(self) -> InterviewService:
        """Stored, unfinished interviews (the web's), over this facade's store and clock."""
        from runknee.services.interviews import InterviewService

        return InterviewService(self._knowledge, self._store, self.clock)

    def new_interview(self) -> Interview:
        """An interview kept in memory (the terminal's), with no answers yet."""
        from runknee.engine.interview_session import Interview

        return Interview(self._knowledge)

    # Exports: FHIR bundle and PDF summary (see docs/export.md; the work is in summaries.py)

    def fhir_bundle(
        self, data: Case | dict[str, Any], include_patient: bool = False
    ) -> dict[str, Any]:
        """A case's assessment and plan as a FHIR R4 Bundle, JSON-ready (nothing is stored)."""
        from runknee.summaries import fhir_bundle_json

        case = self.case(data)
        result = assess(self._knowledge, case)
        return fhir_bundle_json(self._knowledge, case, result, self.clock(), None, include_patient)

    def fhir_bundle_for(self, assessment_id: str, include_patient: bool = False) -> dict[str, Any]:
        """A saved assessment as a FHIR R4 Bundle (raises :class:`NotFoundError`); a facade
        made by :meth:`reading` reads it, and the plan followed, on the quick read path."""
        from runknee.summaries import fhir_bundle_json

        saved = self._saved_assessment(assessment_id)
        return fhir_bundle_json(
            self._knowledge,
            saved.case,
            saved.result,
            self.clock(),
            saved.created_at,
            include_patient,
            self._followed(saved.id),
        )

    def summary_pdf(self, data: Case | dict[str, Any]) -> bytes:
        """A printable PDF of a case's assessment and plan (nothing is stored)."""
        from runknee.summaries import summary_pdf_bytes

        case = self.case(data)
        return summary_pdf_bytes(self._knowledge, case, assess(self._knowledge, case), self.clock())

    def summary_pdf_for(self, assessment_id: str) -> bytes:
        """A printable PDF of a saved assessment and its plan (raises :class:`NotFoundError`)."""
        from runknee.summaries import summary_pdf_bytes

        saved = self._saved_assessment(assessment_id)
        return summary_pdf_bytes(
            self._knowledge,
            saved.case,
            saved.result,
            self.clock(),
            saved.created_at,
            self._followed(saved.id),
        )

    def _followed(self, assessment_id: str) -> PlanOverview | None:
        """The newest plan followed for an assessment, if any (for the exports)."""
        plans = self.list_plans(assessment_id)
        return self.plan_overview(plans[0].id) if plans else None
