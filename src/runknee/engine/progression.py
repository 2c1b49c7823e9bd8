"""Move through a care plan one logged session at a time, guided by pain.

Pure functions: a :class:`PlanState` and a :class:`LoggedSession` go in, a :class:`Progress`
(the new state, the decision and the reason) comes out. No clock: the caller says which day of
the plan a session was on (:mod:`runknee.engine.replay` runs a whole diary of dated sessions).
The pain-monitoring rule, the phases' timing and the review triggers come from
``data/plans.yaml``:

- pain at most ``ok_max`` (3/10) during and after, settled by the next morning and not creeping
  up week to week counts towards moving on; after enough such sessions in a row, spread over the
  phase's span of days, the programme phase (or walk-run stage) advances;
- an exercise session sooner than the phase's minimum days after the last one is logged but
  does not count (the same holds for runs without a rest day between them);
- pain up to ``acceptable_max`` (5/10) is acceptable: stay at the same level;
- more than that, a knee still worse the next morning, or pain creeping up from last week means
  stepping back one phase or stage;
- a symptom that matches a review trigger returns that trigger's level of care; above a routine
  consultation the plan pauses until the runner has been seen.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from runknee.engine.case import NOT_TEXT
from runknee.engine.logic import evaluate
from runknee.engine.plan import review_advice
from runknee.engine.plan_result import CarePlan, ReviewAdvice
from runknee.engine.progression_text import ACCEPTABLE, Verdict, step_back_reason, too_soon
from runknee.errors import CaseInputError, FieldError, NotFoundError
from runknee.i18n import N_, NN_, Message
from runknee.knowledge.models import Urgency
from runknee.knowledge.plan_models import PlanLibrary, Programme

Pain = Annotated[int, Field(ge=0, le=10), NOT_TEXT]
Day = Annotated[int, Field(ge=0, le=3650), NOT_TEXT]
Decision = Literal["advance", "hold", "step_back", "pause"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanState(_Model):
    """Where a runner is in their plan. Store it between sessions; it holds no dates."""

    programme_id: str
    phase_index: Annotated[int, Field(ge=0)] = 0
    phase_good_sessions: Annotated[int, Field(ge=0)] = 0
    running_stage_index: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="None until the walk-run return has started."
    )
    running_good_sessions: Annotated[int, Field(ge=0)] = 0
    last_day: Day | None = None
    last_run_day: Day | None = None
    last_exercise_day: Day | None = None
    phase_first_good_day: Day | None = Field(
        default=None, description="Day of the first good session counted in this phase."
    )
    baseline_morning_pain_0_10: Pain = 0
    first_pain_0_10: Pain | None = None
    week: Annotated[int, Field(ge=0)] = 0
    week_peak_0_10: Pain | None = None
    last_week_peak_0_10: Pain | None = None
    paused_for: Urgency | None = Field(
        default=None, description="Set when a warning sign needs a professional first."
    )


class LoggedSession(_Model):
    """One exercise session or walk-run, as the runner reports it."""

    kind: Literal["exercise", "run"]
    day: Day = Field(description="Days since the plan started (the caller counts them).")
    exercises_done: list[str] = Field(default_factory=list)
    pain_during_0_10: Pain
    pain_after_0_10: Pain = 0
    pain_next_morning_0_10: Pain | None = Field(
        default=None, description="Pain on the next morning; unknown until then."
    )
    new_symptoms: list[str] = Field(
        default_factory=list, description="Finding ids of new symptoms, e.g. ['swelling']."
    )
    exit_criteria_met: bool = Field(
        default=False, description="The runner meets the current phase's exit criteria."
    )


class Progress(_Model):
    """The result of logging one session."""

    state: PlanState
    track: Literal["programme", "running"]
    decision: Decision
    pain_verdict: Verdict
    reason: str = Field(description="Why, in English (``reason_i18n`` is the same sentence).")
    reason_i18n: Message | None = Field(
        default=None,
        description="The reason as a sentence to translate and its values (none in sessions "
        "logged before runknee kept it: show ``reason``, translated when a fixed sentence).",
    )
    review: list[ReviewAdvice]
    level_of_care: Urgency | None


def start_state(plan: CarePlan, baseline_morning_pain_0_10: int = 0) -> PlanState:
    """The state at the start of a plan (programme phase one, running not yet started).

    Raises:
        CaseInputError: if the plan has no programme (a limited, until-seen plan).
    """
    if plan.programme is None:
        raise CaseInputError(
            [FieldError("plan", "this plan is for until you are seen; it has no programme")]
        )
    return PlanState(
        programme_id=plan.programme.id, baseline_morning_pain_0_10=baseline_morning_pain_0_10
    )


def judge_pain(library: PlanLibrary, state: PlanState, session: LoggedSession) -> Verdict:
    """Apply the pain-monitoring rule to one session (``state`` already includes this week)."""
    rule = library.settings.pain_rule
    worst = max(session.pain_during_0_10, session.pain_after_0_10)
    if worst > rule.acceptable_max_0_10:
        return "too_much"
    if session.pain_next_morning_0_10 is None:
        return "pending"
    if session.pain_next_morning_0_10 > state.baseline_morning_pain_0_10:
        return "not_settled"
    this_week, last_week = state.week_peak_0_10, state.last_week_peak_0_10
    if (
        this_week is not None
        and last_week is not None
        and this_week > last_week
        and this_week > rule.creep_ignored_at_or_below_0_10
    ):
        return "creeping"
    return "ok" if worst <= rule.ok_max_0_10 else "acceptable"


def fired_triggers(
    library: PlanLibrary, state: PlanState, session: LoggedSession
) -> list[ReviewAdvice]:
    """Review triggers matched by the session's new symptoms, or by no improvement in time."""
    symptoms = set(session.new_symptoms)
    worst = max(session.pain_during_0_10, session.pain_after_0_10)
    fired = []
    for trigger in library.review_triggers:
        if trigger.when is not None:
            hit = evaluate(trigger.when, lambda f: True if f in symptoms else None, None, None)
        else:
            days = trigger.no_improvement_after_days or 0
            first = state.first_pain_0_10
            hit = first is not None and first > 0 and session.day >= days and worst >= first
        if hit is True:
            fired.append(review_advice(trigger))
    return fired


