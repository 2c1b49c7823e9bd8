"""Progression on dates: spacing between sessions, the phase's span of days, next-morning pain,
and replaying a whole diary of sessions in date order. Sequences are worked out by hand from
the kneecap programme's first phase: 6 good sessions, at least 2 days apart, spanning 11 days."""

from __future__ import annotations

from runknee.engine.progression import LoggedSession, PlanState, progress
from runknee.engine.replay import PlanEvent, fresh_state, replay
from runknee.knowledge.loader import default_knowledge_base

KB = default_knowledge_base()
assert KB.plans is not None
LIBRARY = KB.plans
PROGRAMME = next(p for p in LIBRARY.programmes if p.id == "kneecap_hip_and_knee")
PHASE = PROGRAMME.phases[0]
START = PlanState(programme_id=PROGRAMME.id)


def _session(day: int, morning: int | None = 0, **extra: object) -> LoggedSession:
    data: dict[str, object] = {
        "kind": "exercise",
        "day": day,
        "exercises_done": list(PHASE.exercises[:2]),
        "pain_during_0_10": 2,
        "pain_after_0_10": 1,
        "pain_next_morning_0_10": morning,
        "exit_criteria_met": True,
    }
    data.update(extra)
    return LoggedSession.model_validate(data)


def _run(days: list[int]) -> list[tuple[str, int, str]]:
    state = START
    out: list[tuple[str, int, str]] = []
    for day in days:
        result = progress(LIBRARY, state, _session(day))
        state = result.state
        out.append((result.decision, state.phase_good_sessions, result.reason))
    return out


def test_the_phase_timing_is_the_one_these_sequences_assume() -> None:
    assert (PHASE.min_sessions, PHASE.timing.min_days_between_sessions) == (6, 2)
    assert PHASE.timing.min_span_days == 11


def test_a_second_session_the_same_day_is_logged_but_does_not_count() -> None:
    steps = _run([0, 0, 1, 3])
    assert [(d, good) for d, good, _ in steps] == [
        ("hold", 1),
        ("hold", 1),  # same day: not counted
        ("hold", 1),  # one day later: still too soon for a 2-day spacing
        ("hold", 2),  # two days after the last session (day 1): counts
    ]
    assert "the same day as your last exercise session" in steps[1][2]
    assert "1 day after" in steps[2][2] and "at least 2 days between" in steps[2][2]


def test_a_too_soon_session_still_resets_the_spacing() -> None:
    # Day 3 comes only one day after day 2, so day 4 is again too soon after day 3.
    steps = _run([0, 2, 3, 4, 6])
    assert [good for _, good, _ in steps] == [1, 2, 2, 2, 3]


def test_enough_sessions_but_not_yet_the_span_holds_until_the_span_is_reached() -> None:
    # Every other day: six good sessions by day 10, but they span 10 days, not 11.
    steps = _run([0, 2, 4, 6, 8, 10, 12])
    assert [d for d, _, _ in steps[:6]] == ["hold"] * 6
    assert "must span 11 days and yours span 10 so far" in steps[5][2]
    assert steps[6][0] == "advance"  # day 12: 7 good sessions over 12 days


def test_next_morning_pain_added_later_turns_a_waiting_session_into_a_step_back() -> None:
    before = [_session(0), _session(2), _session(4, morning=None)]
    waiting = replay(LIBRARY, START, before)
    last = waiting.steps[-1].progress
    assert last is not None and last.pain_verdict == "pending" and last.decision == "hold"
    assert waiting.state.phase_good_sessions == 2
    # The next day the runner adds the morning pain: 3/10, worse than their usual 0.
    after = [*before[:2], _session(4, morning=3)]
    edited = replay(LIBRARY, START, after)
    last = edited.steps[-1].progress
    assert last is not None and (last.pain_verdict, last.decision) == ("not_settled", "step_back")
    assert edited.state.phase_good_sessions == 0
    # The same morning pain as usual: the session counts.
    settled = replay(LIBRARY, START, [*before[:2], _session(4, morning=0)])
    assert settled.state.phase_good_sessions == 3


def test_replay_applies_sessions_in_date_order_whatever_order_they_were_logged() -> None:
    logged = [_session(4), _session(0), _session(2)]  # day 0 and 2 entered afterwards
    result = replay(LIBRARY, START, logged)
    assert [step.index for step in result.steps] == [1, 2, 0]
    assert result.state.phase_good_sessions == 3
    assert result.state.last_day == 4


def test_deleting_a_session_can_make_a_later_one_count() -> None:
    with_extra = [_session(0), _session(1), _session(2)]
    assert replay(LIBRARY, START, with_extra).state.phase_good_sessions == 1
    without = [with_extra[0], with_extra[2]]
    assert replay(LIBRARY, START, without).state.phase_good_sessions == 2


def test_events_replay_in_their_place() -> None:
    run = _session(3, kind="run", exercises_done=[])
    before_start = replay(LIBRARY, START, [run, PlanEvent(kind="start_running", day=5)])
    assert before_start.steps[0].progress is not None
    assert "has not started" in before_start.steps[0].progress.reason
    started = replay(LIBRARY, START, [PlanEvent(kind="start_running", day=1), run])
    assert started.state.running_stage_index == 0
    assert started.state.running_good_sessions == 1


def test_fresh_state_keeps_only_the_programme_and_the_baseline() -> None:
    moved = START.model_copy(
        update={"phase_index": 2, "baseline_morning_pain_0_10": 2, "last_day": 9}
    )
    assert fresh_state(moved) == PlanState(programme_id=PROGRAMME.id, baseline_morning_pain_0_10=2)
