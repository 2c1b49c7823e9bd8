"""Safety questions asked without a double negative keep the finding's meaning (issue 12):
"Can you bend the knee to a right angle?" - "no" stores cannot_bend_90 as present."""

from __future__ import annotations

from runknee.engine.interview_session import Interview
from runknee.knowledge.loader import default_knowledge_base

KB = default_knowledge_base()


def _at(question_id: str) -> Interview:
    """An interview whose next question is ``question_id`` (after an injury, age 30)."""
    interview = Interview(KB)
    interview = interview.answer("age_years", "30").answer("sex", "female")
    for _ in range(60):
        current = interview.current().question
        assert not current.should_stop and current.id is not None
        if current.id == question_id:
            return interview
        if current.id == "injury_event":
            interview = interview.answer(current.id, "yes")
        else:
            interview = interview.answer(
                current.id, "no" if not interview.positive(current.id) else "yes"
            )
    raise AssertionError(f"{question_id} was never asked")


def test_the_safety_self_checks_are_asked_positively() -> None:
    for finding_id in ("cannot_bend_90", "cannot_walk_4_steps_now", "cannot_straight_leg_raise"):
        finding = KB.findings[finding_id]
        assert finding.question_positive is not None
        assert (
            "unable" not in finding.question_positive and "cannot" not in finding.question_positive
        )


def test_no_to_the_positive_question_stores_the_finding_present() -> None:
    interview = _at("cannot_bend_90")
    assert interview.current().question.text == "Can you bend the knee to a right angle?"
    answered = interview.answer("cannot_bend_90", "no")
    assert answered.case.findings["cannot_bend_90"].value == "present"
    step = answered.steps()[-1]
    assert step.text == "Can you bend the knee to a right angle?" and step.answer == "absent"
    # "absent" here is what the runner chose, read back: the "no" button (see shown_answer)
    assert answered.shown_answer("cannot_bend_90") == "absent"


def test_yes_to_the_positive_question_stores_the_finding_absent() -> None:
    answered = _at("cannot_bend_90").answer("cannot_bend_90", "yes")
    assert answered.case.findings["cannot_bend_90"].value == "absent"
    assert answered.shown_answer("cannot_bend_90") == "present"


def test_state_words_and_dont_know_are_not_turned_round() -> None:
    interview = _at("cannot_bend_90")
    assert (
        interview.answer("cannot_bend_90", "present").case.findings["cannot_bend_90"].value
        == "present"
    )
    unsure = interview.answer("cannot_bend_90", "unknown").answer("cannot_bend_90", "unknown")
    assert unsure.case.findings["cannot_bend_90"].value == "unknown"


def test_how_to_check_says_which_answer_matters() -> None:
    text = KB.findings["cannot_bend_90"].how_to_check or ""
    assert "answer no" in text and "answer yes" not in text


def test_two_position_figures_say_which_is_the_start() -> None:
    from runknee.drawing.exercises import render_exercise

    for exercise_id in ("clamshell", "side_lying_leg_raise", "side_plank"):
        svg = render_exercise(KB.exercises[exercise_id])
        assert "Faint = start, dark = end" in svg or "1. Start" in svg


def test_side_lying_figures_prop_the_head_on_the_hand() -> None:
    """Drawn lying on the side (head propped on the lower hand), not flat on the back."""
    for exercise_id in ("clamshell", "side_lying_leg_raise"):
        pose = KB.exercises[exercise_id].pose
        assert pose is not None
        for position in pose.positions:
            joints = position.joints
            assert joints["head"][1] > joints["hip"][1] + 8  # head raised
            assert joints["elbow_l"][1] < joints["shoulder"][1]  # elbow down on the floor
    side_plank = KB.exercises["side_plank"].pose
    assert side_plank is not None
    for position in side_plank.positions:  # knees bent: the feet are off the floor behind
        assert position.joints["ankle_l"][1] > position.joints["knee_l"][1] + 5