def progress(library: PlanLibrary, state: PlanState, session: LoggedSession) -> Progress:
    """Log one session and decide: advance, hold, step back, or pause for a review.

    Raises:
        CaseInputError: if the session's day is before the last logged one.
        NotFoundError: if the state names a programme the plans do not have.
    """
    programme = _programme(library, state.programme_id)
    if state.last_day is not None and session.day < state.last_day:
        raise CaseInputError([FieldError("day", "earlier than the last logged session")])
    state = _record(state, session)
    track: Literal["programme", "running"] = "running" if session.kind == "run" else "programme"
    review = fired_triggers(library, state, session)
    level = max((r.level for r in review), key=lambda u: u.rank, default=None)
    verdict = judge_pain(library, state, session)
    if state.paused_for is not None or (
        level is not None and level.rank > Urgency.consultation.rank
    ):
        paused = state.paused_for if state.paused_for is not None else level
        if paused is not None and level is not None and level.rank > paused.rank:
            paused = level
        state = state.model_copy(update={"paused_for": paused})
        reason = Message.of(
            N_("A warning sign needs a professional first; the plan is paused until you are seen.")
        )
        return Progress(
            state=state, track=track, decision="pause", pain_verdict=verdict,
            reason=reason.english, reason_i18n=reason, review=review, level_of_care=level,
        )  # fmt: skip
    decision, state, reason = _decide(library, programme, state, session, verdict)
    if decision == "advance" and review:
        # Review triggers here are at most a routine appointment: reasons to see someone.
        decision = "hold"
        reason = Message.of(N_("Hold here, and have what you noticed checked before moving on."))
        state = _undo_advance(state, track)
    return Progress(
        state=state, track=track, decision=decision, pain_verdict=verdict,
        reason=reason.english, reason_i18n=reason, review=review, level_of_care=level,
    )  # fmt: skip


def start_running(
    library: PlanLibrary, state: PlanState, criteria_met: dict[str, bool]
) -> tuple[PlanState, list[str]]:
    """Start the walk-run return at stage one if every start criterion is met.

    Returns:
        The new state (unchanged if not started) and the ids of criteria not yet met.
    """
    missing = [
        criterion.id
        for criterion in library.return_to_running.start_criteria
        if criteria_met.get(criterion.id) is not True
    ]
    if missing or state.paused_for is not None or state.running_stage_index is not None:
        return state, missing
    return state.model_copy(update={"running_stage_index": 0, "running_good_sessions": 0}), []


def resume(state: PlanState) -> PlanState:
    """Clear a pause once a professional has seen the runner and agreed to carry on."""
    return state.model_copy(update={"paused_for": None})


def _programme(library: PlanLibrary, programme_id: str) -> Programme:
    for programme in library.programmes:
        if programme.id == programme_id:
            return programme
    raise NotFoundError("programme", programme_id)


def _record(state: PlanState, session: LoggedSession) -> PlanState:
    """Bookkeeping: the week's worst pain, last week's, and the first pain reported."""
    worst = max(session.pain_during_0_10, session.pain_after_0_10)
    week = session.day // 7
    peak, last_peak = state.week_peak_0_10, state.last_week_peak_0_10
    if week > state.week:
        last_peak = peak if week == state.week + 1 else None
        peak = None
    return state.model_copy(
        update={
            "last_day": session.day,
            "week": week,
            "week_peak_0_10": worst if peak is None else max(peak, worst),
            "last_week_peak_0_10": last_peak,
            "first_pain_0_10": worst if state.first_pain_0_10 is None else state.first_pain_0_10,
        }
    )


