"""The case: what the engine is told about one runner's knee.

A finding is ``present``, ``absent`` or ``unknown``; a finding left out is unknown, never absent.
Numeric facts (days since onset, weekly distance change, ...) are optional and fill in derived
findings such as ``symptoms_over_6_weeks`` when those were not answered directly.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from runknee.errors import CaseInputError, FieldError

MIN_AGE_YEARS = 5  # the youngest runner the knowledge base covers (priors band age_5_9)
MAX_AGE_YEARS = 110


def refuse_text(value: Any) -> Any:
    """Refuse text and booleans where a number is expected: lax parsing would turn ``"5"``
    and ``true`` into numbers. A whole-valued float (``30.0``) is still a valid integer."""
    if isinstance(value, str | bytes | bool):
        raise ValueError("must be a number, not text or true/false")
    return value


NOT_TEXT = BeforeValidator(refuse_text)
"""Put in ``Annotated[int | float, NOT_TEXT, ...]`` for a real number from untrusted input."""


class State(StrEnum):
    """The answer to a finding question."""

    present = "present"
    absent = "absent"
    unknown = "unknown"


class Facts(BaseModel):
    """Optional numbers a runner or their watch can give (real numbers only: ``"5"`` and
    ``true`` are refused, not converted)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days_since_onset: Annotated[float, Field(ge=0, le=36500), NOT_TEXT] | None = None
    morning_stiffness_min: Annotated[float, Field(ge=0, le=1440), NOT_TEXT] | None = None
    weekly_distance_km: Annotated[float, Field(ge=0, le=1000), NOT_TEXT] | None = None
    weekly_distance_change_pct: Annotated[float, Field(ge=-100, le=10000), NOT_TEXT] | None = None
    shoe_distance_km: Annotated[float, Field(ge=0, le=100000), NOT_TEXT] | None = None
    cadence_spm: Annotated[float, Field(ge=60, le=260), NOT_TEXT] | None = None
    worst_pain_0_10: Annotated[float, Field(ge=0, le=10), NOT_TEXT] | None = Field(
        default=None, description="Pain at its worst in the last week, 0 (none) to 10 (worst)."
    )


class Case(BaseModel):
    """One runner's answers. See ``docs/case.schema.json`` for the JSON form."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "examples": [
                {
                    "age_years": 29,
                    "sex": "female",
                    "findings": {"pain_front_kneecap": "present", "injury_event": "absent"},
                    "facts": {"days_since_onset": 10},
                }
            ]
        },
    )

    age_years: Annotated[int, Field(ge=MIN_AGE_YEARS, le=MAX_AGE_YEARS), NOT_TEXT] | None = Field(
        default=None, description="Age in whole years; unknown if left out."
    )
    sex: Literal["female", "male"] | None = Field(
        default=None, description="Sex recorded at birth, used for the priors; unknown if left out."
    )
    findings: dict[str, State] = Field(
        default_factory=dict,
        description="Finding id -> present / absent / unknown. Left-out findings are unknown.",
    )
    facts: Facts = Field(default_factory=Facts)
    declined: list[Literal["age_years", "sex"]] = Field(
        default_factory=list,
        description="Basic questions the runner chose not to answer (so the interview moves on).",
    )

    def state(self, finding_id: str) -> State:
        """Return the recorded state of a finding (unknown when not given)."""
        return self.findings.get(finding_id, State.unknown)

    def with_answer(self, finding_id: str, state: State) -> Case:
        """Return a copy with one more (or a changed) answer."""
        findings = dict(self.findings)
        findings[finding_id] = state
        return self.model_copy(update={"findings": findings})


def parse_case(data: Any, known_findings: frozenset[str] | None = None) -> Case:
    """Validate untrusted input into a :class:`Case`.

    Args:
        data: decoded JSON (a dict).
        known_findings: when given, finding ids outside this set are rejected.

    Raises:
        CaseInputError: naming every invalid field.
    """
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise CaseInputError([_field_error(error) for error in exc.errors()]) from None
    if known_findings is not None:
        unknown_ids = sorted(set(case.findings) - known_findings)
        if unknown_ids:
            raise CaseInputError(
                [
                    FieldError(
                        f"findings.{finding_id}", "unknown finding id (see `runknee findings`)"
                    )
                    for finding_id in unknown_ids
                ]
            )
    return case


def _field_error(error: Any) -> FieldError:
    location = ".".join(str(part) for part in error["loc"]) or "(case)"
    return FieldError(location, str(error["msg"]))
