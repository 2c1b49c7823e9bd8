"""Hypothesis strategies for valid cases (any answers, any optional facts)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from runknee.knowledge.loader import default_knowledge_base

FINDING_IDS = sorted(default_knowledge_base().finding_ids)

valid_cases: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {},
    optional={
        "age_years": st.integers(5, 110),
        "sex": st.sampled_from(["female", "male"]),
        "findings": st.dictionaries(
            st.sampled_from(FINDING_IDS),
            st.sampled_from(["present", "absent", "unknown"]),
            max_size=12,
        ),
        "facts": st.fixed_dictionaries(
            {},
            optional={
                "days_since_onset": st.floats(0, 36500),
                "weekly_distance_change_pct": st.floats(-100, 10000),
                "cadence_spm": st.floats(60, 260),
            },
        ),
    },
)
