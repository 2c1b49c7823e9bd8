"""The made-up knowledge base of the engine mechanics tests (``tests/fixtures/kb``).

Its numbers are round so that a test can work the expected result out by hand; see the
folder's README. Clinical outcomes of the shipped data are tested in ``tests/clinical``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal

from runknee.engine.case import Case, State
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.loader import load_knowledge_base

FIXTURE_DIR = Path(__file__).parents[1] / "fixtures" / "kb"


@cache
def fixture_kb() -> KnowledgeBase:
    """The fixture base, loaded once (it requires none of the shipped conditions)."""
    return load_knowledge_base(FIXTURE_DIR, required_conditions=())


def case(
    answers: Mapping[str, str] | None = None,
    /,
    *,
    age: int | None = 30,
    sex: Literal["female", "male"] | None = "female",
    **more: str,
) -> Case:
    """A case of the fixture base: ``case(hot_joint="present", fever="unknown")``, or with the
    answers as a mapping first."""
    findings = {**(answers or {}), **more}
    return Case(
        age_years=age, sex=sex, findings={fid: State(value) for fid, value in findings.items()}
    )
