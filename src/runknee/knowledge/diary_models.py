"""Schema of ``diary.yaml``: the diary's flags and descriptive load settings, with sources."""

from __future__ import annotations

import typing
from typing import Annotated, Literal

from pydantic import Field, model_validator

from runknee.knowledge.models import RunnerText, SnakeId, SourceIds, Strict

FlagId = Literal[
    "weekly_distance_jump",
    "long_run_spike",
    "pain_during_high",
    "next_morning_above_usual",
    "see_someone",
    "shoes_past_own_mark",
]
EvidenceStrength = Literal["weak", "moderate", "clinical_practice", "runners_own_choice"]


class SignSentences(Strict):
    """The sentence for each sign the ``see_someone`` flag names: whole sentences with the
    entry's date (``{entry_date}``) and, for stiffness, its minutes (``{minutes}``), so no
    sentence is built from a list of words."""

    rest_day_pain: RunnerText
    night_pain: RunnerText
    swelling: RunnerText
    morning_stiffness: RunnerText


class DiaryFlagRule(Strict):
    """One flag: when it shows, how strong the evidence is, and what it says."""

    id: FlagId
    title: RunnerText
    threshold: float = Field(description="The rule's cut-off (its unit depends on the flag).")
    minimum: float | None = Field(None, description="Below this the flag is not computed.")
    window_days: Annotated[int, Field(ge=1, le=366)] | None = None
    evidence: EvidenceStrength
    evidence_note: RunnerText
    message: RunnerText = Field(
        description="Shown with the figures; {placeholders} are filled in, numbers formatted "
        "as they say ({km:.1f})."
    )
    signs: SignSentences | None = Field(
        None, description="see_someone only: a sentence per sign, shown before the message."
    )
    sources: SourceIds

    @model_validator(mode="after")
    def _signs_for_see_someone(self) -> DiaryFlagRule:
        if (self.signs is not None) != (self.id == "see_someone"):
            raise ValueError("signs: given for see_someone, and only for it")
        return self


class LoadSettings(Strict):
    """Descriptive load numbers: shown, never turned into zones or warnings."""

    acute_days: Annotated[int, Field(ge=1, le=28)]
    chronic_days: Annotated[int, Field(ge=7, le=90)]
    min_history_days: Annotated[int, Field(ge=7, le=365)]
    monotony_cap: Annotated[float, Field(gt=1, le=100)]
    note: RunnerText
    sources: SourceIds


class DiaryRules(Strict):
    """Everything in ``diary.yaml``."""

    standing_note: RunnerText
    flags: list[DiaryFlagRule]
    load: LoadSettings
    pain_locations: list[SnakeId] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_flag_once(self) -> DiaryRules:
        # The diary's code reads each rule's threshold by id: none may be missing or doubled.
        ids = [rule.id for rule in self.flags]
        expected = set(typing.get_args(FlagId))
        if len(ids) != len(set(ids)) or set(ids) != expected:
            raise ValueError(f"flags: each of {sorted(expected)} exactly once")
        return self
