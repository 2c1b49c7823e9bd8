"""Triage mechanics on the made-up knowledge base: when a rule fires, how sure, at what level.

Rules of ``tests/fixtures/kb/red_flags.yaml``: ``ambulance_rule`` (hot joint and chest pain),
``infection_rule`` (hot joint and fever; consultation within 24 hours on doubt alone),
``break_rule`` (an injury with a tender bone, or at 55 or older) and the amber
``long_pain_rule``.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from runknee.engine.assess import assess, decide_urgency, red_flag_findings
from runknee.engine.result import AssessmentResult, FiredRule
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import Urgency
from tests.engine.fixture_kb import case, fixture_kb


def _fired(result: AssessmentResult, rule_id: str) -> FiredRule:
    found = [rule for rule in result.red_flags if rule.id == rule_id]
    assert found, f"{rule_id} did not fire: {[rule.id for rule in result.red_flags]}"
    return found[0]


def test_definite_answers_fire_a_rule_for_certain_at_its_level(kb: KnowledgeBase) -> None:
    result = assess(kb, case(hot_joint="present", fever="present"))
    rule = _fired(result, "infection_rule")
    assert (rule.urgency, rule.unsure) == (Urgency.emergency, False)
    assert rule.findings == ["hot_joint", "fever"]
    assert result.urgency is Urgency.emergency
    assert "rule:infection_rule" in result.urgency_advice.reasons


def test_a_definite_no_keeps_a_rule_from_firing(kb: KnowledgeBase) -> None:
    result = assess(kb, case(hot_joint="present", fever="absent", chest_pain="absent"))
    assert {rule.id for rule in result.red_flags}.isdisjoint({"infection_rule", "ambulance_rule"})


def test_dont_know_beside_a_definite_yes_fires_unsure_at_the_rules_own_level(
    kb: KnowledgeBase,
) -> None:
    rule = _fired(assess(kb, case(hot_joint="present", fever="unknown")), "infection_rule")
    assert (rule.urgency, rule.unsure) == (Urgency.emergency, True)
    assert rule.findings == ["hot_joint", "fever"]  # the doubtful answer is named too


def test_dont_know_alone_fires_at_the_unsure_level(kb: KnowledgeBase) -> None:
    result = assess(kb, case(hot_joint="unknown", fever="unknown"))
    rule = _fired(result, "infection_rule")
    assert (rule.urgency, rule.unsure) == (Urgency.consultation_24, True)
    # an unanswered part is not a doubt: the chest-pain question keeps the ambulance rule quiet
    assert "ambulance_rule" not in {fired.id for fired in result.red_flags}


def test_an_ambulance_needs_every_part_answered_yes(kb: KnowledgeBase) -> None:
    beside_a_yes = assess(kb, case(hot_joint="present", chest_pain="unknown"))
    assert _fired(beside_a_yes, "ambulance_rule").urgency is Urgency.emergency
    assert beside_a_yes.urgency is Urgency.emergency
    certain = assess(kb, case(hot_joint="present", chest_pain="present"))
    rule = _fired(certain, "ambulance_rule")
    assert (rule.urgency, rule.unsure) == (Urgency.emergency_ambulance, False)
    assert certain.urgency is Urgency.emergency_ambulance


def test_an_alternative_with_an_age_fires_and_names_the_age(kb: KnowledgeBase) -> None:
    older = _fired(assess(kb, case(age=60, injury_event="present")), "break_rule")
    assert older.findings == ["injury_event", "age_years=60"]
    assert "break_rule" not in {
        rule.id for rule in assess(kb, case(age=40, injury_event="present")).red_flags
    }
    tender = _fired(assess(kb, case(age=40, bone_tender="present")), "break_rule")
    assert tender.unsure is False  # a tender bone implies the injury


def test_a_contradiction_is_reported_and_read_as_yes(kb: KnowledgeBase) -> None:
    result = assess(kb, case(injury_event="absent", bone_tender="present"))
    assert result.contradictions == [["bone_tender", "injury_event"]]
    assert _fired(result, "break_rule").unsure is True


def test_an_amber_rule_sends_to_a_routine_appointment(kb: KnowledgeBase) -> None:
    screened = {fid: "absent" for fid in ("injury_event", "hot_joint", "fever", "chest_pain")}
    plain = assess(kb, case(screened, front_pain="present", worse_stairs="present"))
    assert plain.urgency is Urgency.self_care
    long = assess(
        kb, case(screened, front_pain="present", worse_stairs="present", long_standing="present")
    )
    rule = _fired(long, "long_pain_rule")
    assert (rule.kind, rule.urgency) == ("amber", Urgency.consultation)
    assert long.urgency is Urgency.consultation
    assert long.urgency_advice.reasons == ["rule:long_pain_rule"]


def test_a_derived_finding_fires_its_rule(kb: KnowledgeBase) -> None:
    data = case(age=30)
    data = data.model_copy(update={"facts": data.facts.model_copy(update={"days_since_onset": 50})})
    assert "long_pain_rule" in {rule.id for rule in assess(kb, data).red_flags}


def test_open_warning_signs_list_their_questions_and_are_never_self_care(
    kb: KnowledgeBase,
) -> None:
    result = assess(kb, case(front_pain="present", worse_stairs="present"))
    open_rules = {rule.id: rule.questions for rule in result.open_red_flags}
    assert set(open_rules) == {"ambulance_rule", "infection_rule", "break_rule"}
    assert open_rules["infection_rule"] == ["hot_joint", "fever"]
    assert open_rules["break_rule"] == ["injury_event", "bone_tender"]
    assert result.conditions[0].id == "alpha_pain"  # a self-care condition leads...
    assert result.urgency is Urgency.consultation  # ...but open warning signs lift self care
    assert result.urgency_advice.reasons == ["open_warning_signs"]


def test_urgency_is_the_most_urgent_candidate_with_every_reason_at_that_level(
    kb: KnowledgeBase,
) -> None:
    result = assess(kb, case(hot_joint="present", fever="present", long_standing="present"))
    level, reasons = decide_urgency(kb, result.red_flags, [])
    assert level is Urgency.emergency
    assert reasons == ["rule:infection_rule"]
    assert decide_urgency(kb, [], []) == (Urgency.consultation, ["no_information"])
    ranking = [("alpha_pain", 0.5, Urgency.self_care), ("gamma_break", 0.3, Urgency.emergency)]
    assert decide_urgency(kb, [], [ranking]) == (
        Urgency.emergency,
        ["possible_serious_condition:gamma_break"],
    )
    below_threshold = [ranking[0], ("gamma_break", 0.1, Urgency.emergency)]
    assert decide_urgency(kb, [], [below_threshold]) == (
        Urgency.self_care,
        ["leading_condition:alpha_pain"],
    )


def test_a_likely_serious_condition_lifts_urgency_without_a_rule(kb: KnowledgeBase) -> None:
    # after an injury (bone not tender), swelling without front pain: beta_strain leads and
    # gamma_break (an emergency) reaches 18 %, above the 15 % that lifts urgency
    screened = {fid: "absent" for fid in ("bone_tender", "hot_joint", "fever", "chest_pain")}
    findings = {
        **screened,
        "injury_event": "present",
        "swelling": "present",
        "front_pain": "absent",
    }
    result = assess(kb, case(findings))
    assert not result.red_flags and not result.open_red_flags
    assert result.conditions[0].id == "beta_strain"
    gamma = next(c for c in result.conditions if c.id == "gamma_break")
    assert gamma.probability >= kb.settings.serious_condition_probability
    assert result.urgency is Urgency.emergency
    assert result.urgency_advice.reasons == ["possible_serious_condition:gamma_break"]


STATES = st.sampled_from(["present", "absent", "unknown"])


@settings(max_examples=200, deadline=None)
@given(
    answers=st.dictionaries(st.sampled_from(sorted(fixture_kb().findings)), STATES),
    age=st.one_of(st.none(), st.integers(min_value=8, max_value=90)),
    red=st.sampled_from(sorted(red_flag_findings(fixture_kb()))),
)
def test_a_yes_to_a_warning_sign_never_lowers_urgency(
    answers: dict[str, str], age: int | None, red: str
) -> None:
    kb = fixture_kb()
    before = assess(kb, case(answers, age=age)).urgency
    after = assess(kb, case({**answers, red: "present"}, age=age)).urgency
    assert after.rank >= before.rank
