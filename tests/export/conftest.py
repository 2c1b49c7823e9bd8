"""Fixtures for the export tests: the shipped knowledge base and two assessed cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from runknee.api import Runknee
from runknee.engine.case import Case
from runknee.engine.plan_result import CarePlan
from runknee.engine.result import AssessmentResult

GENERATED_AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)

KNEECAP = {
    "age_years": 24,
    "sex": "female",
    "findings": {
        "both_knees": "present",
        "pain_front_kneecap": "present",
        "worse_squatting": "present",
        "worse_stairs_up": "present",
        "injury_event": "absent",
        "swelling": "absent",
        "locking": "unknown",
    },
    "facts": {"days_since_onset": 180, "weekly_distance_km": 32.5},
}
HOT_KNEE = {
    "age_years": 40,
    "findings": {"swelling": "present", "hot_red_knee": "present", "fever_or_unwell": "present"},
}


@dataclass(frozen=True)
class Assessed:
    """A case with its result and plan, as the exports take them."""

    case: Case
    result: AssessmentResult
    plan: CarePlan


@pytest.fixture(scope="session")
def generated_at() -> datetime:
    """The fixed export time."""
    return GENERATED_AT


@pytest.fixture(scope="session")
def runknee() -> Runknee:
    """The facade over the shipped knowledge base, with a fixed clock (no store is opened)."""
    return Runknee(clock=lambda: GENERATED_AT)


def _assessed(api: Runknee, data: dict[str, object]) -> Assessed:
    case = api.case(data)
    return Assessed(case, api.assess(case), api.plan(case))


@pytest.fixture(scope="session")
def kneecap(runknee: Runknee) -> Assessed:
    """A self-management case: long-standing kneecap pain in a 24-year-old woman."""
    return _assessed(runknee, KNEECAP)


@pytest.fixture(scope="session")
def hot_knee(runknee: Runknee) -> Assessed:
    """An emergency: a hot, swollen knee with fever (red flags fire)."""
    return _assessed(runknee, HOT_KNEE)
