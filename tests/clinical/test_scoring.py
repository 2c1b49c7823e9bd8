"""The differential: ranked, normalised, deterministic, moved by evidence in the right direction."""

from __future__ import annotations

import math

import pytest

from runknee.api import Runknee
from runknee.engine.case import State
from runknee.engine.scoring import log_scores, normalise, present_log_ratios
from runknee.knowledge.loader import default_knowledge_base

PFP_CASE = {
    "age_years": 24,
    "sex": "female",
    "findings": {
        "injury_event": "absent",
        "pain_front_kneecap": "present",
        "worse_squatting": "present",
        "worse_stairs_down": "present",
        "worse_prolonged_sitting": "present",
    },
}


def test_ranked_list_has_at_most_five_conditions_in_descending_order(api: Runknee) -> None:
    result = api.assess(PFP_CASE)
    probabilities = [c.probability for c in result.conditions]
    assert 1 <= len(probabilities) <= 5
    assert probabilities == sorted(probabilities, reverse=True)
    assert sum(probabilities) <= 1.0001


def test_typical_kneecap_pain_leads_with_patellofemoral_pain(api: Runknee) -> None:
    result = api.assess(PFP_CASE)
    top = result.conditions[0]
    assert top.id == "patellofemoral_pain"
    assert {e.finding for e in top.supporting} >= {"pain_front_kneecap", "worse_squatting"}
    assert all(e.sources for e in top.supporting)


def test_same_case_gives_the_same_result(api: Runknee) -> None:
    assert api.assess(PFP_CASE).model_dump() == api.assess(PFP_CASE).model_dump()


def test_supporting_finding_raises_and_conflicting_finding_lowers_probability(api: Runknee) -> None:
    def itbs(findings: dict[str, str]) -> float:
        explanation = api.explain(
            {"age_years": 30, "findings": findings}, "iliotibial_band_syndrome"
        )
        return explanation.assessment.probability

    base = {"injury_event": "absent"}
    assert itbs({**base, "pain_outer_side": "present"}) > itbs(base)
    assert itbs({**base, "pain_outer_side": "absent"}) < itbs(base)


def test_unknown_is_never_treated_as_absent(api: Runknee) -> None:
    silent = api.assess({"age_years": 30, "findings": {"injury_event": "absent"}})
    unknown = api.assess(
        {"age_years": 30, "findings": {"injury_event": "absent", "pain_outer_side": "unknown"}}
    )
    absent = api.assess(
        {"age_years": 30, "findings": {"injury_event": "absent", "pain_outer_side": "absent"}}
    )
    assert silent.conditions == unknown.conditions
    assert silent.conditions != absent.conditions


def test_adolescent_bump_below_kneecap_points_to_osgood_schlatter(api: Runknee) -> None:
    result = api.assess(
        {
            "age_years": 12,
            "sex": "male",
            "findings": {
                "injury_event": "absent",
                "bump_below_kneecap": "present",
                "worse_kneeling": "present",
            },
        }
    )
    assert result.conditions[0].id == "osgood_schlatter"


def test_explain_reports_rank_and_likelihood_ratios(api: Runknee) -> None:
    explanation = api.explain(PFP_CASE, "osteoarthritis")
    assert explanation.rank > 1
    for evidence in explanation.assessment.supporting + explanation.assessment.conflicting:
        assert evidence.likelihood_ratio > 0 and not math.isinf(evidence.likelihood_ratio)


def test_contributing_factors_follow_the_answers(api: Runknee) -> None:
    with_spike = api.assess({"findings": {"load_spike": "present", "overstriding": "present"}})
    ids = {factor.id for factor in with_spike.contributing_factors}
    assert {"training_load_jump", "overstriding"} <= ids
    without = api.assess({"findings": {"load_spike": "absent"}})
    assert "training_load_jump" not in {f.id for f in without.contributing_factors}


def test_weekly_distance_change_fact_derives_the_load_spike(api: Runknee) -> None:
    result = api.assess({"facts": {"weekly_distance_change_pct": 45}})
    assert "training_load_jump" in {factor.id for factor in result.contributing_factors}


def test_a_yes_adds_its_present_log_ratios_to_every_condition(api: Runknee) -> None:
    # the urgency part relies on this shortcut to weigh each warning sign on its own
    kb = default_knowledge_base()
    case = api.case(PFP_CASE)
    base = dict(case.findings)
    for finding_id in ("pain_on_hopping", "calf_swelling", "hot_red_knee", "locking"):
        with_yes = log_scores(kb, case, {**base, finding_id: State.present})
        shortcut = [
            log + added
            for log, added in zip(
                log_scores(kb, case, base), present_log_ratios(kb, finding_id), strict=True
            )
        ]
        assert with_yes == pytest.approx(shortcut)
        assert normalise(with_yes) != pytest.approx(normalise(log_scores(kb, case, base)))
    with pytest.raises(ValueError, match="injury_event"):
        present_log_ratios(kb, "injury_event")
