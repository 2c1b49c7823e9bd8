"""Schemas for the knowledge-base data files.

Every model forbids unknown keys, so a typo in a data file is an error rather than a silently
ignored field. Cross-file checks (dangling ids, unused sources) live in :mod:`runknee.knowledge.lint`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SnakeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
SourceIds = Annotated[list[SnakeId], Field(min_length=1)]
Probability = Annotated[float, Field(ge=0.001, le=0.999)]
Text = Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]


class RunnerReads:
    """Marks a text field as words a runner reads: extracted into the translation catalogue
    (``make messages``) and translated when the base is loaded for a language (see
    :mod:`runknee.knowledge.translation`). Text without it (ids, sources, reviewers' notes)
    stays as written."""

    def __repr__(self) -> str:
        return "RUNNER_READS"


RUNNER_READS = RunnerReads()
RunnerText = Annotated[Text, RUNNER_READS]
"""Text a runner reads (a condition's name, a question, advice): translated."""


class Strict(BaseModel):
    """Base for all knowledge models: unknown keys are errors, objects are immutable."""

    # Schemas are built on first use: the cached base is unpickled without them (fast start-up).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Urgency(StrEnum):
    """The five urgency levels, most urgent first."""

    emergency_ambulance = "emergency_ambulance"
    emergency = "emergency"
    consultation_24 = "consultation_24"
    consultation = "consultation"
    self_care = "self_care"

    @property
    def rank(self) -> int:
        """0 for self care up to 4 for an ambulance: larger is more urgent."""
        return _URGENCY_RANK[self]


_URGENCY_RANK = {
    Urgency.self_care: 0,
    Urgency.consultation: 1,
    Urgency.consultation_24: 2,
    Urgency.emergency: 3,
    Urgency.emergency_ambulance: 4,
}


class EvidenceLevel(StrEnum):
    """How well a source's figures were checked (mirrors the research brief's tags)."""

    verified = "verified"  # checked against an abstract, guideline or publisher page
    secondary = "secondary"  # checked through a review or summary only
    unchecked = "unchecked"  # from memory of the literature; weaker evidence
    derived = "derived"  # synthesised by the runknee authors from cited figures


class Source(Strict):
    """One bibliography entry."""

    id: SnakeId
    authors: Text | None = Field(
        default=None,
        description="As in the publication (family name, initials); left out when not known, "
        "and the source is then named by where it was published.",
    )
    year: Annotated[int, Field(ge=1900, le=2100)]
    title: Text
    published_in: Text
    doi: str | None = None
    url: str | None = None
    evidence: EvidenceLevel
    note: str | None = None


# --- Logic expressions used by red flags, factors and question gating -------------------------


class FindingIs(Strict):
    """True when the finding is present (or absent, with ``state: absent``)."""

    finding: SnakeId
    state: Literal["present", "absent"] = "present"


class AgeBetween(Strict):
    """True when the age in years lies in the closed range."""

    age_between: tuple[int, int]


class SexIs(Strict):
    """True when the recorded sex matches."""

    sex: Literal["female", "male"]


class AllOf(Strict):
    """True when every part is true (three-valued: unknown parts keep it open)."""

    all: Annotated[list[Expression], Field(min_length=1)]


class AnyOf(Strict):
    """True when at least one part is true."""

    any: Annotated[list[Expression], Field(min_length=1)]


Expression = FindingIs | AgeBetween | SexIs | AllOf | AnyOf
AllOf.model_rebuild()
AnyOf.model_rebuild()


# --- Findings ---------------------------------------------------------------------------------


class Derivation(Strict):
    """Sets a finding from a numeric fact of the case, e.g. days since onset >= 42."""

    fact: Literal[
        "days_since_onset",
        "morning_stiffness_min",
        "weekly_distance_km",
        "weekly_distance_change_pct",
        "shoe_distance_km",
        "cadence_spm",
        "worst_pain_0_10",
    ]
    at_least: float | None = None
    below: float | None = None
    sources: SourceIds


class Finding(Strict):
    """Something a runner can report: a yes / no / don't-know question."""

    id: SnakeId
    group: Literal[
        "onset",
        "mechanism",
        "location",
        "timing",
        "aggravators",
        "swelling",
        "mechanical",
        "self_checks",
        "systemic",
        "history",
        "training",
    ]
    question: RunnerText
    question_positive: RunnerText | None = Field(
        default=None,
        description="The question as the runner is asked it, phrased without a negative "
        "('Can you bend the knee to a right angle?' for cannot_bend_90). A 'yes' to it means "
        "the finding is ABSENT: the interview turns the answer round in one place "
        "(runknee.engine.interview_session), so the finding id and its states keep their meaning.",
    )
    help: RunnerText
    background: Probability = Field(
        description="Share of runners with knee pain who would answer yes (for likelihood ratios)."
    )
    implies: list[SnakeId] = Field(default_factory=list)
    ask_when: Expression | None = None
    derive: Derivation | None = None
    urgency_screen: bool = Field(
        default=False,
        description="Asked before the differential when an open triage rule uses it.",
    )
    how_to_check: RunnerText | None = Field(
        default=None,
        description="Step-by-step self-check shown when the runner is unsure how to answer.",
    )
    figure: SnakeId | None = Field(
        default=None,
        description="Name of a project-drawn picture, data/figures/<figure>.svg.",
    )
    sources: list[SnakeId] = Field(default_factory=list)


# --- Conditions -------------------------------------------------------------------------------

ArticleCause = Literal[
    "trauma",
    "tendinitis",
    "lack_of_stretching",
    "poor_running_form",
    "kneecap_misalignment",
    "repeated_bending",
    "weak_muscles",
    "arthritis",
]


class Feature(Strict):
    """How often a person with the condition reports a finding.

    ``p_present`` divided by the finding's background is the likelihood ratio when present;
    ``(1 - p_present) / (1 - background)`` is the ratio when absent.
    """

    finding: SnakeId
    p_present: Probability
    sources: SourceIds
    note: str | None = None


class LookAlike(Strict):
    """How a condition differs from one that resembles it."""

    condition: SnakeId
    how: RunnerText


class ArticleCauseLink(Strict):
    """Which cause from the runner's-knee article this condition belongs to, with corrections."""

    cause: ArticleCause
    correction: str | None = None
    sources: list[SnakeId] = Field(default_factory=list)


class Codes(Strict):
    """Clinical codes; SNOMED CT only where verified."""

    icd10: Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")]
    snomed_ct: str | None = None
    sources: SourceIds


class Condition(Strict):
    """One condition in the differential."""

    id: SnakeId
    lay_name: RunnerText
    clinical_name: RunnerText
    codes: Codes
    description: RunnerText
    typical_history: RunnerText
    look_alikes: list[LookAlike]
    default_urgency: Urgency
    self_care: RunnerText
    see_whom: RunnerText
    article_causes: list[ArticleCauseLink]
    features: Annotated[list[Feature], Field(min_length=3)]
    sources: SourceIds
    parent: SnakeId | None = Field(
        default=None,
        description=(
            "The broader condition id this one was split from; results name it too, so that "
            "labels written for the old id still score."
        ),
    )
    status: Literal["draft", "reviewed"] = Field(
        default="draft", description="Whether a clinician has reviewed this file's numbers."
    )
    reviewed_by: str | None = Field(default=None, description="Who reviewed it (a clinician).")
    reviewed_on: date | None = None


# --- Priors -----------------------------------------------------------------------------------

AgeBand = Literal["age_5_9", "age_10_17", "age_18_34", "age_35_49", "age_50_plus"]
AGE_BANDS: tuple[AgeBand, ...] = ("age_5_9", "age_10_17", "age_18_34", "age_35_49", "age_50_plus")


class PriorColumn(Strict):
    """Prior percentages for one age band, by sex."""

    female: Annotated[float, Field(ge=0)]
    male: Annotated[float, Field(ge=0)]


class ConditionPrior(Strict):
    """Starting percentages for one condition, by onset type and age band."""

    condition: SnakeId
    gradual: dict[AgeBand, PriorColumn]
    acute: dict[AgeBand, Annotated[float, Field(ge=0)]]


class Priors(Strict):
    """Prior tables by age band: gradual onset (by sex) and onset with an injury."""

    sources: SourceIds
    note: Text
    acute_share_when_unknown: Annotated[float, Field(ge=0, le=1)]
    table: list[ConditionPrior]


# --- Red flags and other triage rules ----------------------------------------------------------


class RedFlag(Strict):
    """A triage rule that sets a minimum urgency when it fires.

    ``kind: red`` rules are the safety screen (urgency ``consultation_24`` or above); ``amber``
    rules send the runner to a routine consultation (e.g. pain for more than six weeks).
    """

    id: SnakeId
    name: RunnerText
    kind: Literal["red", "amber"]
    urgency: Urgency
    when: Expression
    advice: RunnerText
    explanation: RunnerText
    sources: SourceIds
    urgency_if_unsure: Urgency | None = Field(
        default=None,
        description=(
            "The level the rule's evidence supports when it fires only because some answers "
            "were 'I don't know' (never an ambulance; at most the rule's own urgency)."
        ),
    )


class TriageSettings(Strict):
    """Engine thresholds that are clinical choices, so they live in data with sources."""

    serious_condition_probability: Annotated[float, Field(gt=0, lt=1)]
    max_conditions_shown: Annotated[int, Field(ge=1, le=10)]
    stop_when_top_probability: Annotated[float, Field(gt=0, lt=1)]
    stop_when_information_gain_below_bits: Annotated[float, Field(gt=0, lt=1)]
    max_questions: Annotated[int, Field(ge=5, le=100)]
    max_factor_questions: Annotated[int, Field(ge=0, le=20)] = Field(
        description="Questions about what the runner can change, asked once the differential "
        "has settled (training, shoes, surface, strength work, warm-up, form)."
    )
    sources: SourceIds


# --- Contributing factors ----------------------------------------------------------------------


class EvidenceStrength(StrEnum):
    """Plain grading of how strong the evidence behind advice is."""

    strong = "strong"
    moderate = "moderate"
    limited = "limited"
    against = "against"  # evidence says it does not help


class ContributingFactor(Strict):
    """A habit or training change a runner can alter."""

    id: SnakeId
    name: RunnerText
    when: Expression
    why_it_matters: RunnerText
    advice: RunnerText
    evidence_strength: EvidenceStrength
    related_conditions: list[SnakeId]
    sources: SourceIds


class UrgencyLevel(Strict):
    """Plain-language meaning of one urgency level."""

    id: Urgency
    label: RunnerText
    what_to_do: RunnerText
    by_when: RunnerText
