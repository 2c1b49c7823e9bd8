"""A saved assessment with a plan and logged sessions, for the storage, export and page tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from runknee.api import Runknee


def plan_with_sessions(
    api: Runknee, case: dict[str, Any], pains: Sequence[tuple[int, int]], morning_pain: int = 1
) -> tuple[str, str]:
    """Save ``case``, start its plan and log one exercise session a day, one for each (pain
    during, pain after) pair; the test clock (conftest's StepClock) moves on first, as sessions
    may not be dated in the future. Returns the assessment and plan ids."""
    saved = api.save_assessment(case)
    plan = api.start_plan(saved.id, morning_pain)
    assert plan.plan.programme is not None
    exercise = plan.plan.programme.phases[0].exercises[0].id
    clock: Any = api.clock
    clock.now += timedelta(days=len(pains))
    for day, (during, after) in enumerate(pains):
        api.log_session(
            plan.id,
            {
                "kind": "exercise",
                "day": day,
                "exercises_done": [exercise],
                "pain_during_0_10": during,
                "pain_after_0_10": after,
            },
        )
    return saved.id, plan.id
