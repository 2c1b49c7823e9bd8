"""Example cases shared by the page, browser, storage and CLI tests.

The interview tests answer the engine's questions from these ("I don't know" where a case is
silent), so each names the warning-sign answers explicitly.
"""

from __future__ import annotations

from typing import Any

from runknee.knowledge.lint import expression_findings
from runknee.knowledge.loader import default_knowledge_base

# Every warning-sign question (every finding a red rule uses) answered "no", plus the reasons
# to see someone; taken from the knowledge base so that a new warning sign is covered too.
SCREEN_NO: dict[str, str] = {
    finding: "absent"
    for rule in default_knowledge_base().rules
    for finding in expression_findings(rule.when)
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
