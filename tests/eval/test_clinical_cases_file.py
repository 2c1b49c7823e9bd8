"""Shape checks for the clinical evaluation set ``tests/eval/clinical_cases.jsonl``.

The set is labelled by hand from the evidence (see ``CLINICAL_CASES.md``); these tests only check
that every line is well formed, so that a typo cannot silently drop a case from the figures.
``check_lines`` returns a list of problems; the self-tests feed it broken lines to show that each
check can fail.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from runknee.engine.case import Facts
from runknee.knowledge.loader import load_knowledge_base

CASES_FILE = Path(__file__).with_name("clinical_cases.jsonl")

FIELD_ORDER = [
    "id",
    "text",
    "case",
    "condition",
    "acceptable",
    "urgency",
    "group",
    "pair",
    "source",
    "source_kind",
]
URGENCIES = {"emergency", "urgent", "routine", "self_care"}
GROUPS = {
    "rule",
    "near_miss",
    "minimal_pair",
    "sparse",
    "child",
    "older",
    "unknown_answers",
    "overuse",
}
STATES = {"present", "absent", "unknown"}
# Every fact a case may give: the fields of the case model's facts.
KNOWN_FACTS = set(Facts.model_fields)


@pytest.fixture(scope="module")
def vocabulary() -> tuple[set[str], set[str]]:
    kb = load_knowledge_base()
    return set(kb.finding_ids), set(kb.conditions)


def check_lines(lines: list[str], findings: set[str], conditions: set[str]) -> list[str]:
    """Return one message per problem found in the JSON lines."""
    problems: list[str] = []
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            problems.append(f"line {number}: not an object")
            continue
        rows.append(row)
        where = f"line {number} ({row.get('id')})"
        if list(row) != FIELD_ORDER:
            problems.append(f"{where}: fields {list(row)} differ from {FIELD_ORDER}")
        if row.get("urgency") not in URGENCIES:
            problems.append(f"{where}: urgency {row.get('urgency')!r}")
        if row.get("group") not in GROUPS:
            problems.append(f"{where}: group {row.get('group')!r}")
        if row.get("source_kind") != "constructed":
            problems.append(f"{where}: source_kind {row.get('source_kind')!r}")
        if not str(row.get("source", "")).strip():
            problems.append(f"{where}: empty source")
        words = len(str(row.get("text", "")).split())
        if not 40 <= words <= 120:
            problems.append(f"{where}: text has {words} words (40-120)")
        for condition in [row.get("condition"), *(row.get("acceptable") or [])]:
            if condition not in conditions:
                problems.append(f"{where}: unknown condition {condition!r}")
        if row.get("condition") in (row.get("acceptable") or []):
            problems.append(f"{where}: gold condition repeated in acceptable")
        case = row.get("case")
        if not isinstance(case, dict):
            problems.append(f"{where}: case is not an object")
            continue
        age = case.get("age_years")
        if not isinstance(age, int) or not 5 <= age <= 110:
            problems.append(f"{where}: age {age!r}")
        if case.get("sex") not in (None, "female", "male"):
            problems.append(f"{where}: sex {case.get('sex')!r}")
        for finding, state in (case.get("findings") or {}).items():
            if finding not in findings:
                problems.append(f"{where}: unknown finding {finding!r}")
            if state not in STATES:
                problems.append(f"{where}: {finding} has state {state!r}")
        for fact in case.get("facts") or {}:
            if fact not in KNOWN_FACTS:
                problems.append(f"{where}: unknown fact {fact!r}")
        if group_needs_pair(row) != (row.get("pair") is not None):
            problems.append(f"{where}: pair {row.get('pair')!r} does not match group")

    ids = [row.get("id") for row in rows]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}, key=str):
        problems.append(f"duplicate id {duplicate!r}")
    by_id = {row.get("id"): row for row in rows}
    for row in rows:
        partner_id = row.get("pair")
        if partner_id is None:
            continue
        partner = by_id.get(partner_id)
        if partner is None:
            problems.append(f"{row.get('id')}: pair {partner_id!r} does not exist")
        elif partner.get("pair") != row.get("id"):
            problems.append(f"{row.get('id')}: pair {partner_id!r} does not point back")
    return problems


def group_needs_pair(row: dict[str, Any]) -> bool:
    return row.get("group") == "minimal_pair"


def _lines() -> list[str]:
    return [line for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_file_is_well_formed(vocabulary: tuple[set[str], set[str]]) -> None:
    findings, conditions = vocabulary
    assert check_lines(_lines(), findings, conditions) == []


def test_file_has_the_required_coverage() -> None:
    rows = [json.loads(line) for line in _lines()]
    assert len(rows) >= 90
    groups = {row["group"] for row in rows}
    assert groups == GROUPS
    assert {row["urgency"] for row in rows} == URGENCIES
    assert sum(row["group"] == "minimal_pair" for row in rows) >= 24


def _mutated(change: Any) -> list[str]:
    rows = [json.loads(line) for line in _lines()[:4]]
    rows = copy.deepcopy(rows)
    change(rows)
    return [json.dumps(row) for row in rows]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda rows: rows[1].update(id=rows[0]["id"]), "duplicate id"),
        (lambda rows: rows[0].update(urgency="soon"), "urgency 'soon'"),
        (lambda rows: rows[0].update(group="misc"), "group 'misc'"),
        (lambda rows: rows[0].pop("source"), "fields"),
        (lambda rows: rows[0]["case"]["findings"].update(made_up="present"), "unknown finding"),
        (lambda rows: rows[0]["case"]["findings"].update(limp="maybe"), "state 'maybe'"),
        (lambda rows: rows[0].update(condition="gout"), "unknown condition"),
        (lambda rows: rows[0].update(group="minimal_pair", pair="c999"), "does not exist"),
        (lambda rows: rows[0].update(text="too short"), "words"),
        (lambda rows: rows[0]["case"].update(age_years=3), "age 3"),
    ],
)
def test_each_check_can_fail(
    vocabulary: tuple[set[str], set[str]], change: Any, expected: str
) -> None:
    findings, conditions = vocabulary
    problems = check_lines(_mutated(change), findings, conditions)
    assert any(expected in problem for problem in problems), problems


def test_a_pair_that_does_not_point_back_is_reported(
    vocabulary: tuple[set[str], set[str]],
) -> None:
    findings, conditions = vocabulary
    rows = [json.loads(line) for line in _lines()]
    pair_rows = [row for row in rows if row["group"] == "minimal_pair"][:2]
    pair_rows[1]["pair"] = pair_rows[1]["id"]
    problems = check_lines([json.dumps(row) for row in pair_rows], findings, conditions)
    assert any("does not point back" in problem for problem in problems), problems
