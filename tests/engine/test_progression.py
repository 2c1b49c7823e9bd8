"""Progression through a plan: pain decides advance / hold / step back; warning signs escalate."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runknee.engine.progression import (
    LoggedSession,
    PlanState,
    judge_pain,
    progress,
    resume,
    start_running,
    start_state,
)
from runknee.errors import CaseInputError, NotFoundError
from runknee.knowledge.lint_plans import _examples
from runknee.knowledge.loader import default_knowledge_base
from runknee.knowledge.models import Urgency

KB = default_knowledge_base()
assert KB.plans is not None
LIBRARY = KB.plans
RULE = LIBRARY.settings.pain_rule
PROGRAMME = next(p for p in LIBRARY.programmes if p.id == "kneecap_hip_and_knee")
FINDINGS = sorted(KB.findings)
TRIGGERS = [t for t in LIBRARY.review_triggers if t.when is not None]


def _good(day: int, kind: str = "exercise", **extra: object) -> LoggedSession:
    phase_exercises = [e for p in PROGRAMME.phases for e in p.exercises]
    data = {
        "kind": kind,
        "day": day,
        "exercises_done": phase_exercises,
        "pain_during_0_10": 2,
        "pain_after_0_10": 1,
        "pain_next_morning_0_10": 0,
        "exit_criteria_met": True,
    }
    data.update(extra)
    return LoggedSession.model_validate(data)


def test_enough_good_sessions_advance_the_phase() -> None:
    state = PlanState(programme_id=PROGRAMME.id)
    needed = PROGRAMME.phases[0].min_sessions
    for day in range(needed - 1):
        result = progress(LIBRARY, state, _good(day))
        assert result.decision == "hold"
        state = result.state
    result = progress(LIBRARY, state, _good(needed))
    assert result.decision == "advance"
    assert result.state.phase_index == 1


def test_exit_criteria_must_be_met_to_advance() -> None:
    state = PlanState(programme_id=PROGRAMME.id, phase_good_sessions=20)
    result = progress(LIBRARY, state, _good(1, exit_criteria_met=False))
    assert result.decision == "hold"
    assert "exit criteria" in result.reason


def test_pain_above_acceptable_steps_back_a_phase() -> None:
    state = PlanState(programme_id=PROGRAMME.id, phase_index=2, phase_good_sessions=3)
    result = progress(LIBRARY, state, _good(3, pain_during_0_10=7))
    assert result.decision == "step_back"
    assert result.pain_verdict == "too_much"
    assert result.state.phase_index == 1
    assert result.state.phase_good_sessions == 0


def test_acceptable_pain_holds_and_unknown_morning_waits() -> None:
    state = PlanState(programme_id=PROGRAMME.id, phase_good_sessions=2)
    held = progress(LIBRARY, state, _good(1, pain_during_0_10=5))
    assert (held.decision, held.pain_verdict) == ("hold", "acceptable")
    waiting = progress(LIBRARY, state, _good(1, pain_next_morning_0_10=None))
    assert (waiting.decision, waiting.pain_verdict) == ("hold", "pending")


def test_not_settled_by_morning_steps_back() -> None:
    state = PlanState(programme_id=PROGRAMME.id, phase_index=1, baseline_morning_pain_0_10=1)
    result = progress(LIBRARY, state, _good(1, pain_next_morning_0_10=3))
    assert (result.decision, result.pain_verdict) == ("step_back", "not_settled")


def test_pain_creeping_up_from_last_week_steps_back() -> None:
    state = PlanState(programme_id=PROGRAMME.id, phase_index=1)
    state = progress(LIBRARY, state, _good(1, pain_during_0_10=2)).state
    result = progress(LIBRARY, state, _good(8, pain_during_0_10=4))
    assert result.pain_verdict == "creeping"
    assert result.decision == "step_back"


def test_walk_run_needs_criteria_rest_days_and_repeats() -> None:
    state = PlanState(programme_id=PROGRAMME.id)
    not_started = progress(LIBRARY, state, _good(0, kind="run"))
    assert not_started.decision == "hold" and "start criteria" in not_started.reason
    unchanged, missing = start_running(LIBRARY, state, {"brisk_walk_30_min": True})
    assert unchanged.running_stage_index is None and "single_leg_hops" in missing
    every = {c.id: True for c in LIBRARY.return_to_running.start_criteria}
    state, missing = start_running(LIBRARY, state, every)
    assert state.running_stage_index == 0 and missing == []
    first = progress(LIBRARY, state, _good(0, kind="run"))
    back_to_back = progress(LIBRARY, first.state, _good(1, kind="run"))
    assert back_to_back.decision == "hold" and "rest day" in back_to_back.reason
    second = progress(LIBRARY, back_to_back.state, _good(3, kind="run"))
    assert second.decision == "advance"
    assert second.state.running_stage_index == 1
    worse = progress(LIBRARY, second.state, _good(5, kind="run", pain_during_0_10=6))
    assert worse.decision == "step_back" and worse.state.running_stage_index == 0


def test_serious_symptom_pauses_the_plan_until_resumed() -> None:
    state = PlanState(programme_id=PROGRAMME.id)
    result = progress(LIBRARY, state, _good(1, new_symptoms=["calf_swelling"]))
    assert result.decision == "pause"
    assert result.level_of_care is Urgency.emergency
    later = progress(LIBRARY, result.state, _good(2))
    assert later.decision == "pause"
    assert progress(LIBRARY, resume(later.state), _good(3)).decision != "pause"


def test_no_improvement_after_two_weeks_asks_for_a_consultation() -> None:
    state = PlanState(programme_id=PROGRAMME.id)
    state = progress(LIBRARY, state, _good(0, pain_during_0_10=3)).state
    result = progress(LIBRARY, state, _good(15, pain_during_0_10=3))
    assert "not_better_in_2_weeks" in {r.id for r in result.review}
    assert result.level_of_care is Urgency.consultation
    assert result.decision != "advance"


def test_bad_input_is_reported() -> None:
    state = PlanState(programme_id=PROGRAMME.id, last_day=5)
    with pytest.raises(CaseInputError):
        progress(LIBRARY, state, _good(2))
    with pytest.raises(NotFoundError):
        progress(LIBRARY, PlanState(programme_id="nope"), _good(2))


def test_start_state_needs_a_programme() -> None:
    from runknee.api import Runknee

    api = Runknee(KB)
    plan = api.plan({"age_years": 30, "findings": {"pain_front_kneecap": "present"}})
    assert plan.programme is not None
    assert start_state(plan).programme_id == plan.programme.id
    urgent = api.plan({"age_years": 30, "findings": {"calf_swelling": "present"}})
    with pytest.raises(CaseInputError):
        start_state(urgent)


# --- properties ---------------------------------------------------------------------------

pain = st.integers(min_value=0, max_value=10)
states = st.builds(
    PlanState,
    programme_id=st.sampled_from([p.id for p in LIBRARY.programmes]),
    phase_index=st.integers(0, 3),
    phase_good_sessions=st.integers(0, 30),
    running_stage_index=st.none() | st.integers(0, len(LIBRARY.return_to_running.stages) - 1),
    running_good_sessions=st.integers(0, 5),
    baseline_morning_pain_0_10=st.integers(0, 4),
    week=st.just(0),
    week_peak_0_10=st.none() | pain,
    last_week_peak_0_10=st.none() | pain,
)


def _sessions(day: int = 10) -> st.SearchStrategy[LoggedSession]:
    return st.builds(
        LoggedSession,
        kind=st.sampled_from(["exercise", "run"]),
        day=st.integers(day, day + 20),
        exercises_done=st.lists(st.sampled_from(sorted(KB.exercises)), max_size=6),
        pain_during_0_10=pain,
        pain_after_0_10=pain,
        pain_next_morning_0_10=st.none() | pain,
        new_symptoms=st.lists(st.sampled_from(FINDINGS), max_size=3),
        exit_criteria_met=st.booleans(),
    )


@settings(max_examples=300, deadline=None)
@given(state=states, session=_sessions())
def test_a_session_that_breaks_the_pain_rule_never_advances(
    state: PlanState, session: LoggedSession
) -> None:
    worst = max(session.pain_during_0_10, session.pain_after_0_10)
    morning = session.pain_next_morning_0_10
    breaks = worst > RULE.acceptable_max_0_10 or (
        morning is not None and morning > state.baseline_morning_pain_0_10
    )
    result = progress(LIBRARY, state, session)
    if breaks:
        assert result.decision != "advance"
        assert result.state.phase_index <= state.phase_index
        before = state.running_stage_index if state.running_stage_index is not None else -1
        after = result.state.running_stage_index
        assert (after if after is not None else -1) <= before
    if judge_pain(LIBRARY, result.state, session) != "ok":
        assert result.decision != "advance"


@settings(max_examples=300, deadline=None)
@given(
    state=states,
    session=_sessions(),
    trigger_index=st.integers(0, len(TRIGGERS) - 1),
    choice=st.integers(0, 20),
)
def test_a_review_trigger_always_surfaces_its_level_of_care(
    state: PlanState, session: LoggedSession, trigger_index: int, choice: int
) -> None:
    trigger = TRIGGERS[trigger_index]
    assert trigger.when is not None
    examples = _examples(trigger.when)
    symptoms = sorted(examples[choice % len(examples)])
    escalated = session.model_copy(update={"new_symptoms": session.new_symptoms + symptoms})
    result = progress(LIBRARY, state, escalated)
    assert trigger.id in {r.id for r in result.review}
    assert result.level_of_care is not None
    assert result.level_of_care.rank >= trigger.level.rank
    if trigger.level.rank > Urgency.consultation.rank:
        assert result.decision == "pause"
    assert result.decision != "advance"


def test_facade_validates_progress_input() -> None:
    from runknee.api import Runknee

    api = Runknee(KB)
    state = {"programme_id": PROGRAMME.id}
    session = {"kind": "exercise", "day": 0, "pain_during_0_10": 2, "exercises_done": ["clamshell"]}
    assert api.progress(state, session).decision == "hold"
    with pytest.raises(CaseInputError) as info:
        api.progress(state, {**session, "new_symptoms": ["purple_knee"], "pain_during_0_10": 11})
    assert any(e.field.startswith("session.pain_during_0_10") for e in info.value.errors)
    with pytest.raises(CaseInputError) as info:
        api.progress(state, {**session, "new_symptoms": ["purple_knee"]})
    assert info.value.errors[0].field == "session.new_symptoms.purple_knee"