def _decide(
    library: PlanLibrary,
    programme: Programme,
    state: PlanState,
    session: LoggedSession,
    verdict: Verdict,
) -> tuple[Decision, PlanState, Message]:
    if session.kind == "run":
        return _decide_running(library, state, session, verdict)
    phase_index = min(state.phase_index, len(programme.phases) - 1)
    phase = programme.phases[phase_index]
    previous = state.last_exercise_day
    state = state.model_copy(update={"last_exercise_day": session.day})
    if verdict in ("too_much", "not_settled", "creeping"):
        back = max(phase_index - 1, 0)
        update = {"phase_index": back, "phase_good_sessions": 0, "phase_first_good_day": None}
        return "step_back", state.model_copy(update=update), step_back_reason(verdict, "phase")
    if verdict == "pending":
        return (
            "hold",
            state,
            Message.of(N_("Log how the knee feels tomorrow morning before moving on.")),
        )
    if verdict == "acceptable":
        update = {"phase_good_sessions": 0, "phase_first_good_day": None}
        return "hold", state.model_copy(update=update), ACCEPTABLE
    gap = phase.timing.min_days_between_sessions
    if previous is not None and session.day - previous < gap:
        return "hold", state, too_soon(session.day - previous, gap)
    if not set(session.exercises_done) & set(phase.exercises):
        return "hold", state, Message.of(N_("Log at least one exercise from your current phase."))
    return _count_good(programme, phase_index, state, session)


def _count_good(
    programme: Programme, phase_index: int, state: PlanState, session: LoggedSession
) -> tuple[Decision, PlanState, Message]:
    """A good session that counts: move on once there are enough, over enough days."""
    phase = programme.phases[phase_index]
    good = state.phase_good_sessions + 1
    first = state.phase_first_good_day if state.phase_first_good_day is not None else session.day
    counted = state.model_copy(update={"phase_good_sessions": good, "phase_first_good_day": first})
    if good < phase.min_sessions:
        reason = N_("Good session (%(good)s of %(needed)s before the next phase).")
        return "hold", counted, Message.of(reason, good=good, needed=phase.min_sessions)
    span, needed = session.day - first, phase.timing.min_span_days
    if span < needed:
        spread = NN_(
            "Good session (%(good)s of %(sessions)s), but this phase's good sessions must span "
            "%(needed)s day and yours span %(span)s so far: keep going.",
            "Good session (%(good)s of %(sessions)s), but this phase's good sessions must span "
            "%(needed)s days and yours span %(span)s so far: keep going.",
        )
        values = {"good": good, "sessions": phase.min_sessions, "needed": needed, "span": span}
        return "hold", counted, Message.of(spread, count_key="needed", **values)
    if phase_index == len(programme.phases) - 1:
        return "hold", counted, Message.of(N_("You are in the last phase: keep it up."))
    if not session.exit_criteria_met:
        exit_first = N_("Enough good sessions; move on once you meet this phase's exit criteria.")
        return "hold", counted, Message.of(exit_first)
    update = {
        "phase_index": phase_index + 1,
        "phase_good_sessions": 0,
        "phase_first_good_day": None,
    }
    return (
        "advance",
        state.model_copy(update=update),
        Message.of(N_("Exit criteria met: on to the next phase.")),
    )


def _decide_running(
    library: PlanLibrary, state: PlanState, session: LoggedSession, verdict: Verdict
) -> tuple[Decision, PlanState, Message]:
    running = library.return_to_running
    stage = state.running_stage_index
    if stage is None:
        reason = Message.of(
            N_("The walk-run return has not started: check the start criteria first.")
        )
        return "hold", state, reason
    rested = (
        state.last_run_day is None
        or session.day - state.last_run_day > running.rest_days_between_runs
    )
    state = state.model_copy(update={"last_run_day": session.day})
    if verdict in ("too_much", "not_settled", "creeping"):
        back = stage - 1 if stage > 0 else None
        update = {"running_stage_index": back, "running_good_sessions": 0}
        return "step_back", state.model_copy(update=update), step_back_reason(verdict, "stage")
    if verdict == "pending":
        return (
            "hold",
            state,
            Message.of(N_("Log how the knee feels tomorrow morning before moving on.")),
        )
    if verdict == "acceptable":
        update = {"running_good_sessions": 0}
        return "hold", state.model_copy(update=update), ACCEPTABLE
    if not rested:
        return (
            "hold",
            state,
            Message.of(
                N_("Leave a rest day between runs; this run does not count towards moving on.")
            ),
        )
    good = state.running_good_sessions + 1
    if stage >= len(running.stages) - 1:
        update = {"running_good_sessions": good}
        return (
            "hold",
            state.model_copy(update=update),
            Message.of(N_("You have reached the last stage.")),
        )
    if good < running.repeat_each_stage:
        update = {"running_good_sessions": good}
        good_run = N_("Good run (%(good)s of %(needed)s at this stage).")
        message = Message.of(good_run, good=good, needed=running.repeat_each_stage)
        return "hold", state.model_copy(update=update), message
    update = {"running_stage_index": stage + 1, "running_good_sessions": 0}
    return (
        "advance",
        state.model_copy(update=update),
        Message.of(N_("On to the next walk-run stage.")),
    )


def _undo_advance(state: PlanState, track: str) -> PlanState:
    if track == "running" and state.running_stage_index:
        return state.model_copy(update={"running_stage_index": state.running_stage_index - 1})
    if track == "programme" and state.phase_index:
        return state.model_copy(update={"phase_index": state.phase_index - 1})
    return state
