"""Care plans: chosen for the likely condition, limited while waiting to be seen, all from data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from runknee.api import Runknee
from runknee.engine.case import parse_case
from runknee.engine.plan import build_plan, choose_programme, is_limited, stage_text
from runknee.engine.result import RankedCondition
from runknee.knowledge.loader import default_knowledge_base
from runknee.knowledge.models import Urgency

DEV_CASES = Path(__file__).parent.parent / "eval" / "dev_cases.jsonl"
CASES = {row["id"]: row for row in map(json.loads, DEV_CASES.read_text().splitlines()) if row}


def _case(case_id: str) -> dict[str, Any]:
    case: dict[str, Any] = CASES[case_id]["case"]
    return case


@pytest.mark.parametrize(
    ("case_id", "programme", "first_phase"),
    [
        ("d03", "kneecap_hip_and_knee", "settle"),
        ("d08", "outer_knee_hip_and_load", "calm"),
        ("d15", "tendon_loading", "isometric"),
        ("d31", "knee_oa_strength", "start"),
        ("d43", "general_knee", "gentle"),
    ],
)
def test_programme_follows_the_leading_condition(
    api: Runknee, case_id: str, programme: str, first_phase: str
) -> None:
    plan = api.plan(_case(case_id))
    assert plan.programme is not None
    assert plan.programme.id == programme
    assert plan.programme.phases[0].id == first_phase
    assert not plan.limited
    assert plan.return_to_running is not None
    assert plan.return_to_running.mode == "self_guided"
    assert len(plan.return_to_running.stages) >= 6


def test_tendon_programme_goes_isometric_isotonic_energy_storage(api: Runknee) -> None:
    plan = api.plan(_case("d15"))
    assert plan.programme is not None
    phases = [phase.id for phase in plan.programme.phases]
    assert phases[:3] == ["isometric", "isotonic", "energy_storage"]
    stages = {
        phase.id: {api.exercise(e.id).loading_stage for e in phase.exercises}
        for phase in plan.programme.phases
    }
    assert "isometric" in stages["isometric"]
    assert "isotonic" in stages["isotonic"]
    assert "energy_storage" in stages["energy_storage"]


@pytest.mark.parametrize("case_id", ["d22", "d27", "d24", "d41"])
def test_urgent_cases_get_only_what_to_do_until_seen(api: Runknee, case_id: str) -> None:
    plan = api.plan(_case(case_id))
    assert plan.urgency.rank > Urgency.consultation.rank
    assert plan.limited
    assert plan.programme is None
    assert plan.return_to_running is None
    assert plan.prevention == []
    assert "no_running_until_seen" in {a.id for a in plan.avoid}
    assert "keep_fit_pain_free" not in {a.id for a in plan.now}
    assert all(t.level.rank > plan.urgency.rank for t in plan.review_triggers)


def test_self_care_plan_lists_every_review_trigger_with_its_level(api: Runknee) -> None:
    plan = api.plan(_case("d03"))
    levels = {t.id: t.level for t in plan.review_triggers}
    assert levels["not_better_in_2_weeks"] is Urgency.consultation
    assert levels["night_pain"] is Urgency.consultation
    assert levels["new_swelling"] is Urgency.consultation
    assert levels["locking"] is Urgency.consultation_24
    assert levels["calf_pain_or_swelling"] is Urgency.emergency
    assert levels["fever_with_hot_knee"] is Urgency.emergency
    assert "no_running_until_seen" not in {a.id for a in plan.avoid}


def test_elevation_and_compression_only_when_swollen(api: Runknee) -> None:
    dry = {"age_years": 30, "findings": {"pain_front_kneecap": "present", "swelling": "absent"}}
    wet = {"age_years": 30, "findings": {"pain_front_kneecap": "present", "swelling": "present"}}
    assert not {"elevate", "compress"} & {a.id for a in api.plan(dry).now}
    assert {"elevate", "compress", "ice_for_pain", "pain_relief"} <= {
        a.id for a in api.plan(wet).now
    }


def test_ice_and_pain_relief_state_their_limits(api: Runknee) -> None:
    now = {a.id: a for a in api.plan(_case("d03")).now}
    assert "15 to 20 minutes" in now["ice_for_pain"].text
    assert "does not speed up healing" in now["ice_for_pain"].text
    assert now["pain_relief"].caution and "pharmacist" in now["pain_relief"].caution


def test_prevention_follows_the_runners_answers(api: Runknee) -> None:
    base = {"age_years": 35, "sex": "male"}
    outer = {"pain_outer_side": "present"}
    plain = api.plan({**base, "findings": outer})
    overstriding = api.plan({**base, "findings": {**outer, "overstriding": "present"}})
    assert "foot_under_knee" not in {p.id for p in plain.prevention}
    items = {p.id: p for p in overstriding.prevention}
    assert items["foot_under_knee"].because == ["factor:overstriding"]
    assert "quicker_steps" in items
    stretching = api.plan({**base, "findings": {**outer, "pain_in_muscle": "present"}})
    advice = {p.id: p for p in stretching.prevention}
    assert advice["stretching_is_optional"].evidence_strength.value == "against"


def test_possible_bone_stress_makes_the_return_clinician_led(api: Runknee) -> None:
    case = parse_case(_case("d03"))
    result = api.assess(case)
    stress = RankedCondition(
        id="stress_fracture",
        name="Bone stress injury",
        probability=0.3,
        default_urgency=Urgency.consultation_24,
        supporting=[],
        conflicting=[],
        unasked=[],
    )
    changed = result.model_copy(update={"conditions": [result.conditions[0], stress]})
    plan = build_plan(default_knowledge_base(), case, changed)
    assert plan.return_to_running is not None
    assert plan.return_to_running.mode == "clinician_led"
    assert plan.return_to_running.stages == []


def test_default_programme_when_no_condition_is_likely_enough(api: Runknee) -> None:
    library = default_knowledge_base().plans
    assert library is not None
    faint = RankedCondition(
        id="patellofemoral_pain",
        name="x",
        probability=0.05,
        default_urgency=Urgency.self_care,
        supporting=[],
        conflicting=[],
        unasked=[],
    )
    programme, chosen_for, others = choose_programme(library, [faint])
    assert programme.default and chosen_for is None and others == []


def test_every_dev_case_gets_a_consistent_plan(api: Runknee) -> None:
    for row in CASES.values():
        plan = api.plan(row["case"])
        assert plan.limited == is_limited(plan.urgency)
        assert (plan.programme is None) == plan.limited
        assert (plan.now and plan.review_triggers) or plan.urgency is Urgency.emergency_ambulance
        assert plan == api.plan(row["case"])  # deterministic


def test_stage_text_reads_plainly(api: Runknee) -> None:
    library = default_knowledge_base().plans
    assert library is not None
    stages = library.return_to_running.stages
    assert stage_text(stages[0]).english == "Walk 2 min, run 1 min; 6 times (18 min)"
    assert stage_text(stages[-1]).english == "Run 30 min without walking breaks"
