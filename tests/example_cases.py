"""Example cases shared by the page, browser, storage and CLI tests.

The interview tests answer the engine's questions from these ("I don't know" where a case is
silent), so each names the warning-sign answers explicitly.
"""

from __future__ import annotations

from typing import Any

# Every warning-sign question answered "no".
SCREEN_NO: dict[str, str] = {
    finding: "absent"
    for finding in [
        "injury_event",
        "calf_pain",
        "breathless_or_chest_pain",
        "kneecap_out_now",
        "swelling",
        "cannot_walk_4_steps_now",
        "sudden_onset",
        "pain_on_hopping",
        "locking",
        "night_pain",
        "symptoms_over_6_weeks",
        "not_improving_with_rest",
        "fever_or_unwell",
        "hot_red_knee",
        "calf_swelling",
        "cold_numb_foot",
        "weight_loss",
        "cancer_history",
        "limp",
        "cannot_bend_90",
        "cannot_straighten_fully",
        "cannot_straight_leg_raise",
        # warning signs and reasons to see someone added for the safe interview (issue 7)
        "knee_dislocated_went_back",
        "knee_bent_backwards_pops",
        "skin_break_over_knee",
        "diabetes_or_weak_immunity",
        "recent_injection_or_surgery",
        "previous_clot",
        "active_cancer",
        "pregnant_or_recent_birth",
        "clot_risk_factors",
        "other_joints_swollen",
        "pain_hip_groin_thigh",
        "pain_at_rest",
        "bone_lump",
        "severe_pain",
        "pain_stops_daily_activities",
        "pain_stops_sport",
        "tender_inner_shin_spot",
        "pain_walking",
        "giving_way",
    ]
}

# Gradual pain around the kneecap in a young runner: self-care.
SELF_CARE: dict[str, Any] = {
    "age_years": 24,
    "sex": "female",
    "findings": {
        **SCREEN_NO,
        "pain_front_kneecap": "present",
        "worse_stairs_down": "present",
        "worse_squatting": "present",
        "worse_prolonged_sitting": "present",
        "onset_within_2_weeks": "present",
    },
}

# A fall onto the knee with a tender kneecap (Ottawa positive): emergency department today.
EMERGENCY: dict[str, Any] = {
    "age_years": 40,
    "sex": "male",
    "findings": {
        **SCREEN_NO,
        "injury_event": "present",
        "fall_or_blow": "present",
        "sudden_onset": "present",
        "tender_kneecap": "present",
    },
}

# Kneecap pain for more than six weeks: a routine appointment.
CONSULTATION: dict[str, Any] = {
    "age_years": 35,
    "sex": "female",
    "findings": {**SCREEN_NO, "symptoms_over_6_weeks": "present", "pain_front_kneecap": "present"},
}

# Short versions for tests that assess directly, without an interview.
KNEECAP: dict[str, Any] = {
    "age_years": 24,
    "sex": "female",
    "findings": {
        "pain_front_kneecap": "present",
        "worse_stairs_down": "present",
        "worse_squatting": "present",
    },
}
FALL_WITH_TENDER_KNEECAP: dict[str, Any] = {
    "age_years": 40,
    "sex": "male",
    "findings": {
        "injury_event": "present",
        "fall_or_blow": "present",
        "sudden_onset": "present",
        "tender_kneecap": "present",
    },
}
