"""Walking the rule expressions of ``knowledge/models.py`` (shared by the engine and lint)."""

from __future__ import annotations

from collections.abc import Iterator

from runknee.knowledge.models import AgeBetween, AllOf, AnyOf, Expression, FindingIs, SexIs


def expression_findings(expression: Expression) -> Iterator[str]:
    """Yield every finding id an expression refers to."""
    if isinstance(expression, FindingIs):
        yield expression.finding
    elif isinstance(expression, AllOf | AnyOf):
        parts = expression.all if isinstance(expression, AllOf) else expression.any
        for part in parts:
            yield from expression_findings(part)
    elif isinstance(expression, AgeBetween | SexIs):
        return
