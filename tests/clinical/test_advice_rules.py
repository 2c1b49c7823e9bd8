"""How fired rules are grouped for every face (issue 7, item 7): property tests on any case."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from runknee.api import Runknee
from runknee.engine.advice import (
    ALSO_NOTED,
    REASONS_TO_SEE_SOMEONE,
    WARNING_SIGNS,
    rule_groups,
    rule_label,
)
from tests.case_strategies import valid_cases


@settings(max_examples=80, deadline=None)
@given(valid_cases)
def test_only_rules_at_the_results_level_are_instructions(
    api: Runknee, data: dict[str, Any]
) -> None:
    result = api.assess(data)
    groups = rule_groups(result)
    shown = [rule.id for group in groups for rule in group.rules]
    assert sorted(shown) == sorted(rule.id for rule in result.red_flags)
    for group in groups:
        assert group.rules
        for rule in group.rules:
            if group.instructions:
                assert rule.urgency is result.urgency
                expected = WARNING_SIGNS if rule.kind == "red" else REASONS_TO_SEE_SOMEONE
                assert group.words is expected
            else:
                assert group.words is ALSO_NOTED
                assert rule.urgency.rank < result.urgency.rank


@settings(max_examples=40, deadline=None)
@given(valid_cases)
def test_amber_rules_are_never_labelled_warning_signs(api: Runknee, data: dict[str, Any]) -> None:
    result = api.assess(data)
    for rule in result.red_flags:
        label = rule_label(result, rule.id)
        assert label == ("Warning sign" if rule.kind == "red" else "Reason to see someone")
