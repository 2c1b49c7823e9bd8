"""The core interview object: answers as finding states, order, change and replay, help, extras."""

from __future__ import annotations

import pytest

from runknee.engine.case import Case, State
from runknee.engine.interview_session import Interview, InterviewStateError, parse_answer
from runknee.errors import CaseInputError
from runknee.knowledge.loader import default_knowledge_base

KB = default_knowledge_base()


def _answer_current(interview: Interview, raw: str) -> Interview:
    question = interview.current().question
    assert question.id is not None and not question.should_stop
    return interview.answer(question.id, raw)


def test_answers_are_stored_as_finding_states_in_the_order_asked() -> None:
    interview = Interview(KB)
    for raw in ("34", "female", "no", "yes"):
        interview = _answer_current(interview, raw)
    steps = interview.state.steps
    assert steps[:3] == ["age_years", "sex", "injury_event"]
    assert interview.state.answers["injury_event"] == "absent"
    assert interview.state.answers[steps[3]] == "present"
    assert interview.case.findings["injury_event"] is State.absent


def test_changing_an_earlier_answer_replays_and_drops_questions_no_longer_asked() -> None:
    interview = Interview(KB)
    for raw in ("34", "female", "yes"):  # an injury: the injury questions follow
        interview = _answer_current(interview, raw)
    injury_question = interview.current().question.id
    interview = _answer_current(interview, "no")
    assert injury_question in interview.state.steps
    changed = interview.answer("injury_event", "no")
    assert injury_question not in changed.state.steps  # no longer asked ...
    assert changed.state.answers[injury_question] == "absent"  # ... but kept if changed back
    back = changed.answer("injury_event", "yes")
    assert injury_question in back.state.steps


def test_a_question_not_being_asked_cannot_be_answered() -> None:
    with pytest.raises(CaseInputError):
        Interview(KB).answer("tender_kneecap", "yes")


def test_dont_know_to_a_self_check_first_shows_the_help() -> None:
    interview = Interview(KB)
    for raw in ("30", "male", "yes"):
        interview = _answer_current(interview, raw)
    while interview.current().question.id != "cannot_bend_90":
        interview = _answer_current(interview, "no")
    helped = interview.answer("cannot_bend_90", "unknown")
    assert "cannot_bend_90" not in helped.state.steps
    assert helped.current().show_how_to_check
    recorded = helped.answer("cannot_bend_90", "unknown")
    assert recorded.state.answers["cannot_bend_90"] == "unknown"


def test_letters_from_older_drafts_are_read_as_states() -> None:
    interview = Interview.from_stored(KB, {"age_years": 30, "sex": "male", "injury_event": "n"})
    assert interview.state.steps == ["age_years", "sex", "injury_event"]
    assert interview.case.findings["injury_event"] is State.absent


@pytest.mark.parametrize(
    "stored",
    [
        {"answers": {"age_years": 3}, "steps": ["age_years"]},
        {"answers": {"no_such_question": "present"}, "steps": []},
        {"answers": {"injury_event": "maybe"}, "steps": ["injury_event"]},
        {"answers": {}, "steps": ["injury_event"]},
        {"answers": {"age_years": 30}, "steps": ["age_years", "age_years"]},
        {"answers": {}, "steps": [], "extra_key": 1},
        "not a dict",
    ],
)
def test_damaged_stored_interviews_are_refused(stored: object) -> None:
    with pytest.raises(InterviewStateError):
        Interview.from_stored(KB, stored)


def test_carrying_on_from_a_case_asks_what_is_still_open() -> None:
    case = Case(age_years=24, sex="female", findings={"pain_front_kneecap": State.present})
    interview = Interview.from_case(KB, case)
    question = interview.current().question
    assert question.stage == "urgency_screen"
    assert interview.state.answers["pain_front_kneecap"] == "present"


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("age_years", "5", 5),
        ("age_years", "110", 110),
        ("sex", "male", "male"),
        ("finding", "unknown", "unknown"),
        ("age_years", "declined", "declined"),
    ],
)
def test_answers_within_bounds_are_accepted(kind: str, raw: str, expected: object) -> None:
    assert parse_answer(kind, raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("age_years", "4"),
        ("age_years", "111"),
        ("age_years", "²"),
        ("age_years", "1" * 400),
        ("sex", "other"),
        ("finding", "y"),
    ],
)
def test_answers_out_of_bounds_are_refused(kind: str, raw: str) -> None:
    with pytest.raises(CaseInputError):
        parse_answer(kind, raw)


def test_the_assessment_and_next_question_match_the_engine_in_either_order() -> None:
    """Sharing one groundwork changes nothing: both agree with the engine's own answers, at
    every step and whichever is asked first."""
    from runknee.engine.assess import assess
    from runknee.engine.interview import next_question

    interview = Interview(KB)
    for raw in ("34", "female", "no", "yes", "no", "unknown", "no"):
        for result_first in (True, False):
            fresh = Interview(KB, interview.state)
            if result_first:
                result, prompt = fresh.assessment(), fresh.current()
            else:
                prompt, result = fresh.current(), fresh.assessment()
            assert result == assess(KB, interview.case)
            assert prompt.question == next_question(KB, interview.case)
        interview = _answer_current(interview, raw)
