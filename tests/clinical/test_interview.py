"""Next-question selection: basics, then the urgency screen, then information gain; and stopping."""

from __future__ import annotations

from runknee.api import Runknee
from runknee.engine.case import Case, State
from runknee.evaluation.harness import simulate_interview
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.loader import default_knowledge_base


def test_asks_age_then_sex_first(api: Runknee) -> None:
    assert api.next_question({}).id == "age_years"
    assert api.next_question({"age_years": 30}).id == "sex"
    assert api.next_question({"age_years": 30, "declined": ["sex"]}).stage == "urgency_screen"


def test_warning_signs_are_screened_before_the_differential(api: Runknee) -> None:
    step = api.next_question({"age_years": 30, "sex": "male"})
    assert step.stage == "urgency_screen"
    assert step.id == "injury_event"
    assert step.reason


def test_screen_skips_questions_that_cannot_matter(api: Runknee) -> None:
    kb = default_knowledge_base()
    case = Case(age_years=30, sex="female")
    asked = []
    for _ in range(40):
        step = api.next_question(case)
        if step.stage != "urgency_screen" or step.id is None:
            break
        asked.append(step.id)
        case = case.with_answer(step.id, State.absent)
    # no injury: the Ottawa self-checks and the adolescent limp question are never asked
    assert "tender_kneecap" not in asked
    assert "limp" not in asked
    assert asked, "the screen asked nothing"
    assert set(asked) <= _rule_questions_and_gates(kb, {"red"})


def _rule_questions_and_gates(kb: KnowledgeBase, kinds: set[str], min_rank: int = 0) -> set[str]:
    """Findings of the rules of ``kinds`` (at or above ``min_rank``) and the gates of those."""
    from runknee.knowledge.expressions import expression_findings

    ids = {
        fid
        for rule in kb.rules
        if rule.kind in kinds and rule.urgency.rank >= min_rank
        for fid in expression_findings(rule.when)
    }
    asked_when = [kb.findings[fid].ask_when for fid in ids]
    gates = {gate for when in asked_when if when is not None for gate in expression_findings(when)}
    return ids | gates


def _screen_walk(api: Runknee, case: Case, answers: dict[str, State]) -> tuple[list[str], Case]:
    """Answer the urgency screen from ``answers`` (no for anything else); return what was asked."""
    asked: list[str] = []
    for _ in range(60):
        step = api.next_question(case)
        if step.stage != "urgency_screen" or step.id is None:
            break
        asked.append(step.id)
        case = case.with_answer(step.id, answers.get(step.id, State.absent))
    return asked, case


def test_screen_completes_a_rule_whose_screening_part_points_to_it(api: Runknee) -> None:
    kb = default_knowledge_base()
    start = Case(age_years=24, sex="female")
    asked, case = _screen_walk(
        api, start, {"pain_on_hopping": State.present, "load_spike": State.present}
    )
    # hopping hurts: the bone-stress rule's training question is asked after the hopping
    # question that points to the rule (every red-rule question is now a warning-sign question,
    # issue 7; the rule lists its gating questions first), and a yes fires the warning sign
    assert "load_spike" in asked
    assert asked.index("pain_on_hopping") < asked.index("load_spike")
    assert kb.findings["load_spike"].urgency_screen
    result = api.assess(case)
    assert "bone_stress_warning" in {rule.id for rule in result.red_flags}
    assert result.urgency.value == "consultation_24"


def test_screen_asks_only_what_changes_whether_the_rule_fires(api: Runknee) -> None:
    # hopping pain and a tender spot on the shin bone fire the bone-stress rule, so its other
    # questions (a jump in training, a new runner, eating too little) are no longer asked there
    asked, _ = _screen_walk(
        api,
        Case(age_years=24, sex="female"),
        {"pain_on_hopping": State.present, "tender_inner_shin_spot": State.present},
    )
    assert {"pain_on_hopping", "tender_inner_shin_spot"} <= set(asked)
    assert not {"load_spike", "new_to_running", "low_energy_signs"} & set(asked)


def test_an_emergency_answer_leaves_only_the_ambulance_questions(api: Runknee) -> None:
    kb = default_knowledge_base()
    start = Case(age_years=30, sex="male", findings={"kneecap_out_now": State.present})
    asked, _ = _screen_walk(api, start, {})
    # only a more urgent rule (call an ambulance) can still change what to do now
    assert set(asked) <= _rule_questions_and_gates(kb, {"red"}, min_rank=4)
    assert asked, "the ambulance questions were not asked"
    assert "swelling" not in asked and "pain_on_hopping" not in asked


def test_differential_question_has_information_gain_and_the_interview_stops(api: Runknee) -> None:
    kb = default_knowledge_base()
    full = Case(
        age_years=25,
        sex="female",
        findings={
            "injury_event": State.absent,
            "pain_front_kneecap": State.present,
            "worse_squatting": State.present,
            "worse_stairs_down": State.present,
        },
    )
    screened, case = _screen_walk(api, Case(age_years=25, sex="female"), {})
    step = api.next_question(case)
    assert screened and step.stage == "differential"
    assert step.expected_information_gain_bits is not None
    assert step.expected_information_gain_bits > kb.settings.stop_when_information_gain_below_bits
    asked, collected = simulate_interview(kb, full, State.absent)
    limit = kb.settings.max_questions + kb.settings.max_factor_questions + len(screened) + 2
    assert asked <= limit
    result = api.assess(collected)
    assert result.conditions[0].id == "patellofemoral_pain"


def test_interview_never_asks_the_same_question_twice(api: Runknee) -> None:
    case = Case(age_years=40, sex="male")
    seen: set[str] = set()
    for _ in range(60):
        step = api.next_question(case)
        if step.should_stop or step.id is None:
            break
        assert step.id not in seen
        seen.add(step.id)
        case = case.with_answer(step.id, State.unknown)
    else:
        raise AssertionError("interview did not stop")
