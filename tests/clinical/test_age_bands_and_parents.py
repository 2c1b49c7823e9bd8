"""Priors by age band (a 5-9 band; injury priors by age) and parent ids of split conditions."""

from __future__ import annotations

from runknee.api import Runknee
from runknee.engine.scoring import _age_bands
from runknee.knowledge.loader import default_knowledge_base


def test_ages_five_to_nine_use_their_own_band() -> None:
    assert _age_bands(5) == ["age_5_9"]
    assert _age_bands(9) == ["age_5_9"]
    assert _age_bands(10) == ["age_10_17"]


def test_growth_plate_conditions_do_not_lead_after_an_injury_in_an_adult(api: Runknee) -> None:
    result = api.assess({"age_years": 45, "findings": {"injury_event": "present"}})
    top_three = [condition.id for condition in result.conditions[:3]]
    assert "osgood_schlatter" not in top_three
    assert "sinding_larsen_johansson" not in top_three


def test_young_child_with_a_limp_ranks_a_childhood_hip_problem_first(api: Runknee) -> None:
    result = api.assess({"age_years": 6, "findings": {"limp": "present", "injury_event": "absent"}})
    assert result.conditions[0].id == "childhood_hip_disorder"
    assert result.conditions[0].parent == "hip_referred_pain"


def test_split_conditions_name_their_parent_in_results(api: Runknee) -> None:
    kb = default_knowledge_base()
    children = {cid for cid, c in kb.conditions.items() if c.parent == "hip_referred_pain"}
    assert children == {
        "slipped_upper_femoral_epiphysis",
        "childhood_hip_disorder",
        "femoral_neck_stress_fracture",
    }
    result = api.assess(
        {
            "age_years": 13,
            "findings": {
                "pain_hip_groin_thigh": "present",
                "limp": "present",
                "overweight": "present",
            },
        }
    )
    first = result.conditions[0]
    assert first.id == "slipped_upper_femoral_epiphysis"
    assert first.parent == "hip_referred_pain"
    assert all(c.parent is None for c in result.conditions if c.id == "hip_referred_pain")


def test_tendon_rupture_has_its_own_emergency_condition(api: Runknee) -> None:
    result = api.assess(
        {
            "age_years": 52,
            "findings": {
                "injury_event": "present",
                "cannot_straight_leg_raise": "present",
                "pain_above_kneecap": "present",
                "swelling": "present",
            },
        }
    )
    assert result.conditions[0].id == "extensor_mechanism_rupture"
    assert result.urgency.value == "emergency"
