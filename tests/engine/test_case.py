"""Case input is validated at the boundary, with errors that name the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runknee.api import Runknee, case_json_schema
from runknee.errors import CaseInputError
from runknee.knowledge.loader import default_knowledge_base

SCHEMA_PATH = Path(__file__).parents[2] / "docs" / "case.schema.json"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"age_years": "old"}, "age_years"),
        ({"age_years": 300}, "age_years"),
        ({"sex": "other"}, "sex"),
        ({"findings": {"swelling": "maybe"}}, "findings.swelling"),
        ({"findings": {"no_such_finding": "present"}}, "findings.no_such_finding"),
        ({"facts": {"days_since_onset": -3}}, "facts.days_since_onset"),
        ({"colour": "red"}, "colour"),
        ([1, 2], "(case)"),
    ],
)
def test_bad_input_names_the_field(api: Runknee, data: object, field: str) -> None:
    with pytest.raises(CaseInputError) as info:
        api.assess(data)  # type: ignore[arg-type]
    assert field in {error.field for error in info.value.errors}


def test_committed_case_schema_is_in_sync(api: Runknee) -> None:
    committed = json.loads(SCHEMA_PATH.read_text("utf-8"))
    assert committed == case_json_schema(default_knowledge_base().finding_ids), (
        "docs/case.schema.json is stale: run `runknee schema > docs/case.schema.json`"
    )
