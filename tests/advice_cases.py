"""Cases for the advice tests: a higher urgency with less urgent rules also firing, and the
suspected conditions whose "until you are seen" advice must differ."""

from __future__ import annotations

from typing import Any

# Ottawa-positive knee injury that is also swollen and gives way (two amber rules fire).
OTTAWA_WITH_AMBER: dict[str, Any] = {
    "age_years": 30,
    "findings": {
        "injury_event": "present",
        "tender_kneecap": "present",
        "swelling": "present",
        "giving_way": "present",
    },
}
# A hot, swollen knee with fever: a suspected joint infection.
SEPTIC_KNEE: dict[str, Any] = {
    "age_years": 40,
    "findings": {"swelling": "present", "hot_red_knee": "present", "fever_or_unwell": "present"},
}
# A sore, swollen calf: a suspected blood clot.
CALF_CLOT: dict[str, Any] = {
    "age_years": 40,
    "findings": {"calf_pain": "present", "calf_swelling": "present"},
}
# Pain on hopping, walking and at night in a runner: a bone stress injury (within 24 hours).
BONE_STRESS: dict[str, Any] = {
    "age_years": 25,
    "sex": "female",
    "findings": {
        "pain_on_hopping": "present",
        "pain_walking": "present",
        "night_pain": "present",
        "load_spike": "present",
    },
}
# Cannot lift the straight leg after a sudden load: a suspected tendon rupture.
TENDON_RUPTURE: dict[str, Any] = {
    "age_years": 50,
    "findings": {"injury_event": "present", "cannot_straight_leg_raise": "present"},
}
# Only an amber rule fires: a swollen knee with every warning sign answered no.
SWOLLEN_ONLY: dict[str, Any] = {
    "age_years": 45,
    "sex": "male",
    "findings": {
        "swelling": "present",
        "injury_event": "absent",
        "hot_red_knee": "absent",
        "fever_or_unwell": "absent",
        "recent_injection_or_surgery": "absent",
        "calf_pain": "absent",
        "calf_swelling": "absent",
        "cannot_walk_4_steps_now": "absent",
        "kneecap_out_now": "absent",
        "locking": "absent",
        "pain_on_hopping": "absent",
        "night_pain": "absent",
    },
}
