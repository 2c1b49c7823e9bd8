"""Lint checks for condition parents, self-check figures and the warning-sign screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from runknee.knowledge.models import AllOf, AnyOf, Expression, FindingIs

if TYPE_CHECKING:
    from runknee.knowledge.lint import _Checker

_SVG = "{http://www.w3.org/2000/svg}"


def check_parents(checker: _Checker) -> None:
    """A parent names an existing condition that has no parent itself (no chains or cycles)."""
    conditions = checker.kb.conditions
    for condition in conditions.values():
        parent_id = condition.parent
        if parent_id is None:
            continue
        where = f"condition:{condition.id}"
        if parent_id == condition.id:
            checker.report("error", where, "a condition cannot be its own parent")
        elif parent_id not in conditions:
            checker.report("error", where, f"unknown parent condition {parent_id!r}")
        elif conditions[parent_id].parent is not None:
            checker.report(
                "error", where, f"parent {parent_id!r} has a parent itself (no chains allowed)"
            )


def check_figures(checker: _Checker) -> None:
    """Every figure a finding names exists, is well-formed SVG and has a <title>."""
    folder = checker.kb.data_dir / "figures"
    for finding in checker.kb.findings.values():
        if finding.figure is None:
            continue
        where = f"finding:{finding.id}"
        path = folder / f"{finding.figure}.svg"
        if not path.is_file():
            checker.report("error", where, f"figure file figures/{finding.figure}.svg is missing")
            continue
        try:
            root = ET.fromstring(path.read_bytes())  # project-drawn, packaged file
        except ET.ParseError as exc:
            checker.report("error", where, f"figure {finding.figure}.svg is not well-formed: {exc}")
            continue
        if root.tag not in ("svg", f"{_SVG}svg"):
            checker.report("error", where, f"figure {finding.figure}.svg is not an SVG document")
        elif root.find("title") is None and root.find(f"{_SVG}title") is None:
            checker.report("error", where, f"figure {finding.figure}.svg needs a <title>")
        if finding.how_to_check is None:
            checker.report("warning", where, "a finding with a figure should have how_to_check")


def present_findings(expression: Expression) -> list[str]:
    """Finding ids an expression tests for presence, in order."""
    if isinstance(expression, FindingIs):
        return [expression.finding] if expression.state == "present" else []
    if isinstance(expression, AllOf | AnyOf):
        parts = expression.all if isinstance(expression, AllOf) else expression.any
        return [fid for part in parts for fid in present_findings(part)]
    return []


def check_screening(checker: _Checker) -> None:
    """Every finding a red rule uses is a warning-sign question (``urgency_screen: true``)."""
    for rule in checker.kb.rules:
        if rule.kind != "red":
            continue
        for finding_id in present_findings(rule.when):
            finding = checker.kb.findings.get(finding_id)
            if finding is not None and not finding.urgency_screen:
                checker.report(
                    "error",
                    f"finding:{finding_id}",
                    f"{finding_id} is used by red rule {rule.id!r}: set urgency_screen: true",
                )
