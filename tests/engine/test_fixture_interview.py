"""Interview mechanics on the made-up knowledge base: basics, the warning-sign screen, the
differential, the factor and see-someone questions, and stopping."""

from __future__ import annotations

import math

import pytest

from runknee.engine.assess import assess
from runknee.engine.case import Case, State
from runknee.engine.findings import resolve_findings
from runknee.engine.interview import NextQuestion, next_question
from runknee.engine.scoring import posterior
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import Urgency
from tests.engine.fixture_kb import case

BASICS = Case(age_years=30, sex="female")


def _walk(
    kb: KnowledgeBase, answers: dict[str, State], start: Case = BASICS
) -> tuple[list[NextQuestion], Case]:
    """Answer from ``answers`` (no to anything else) until the interview stops."""
    steps: list[NextQuestion] = []
    current = start
    for _ in range(40):
        step = next_question(kb, current)
        steps.append(step)
        if step.should_stop:
            return steps, current
        assert step.id is not None and step.kind == "finding"
        current = current.with_answer(step.id, answers.get(step.id, State.absent))
    raise AssertionError("the interview did not stop")


def _asked(steps: list[NextQuestion], stage: str | None = None) -> list[str]:
    return [s.id for s in steps if s.id is not None and stage in (None, s.stage)]


def test_age_and_sex_come_first(kb: KnowledgeBase) -> None:
    assert next_question(kb, Case()).id == "age_years"
    assert next_question(kb, Case(age_years=30)).id == "sex"
    declined = next_question(kb, Case(age_years=30, declined=["sex"]))
    assert declined.stage == "urgency_screen"


def test_the_most_urgent_rule_is_screened_first(kb: KnowledgeBase) -> None:
    step = next_question(kb, BASICS)
    assert (step.stage, step.id) == ("urgency_screen", "hot_joint")
    assert step.reason.startswith("Checking a warning sign (Hot joint with chest pain).")
    assert step.questions_answered == 2


def test_a_yes_leads_on_to_the_rest_of_the_rule(kb: KnowledgeBase) -> None:
    steps, _ = _walk(kb, {"hot_joint": State.present})
    assert _asked(steps, "urgency_screen")[:3] == ["hot_joint", "chest_pain", "fever"]


def test_a_gated_question_waits_for_its_gate(kb: KnowledgeBase) -> None:
    after_injury, _ = _walk(kb, {"injury_event": State.present})
    screened = _asked(after_injury, "urgency_screen")
    assert screened.index("injury_event") < screened.index("bone_tender")
    no_injury, _ = _walk(kb, {})
    assert _asked(no_injury, "urgency_screen") == ["hot_joint", "injury_event"]
    assert "bone_tender" not in _asked(no_injury)  # only asked after an injury


def test_once_a_rule_fires_only_more_urgent_rules_are_screened(kb: KnowledgeBase) -> None:
    steps, _ = _walk(kb, {"hot_joint": State.present, "fever": State.present})
    # the infection rule (emergency) fired: the ambulance rule is still worth asking, the
    # break rule (emergency too) is not
    assert _asked(steps, "urgency_screen") == ["hot_joint", "chest_pain", "fever"]
    assert "bone_tender" not in _asked(steps)


def test_dont_know_does_not_end_the_screen(kb: KnowledgeBase) -> None:
    # A "don't know" to the hot joint leaves both of its rules able to fire on doubt beside a
    # definite yes (the rule's own level, the ambulance capped at emergency): their other
    # questions are still asked, then the screen goes on.
    steps, _ = _walk(kb, {"hot_joint": State.unknown})
    assert _asked(steps, "urgency_screen") == ["hot_joint", "chest_pain", "fever", "injury_event"]


def test_a_yes_beside_a_dont_know_gives_the_rules_own_level(kb: KnowledgeBase) -> None:
    answers = {"hot_joint": State.unknown, "fever": State.present}
    steps, end = _walk(kb, answers)
    assert "fever" in _asked(steps, "urgency_screen")
    result = assess(kb, end)
    assert result.urgency is Urgency.emergency and result.open_red_flags == []
    fired = {rule.id: (rule.urgency, rule.unsure) for rule in result.red_flags}
    assert fired["infection_rule"] == (Urgency.emergency, True)


def test_once_a_doubt_raised_the_result_rules_that_cannot_go_higher_ask_no_more(
    kb: KnowledgeBase,
) -> None:
    answers = {"hot_joint": State.unknown, "chest_pain": State.present}
    steps, end = _walk(kb, answers)
    screened = _asked(steps, "urgency_screen")
    # the ambulance rule fired on doubt (emergency, as an ambulance needs every part certain);
    # a yes to fever could not take the result higher, so it is not asked
    assert screened[:2] == ["hot_joint", "chest_pain"] and "fever" not in screened
    assert assess(kb, end).urgency is Urgency.emergency


def test_an_open_doubtful_rule_is_listed_and_keeps_the_result_off_self_care(
    kb: KnowledgeBase,
) -> None:
    result = assess(kb, BASICS.with_answer("hot_joint", State.unknown))
    still_open = {rule.id: (rule.urgency, rule.questions) for rule in result.open_red_flags}
    assert still_open["infection_rule"] == (Urgency.emergency, ["fever"])
    assert still_open["ambulance_rule"] == (Urgency.emergency, ["chest_pain"])
    assert result.urgency is not Urgency.self_care


def test_the_differential_asks_the_most_informative_question(kb: KnowledgeBase) -> None:
    screened = case(hot_joint="absent", injury_event="absent")
    step = next_question(kb, screened)
    assert (step.stage, step.id) == ("differential", "front_pain")
    # expected entropy reduction of a yes/no to front pain (P(yes) = 0.9, 0.2, 0.1)
    current = posterior(kb, screened, resolve_findings(kb, screened))
    given_yes = [0.9, 0.2, 0.1]
    yes = [p * q for p, q in zip(current, given_yes, strict=True)]
    p_yes = sum(yes)
    no = [p - y for p, y in zip(current, yes, strict=True)]

    def entropy(weights: list[float]) -> float:
        total = sum(weights)
        return -sum(w / total * math.log2(w / total) for w in weights if w > 0)

    gain = entropy(current) - p_yes * entropy(yes) - (1 - p_yes) * entropy(no)
    assert step.expected_information_gain_bits == pytest.approx(gain, abs=1e-3)  # rounded
    assert gain > kb.settings.stop_when_information_gain_below_bits


def test_factor_and_see_someone_questions_follow_the_differential(kb: KnowledgeBase) -> None:
    kneecap = {"front_pain": State.present, "worse_stairs": State.present}
    steps, _ = _walk(kb, kneecap)
    assert _asked(steps, "factors") == ["load_spike"]  # the factor of the leading alpha_pain
    assert _asked(steps, "see_someone") == ["long_standing"]  # could lift self care


def test_the_interview_stops_without_repeating_and_offers_the_rest(kb: KnowledgeBase) -> None:
    steps, final = _walk(kb, {})
    asked = _asked(steps)
    assert len(asked) == len(set(asked))
    last = steps[-1]
    assert (last.should_stop, last.stage, last.id) == (True, "done", None)
    assert last.more_questions and not set(last.more_questions) & set(asked)
    assert last.questions_answered == 2 + len(asked)
    assert set(final.findings) == set(asked)
