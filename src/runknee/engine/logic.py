"""Three-valued evaluation of the knowledge base's rule expressions.

``True`` and ``False`` when the answers decide it, ``None`` when they do not yet (Kleene logic:
an ``all`` with one false part is false even if other parts are unknown).
"""

from __future__ import annotations

from collections.abc import Callable

from runknee.knowledge.models import AgeBetween, AllOf, AnyOf, Expression, FindingIs, SexIs

Truth = bool | None
FindingLookup = Callable[[str], Truth]


def evaluate(
    expression: Expression,
    finding_present: FindingLookup,
    age_years: int | None,
    sex: str | None,
) -> Truth:
    """Evaluate an expression; ``finding_present`` answers True / False / None per finding."""
    if isinstance(expression, FindingIs):
        present = finding_present(expression.finding)
        if present is None:
            return None
        return present if expression.state == "present" else not present
    if isinstance(expression, AgeBetween):
        if age_years is None:
            return None
        low, high = expression.age_between
        return low <= age_years <= high
    if isinstance(expression, SexIs):
        return None if sex is None else sex == expression.sex
    if isinstance(expression, AllOf):
        results = [evaluate(part, finding_present, age_years, sex) for part in expression.all]
        if any(result is False for result in results):
            return False
        return True if all(result is True for result in results) else None
    if isinstance(expression, AnyOf):
        results = [evaluate(part, finding_present, age_years, sex) for part in expression.any]
        if any(result is True for result in results):
            return True
        return False if all(result is False for result in results) else None
    raise TypeError(f"unsupported expression {expression!r}")  # pragma: no cover
