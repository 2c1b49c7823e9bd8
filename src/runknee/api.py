"""The one Python API that the CLI and the web app sit on.

>>> from runknee.api import Runknee
>>> app = Runknee()
>>> result = app.assess({"age_years": 30, "findings": {"pain_front_kneecap": "present"}})
>>> result.urgency.value in {"self_care", "consultation"}
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from runknee import diary as _diary
from runknee import strict_json
from runknee.diary import *  # noqa: F403  (the diary's types, for the faces)
from runknee.engine.assess import assess
from runknee.engine.case import Case, parse_case
from runknee.engine.evaluation import EvaluationReport, LabelledCase, evaluate_cases
from runknee.engine.figures import render_exercise
from runknee.engine.findings import resolve_findings
from runknee.engine.interview import NextQuestion, next_question
from runknee.engine.interview_session import Interview, InterviewStateError, Prompt, Step
from runknee.engine.plan import build_plan, plan_library
from runknee.engine.plan_result import CarePlan
from runknee.engine.progression import LoggedSession, PlanState, Progress, progress
from runknee.engine.question_choice import factor_questions_left
from runknee.engine.result import AssessmentResult, RankedCondition
from runknee.engine.scoring import posterior, rank_conditions
from runknee.errors import CaseInputError, FieldError, NotFoundError
from runknee.knowledge.exercise_models import Exercise
from runknee.knowledge.figures import figure_svg
from runknee.knowledge.lint import LintProblem, check_references
from runknee.knowledge.loader import KnowledgeBase, default_knowledge_base
from runknee.knowledge.models import Condition, Finding, Source
from runknee.plan_tracker import PlanOverview, PlanTracker, SessionInput
from runknee.services import form_checks, form_jobs
from runknee.services.diary import DiaryService, ImportFailure, ImportReport
from runknee.services.interviews import InterviewService
from runknee.storage import (  # the storage names the CLI and web layers use come from here
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
    database_url_from_env,
    redact_url,
)
from runknee.summaries import fhir_bundle_json, summary_pdf_bytes

__all__ = [
    "CURSOR_PATTERN",
    "DATABASE_UNAVAILABLE",
    "DRAFT_MAX_AGE",
    "EXPORT_FORMAT",
    "EXPORT_FORMAT_VERSION",
    "AssessmentResult",
    "DiaryService",
    "Explanation",
    "ImportFailure",
    "ImportReport",
    "Interview",
    "InterviewStateError",
    "NextQuestion",
    "Prompt",
    "Runknee",
    "Step",
    "StoredAssessment",
    "StoredDraft",
    "StoredPlan",
    "StoredSession",
    "case_json_schema",
    "form_checks",
    "form_jobs",
    "utc_now",
]
__all__ += _diary.__all__


def case_json_schema(finding_ids: Iterable[str]) -> dict[str, Any]:
    """The JSON Schema of a case (committed as ``docs/case.schema.json``).

    The finding keys are restricted to the knowledge base's finding ids.
    """
    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://runknee.invalid/case.schema.json"
    schema["properties"]["findings"]["propertyNames"] = {"enum": sorted(finding_ids)}
    return schema


class Explanation(BaseModel):
    """Why a condition is (or is not) likely for a case."""

    model_config = ConfigDict(frozen=True)

    condition: Condition
    rank: int
    assessment: RankedCondition
    sources: list[Source]
    knowledge_version: str


Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


class Runknee:
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
        self.knowledge = knowledge if knowledge is not None else default_knowledge_base()
        self._store = store
        self.clock: Clock = clock if clock is not None else utc_now

    @classmethod
    def open(cls, database_url: str | None = None, clock: Clock | None = None) -> Runknee:
        """A facade on the database at ``database_url`` (default: ``RUNKNEE_DATABASE_URL``,
        else the SQLite file in the user's data directory), opened and migrated now."""
        url = database_url or database_url_from_env(os.environ)
        return cls(store=AssessmentStore.open(url), clock=clock)

    @property
    def database_label(self) -> str:
        """Where assessments are kept, with any password hidden (for messages)."""
        return redact_url(self.store.engine.url.render_as_string(hide_password=False))

    @property
    def knowledge_version(self) -> str:
        """Content hash of the knowledge base in use."""
        return self.knowledge.version

    def case(self, data: Case | dict[str, Any]) -> Case:
        """Validate case input (raises :class:`CaseInputError` naming bad fields)."""
        if isinstance(data, Case):
            data = data.model_dump(mode="json")
        return parse_case(data, self.knowledge.finding_ids)

    def assess(self, data: Case | dict[str, Any]) -> AssessmentResult:
        """Urgency, red flags, ranked conditions and contributing factors for one case."""
        return assess(self.knowledge, self.case(data))

    def next_question(self, data: Case | dict[str, Any]) -> NextQuestion:
        """The interview's next question for a partial case."""
        return next_question(self.knowledge, self.case(data))

    def conditions(self) -> list[Condition]:
        """Every condition in the knowledge base."""
        return list(self.knowledge.conditions.values())

    def condition(self, condition_id: str) -> Condition:
        """One condition by id (raises :class:`NotFoundError`)."""
        try:
            return self.knowledge.conditions[condition_id]
        except KeyError:
            raise NotFoundError("condition", condition_id) from None

    def findings(self) -> list[Finding]:
        """Every finding (question) in the knowledge base."""
        return list(self.knowledge.findings.values())

    def sources(self) -> list[Source]:
        """The bibliography."""
        return sorted(self.knowledge.sources.values(), key=lambda source: source.id)

    def plan(self, data: Case | dict[str, Any]) -> CarePlan:
        """The care plan for a case: today's actions, warning signs, programme, return to run."""
        case = self.case(data)
        return build_plan(self.knowledge, case, assess(self.knowledge, case))

    def exercises(self) -> list[Exercise]:
        """Every exercise in the library."""
        return list(self.knowledge.exercises.values())

    def exercise(self, exercise_id: str) -> Exercise:
        """One exercise by id (raises :class:`NotFoundError`)."""
        try:
            return self.knowledge.exercises[exercise_id]
        except KeyError:
            raise NotFoundError("exercise", exercise_id) from None

    def exercise_svg(self, exercise_id: str) -> str:
        """The stick-figure illustration of one exercise, as an SVG document."""
        return render_exercise(self.exercise(exercise_id))

    def training_questions_left(self, data: Case | dict[str, Any]) -> list[str]:
        """Questions about training, shoes and running still open for a case."""
        return factor_questions_left(self.knowledge, self.case(data))

    def figure_svg(self, figure_id: str) -> str:
        """A how-to-check drawing for a self-check question (raises NotFoundError)."""
        return figure_svg(figure_id)

    def progress(
        self, state: PlanState | dict[str, Any], session: LoggedSession | dict[str, Any]
    ) -> Progress:
        """Log one session against a plan state and get the new state (nothing is stored)."""
        checked_state = _validated(PlanState, state, "state")
        checked = _validated(LoggedSession, session, "session")
        unknown = sorted(set(checked.new_symptoms) - self.knowledge.finding_ids)
        unknown_ex = sorted(set(checked.exercises_done) - set(self.knowledge.exercises))
        if unknown or unknown_ex:
            raise CaseInputError(
                [FieldError(f"session.new_symptoms.{f}", "unknown finding id") for f in unknown]
                + [
                    FieldError(f"session.exercises_done.{e}", "unknown exercise id")
                    for e in unknown_ex
                ]
            )
        return progress(plan_library(self.knowledge), checked_state, checked)

    def explain(self, data: Case | dict[str, Any], condition_id: str) -> Explanation:
        """The evidence for and against one condition, whether or not it made the top five."""
        condition = self.condition(condition_id)
        case = self.case(data)
        resolved = resolve_findings(self.knowledge, case)
        probabilities = posterior(self.knowledge, case, resolved)
        everything = rank_conditions(
            self.knowledge, probabilities, resolved.states, len(probabilities)
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
            sources=[self.knowledge.sources[s] for s in sorted(cited)],
            knowledge_version=self.knowledge.version,
        )

    def lint(self) -> list[LintProblem]:
        """Cross-file checks (warnings only: errors already stop loading)."""
        return check_references(self.knowledge)

    def evaluate(
        self,
        lines: Iterable[str],
        with_interview: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> EvaluationReport:
        """Score labelled cases given as JSON lines (see ``tests/eval/dev_cases.jsonl``)."""
        items = [
            self._labelled(number, line)
            for number, line in enumerate(lines, start=1)
            if line.strip()
        ]
        return evaluate_cases(self.knowledge, items, with_interview, progress)

    def _labelled(self, number: int, line: str) -> LabelledCase:
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
    def store(self) -> AssessmentStore:
        """The assessment store, opened (and migrated) on first use."""
        if self._store is None:
            self._store = AssessmentStore.open(database_url_from_env(os.environ))
        return self._store

    def save_assessment(self, data: Case | dict[str, Any]) -> StoredAssessment:
        """Assess a case and save case and result together (raises :class:`CaseInputError`)."""
        case = self.case(data)
        return self.store.save(case, assess(self.knowledge, case), self.clock())

    def list_assessments(self) -> list[StoredAssessment]:
        """Every saved assessment, newest first."""
        return self.store.list()

    def get_assessment(self, assessment_id: str) -> StoredAssessment:
        """One saved assessment (raises :class:`NotFoundError`)."""
        return self.store.get(assessment_id)

    def delete_assessment(self, assessment_id: str) -> None:
        """Delete one saved assessment (raises :class:`NotFoundError`)."""
        self.store.delete(assessment_id)

    @property
    def interviews(self) -> InterviewService:
        """Stored, unfinished interviews (the web's), over this facade's store and clock."""
        return InterviewService(self.knowledge, self.store, self.clock)

    def new_interview(self) -> Interview:
        """An interview kept in memory (the terminal's), with no answers yet."""
        return Interview(self.knowledge)

    def export_data(self) -> dict[str, Any]:
        """Everything runknee stores about the user (drafts included), as JSON-ready data."""
        data = self.store.export()
        return {
            **data,
            "exported_at": self.clock().astimezone(UTC).isoformat(),
            "knowledge_version": self.knowledge_version,
        }

    def erase_data(self) -> int:
        """Delete every assessment with its plans, and every draft; return how many assessments."""
        return self.store.erase_all()

    @property
    def diary(self) -> DiaryService:
        """The run-and-pain diary (see docs/diary.md), over this facade's store and clock."""
        return DiaryService(self.knowledge, self.store, self.clock)

    @property
    def form(self) -> form_checks.FormChecks:
        """Running-form checks from a video (docs/form.md; types in ``form_checks``)."""
        return form_checks.FormChecks(self.knowledge, lambda: self.store, self.clock)

    # Following a plan (see docs/plans.md; the work is in runknee.plan_tracker) --------------

    @property
    def tracker(self) -> PlanTracker:
        """Plans being followed, over this facade's store and clock."""
        return PlanTracker(self.knowledge, self.store, self.clock)

    def start_plan(self, assessment_id: str, morning_pain_0_10: int = 0) -> StoredPlan:
        """Start following a saved assessment's care plan (``morning_pain_0_10``: usual pain on
        waking, the baseline for 'settled by the next morning')."""
        return self.tracker.start(assessment_id, morning_pain_0_10)

    def get_plan(self, plan_id: str) -> StoredPlan:
        """One plan being followed (raises :class:`NotFoundError`)."""
        return self.store.plans.get(plan_id)

    def list_plans(self, assessment_id: str | None = None) -> list[StoredPlan]:
        """Plans, newest first (only one assessment's when ``assessment_id`` is given)."""
        return self.store.plans.list(assessment_id)

    def log_session(
        self, plan_id: str, session: SessionInput | LoggedSession | dict[str, Any]
    ) -> StoredSession:
        """Log a session against a plan; the stored session carries the decision and reason."""
        return self.tracker.log(plan_id, session)

    def plan_timeline(self, plan_id: str) -> list[StoredSession]:
        """A plan's sessions in order, with their pain and decisions."""
        return self.store.plans.sessions(plan_id)

    def plan_overview(self, plan_id: str) -> PlanOverview:
        """Current phase and stage, what to do next, the sessions and the pain trend."""
        return self.tracker.overview(plan_id)

    def start_running(self, plan_id: str, criteria_met: dict[str, bool]) -> StoredPlan:
        """Begin the walk-run stages once every start check is confirmed."""
        return self.tracker.start_running(plan_id, criteria_met)

    def resume_plan(self, plan_id: str) -> StoredPlan:
        """Carry on after a pause, once a professional has seen the runner."""
        return self.tracker.resume(plan_id)

    # Exports: FHIR bundle and PDF summary (see docs/export.md; the work is in summaries.py)

    def fhir_bundle(
        self, data: Case | dict[str, Any], include_patient: bool = False
    ) -> dict[str, Any]:
        """A case's assessment and plan as a FHIR R4 Bundle, JSON-ready (nothing is stored)."""
        case = self.case(data)
        result = assess(self.knowledge, case)
        return fhir_bundle_json(self.knowledge, case, result, self.clock(), None, include_patient)

    def fhir_bundle_for(self, assessment_id: str, include_patient: bool = False) -> dict[str, Any]:
        """A saved assessment as a FHIR R4 Bundle (raises :class:`NotFoundError`)."""
        saved = self.get_assessment(assessment_id)
        return fhir_bundle_json(
            self.knowledge,
            saved.case,
            saved.result,
            self.clock(),
            saved.created_at,
            include_patient,
        )

    def summary_pdf(self, data: Case | dict[str, Any]) -> bytes:
        """A printable PDF of a case's assessment and plan (nothing is stored)."""
        case = self.case(data)
        return summary_pdf_bytes(self.knowledge, case, assess(self.knowledge, case), self.clock())

    def summary_pdf_for(self, assessment_id: str) -> bytes:
        """A printable PDF of a saved assessment and its plan (raises :class:`NotFoundError`)."""
        saved = self.get_assessment(assessment_id)
        return summary_pdf_bytes(self.knowledge, saved.case, saved.result, self.clock())


ModelT = TypeVar("ModelT", bound=BaseModel)


def _validated(model: type[ModelT], data: ModelT | dict[str, Any], where: str) -> ModelT:
    """Validate API input into ``model``, turning errors into :class:`CaseInputError`."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CaseInputError(
            [
                FieldError(".".join([where, *map(str, e["loc"])]), str(e["msg"]))
                for e in exc.errors()
            ]
        ) from None
