"""Result types of a form check (pydantic, JSON-ready; stored as the check's metrics JSON)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from runknee.choices import Gait as Gait
from runknee.choices import View as View
from runknee.i18n import Message

Side = Literal["left", "right"]
MetricStatus = Literal["ok", "few_steps", "not_measurable"]


class SideValue(BaseModel):
    """One metric for one leg: the mean over its steps, their spread and where they came from."""

    model_config = ConfigDict(frozen=True)

    mean: float
    sd: float = Field(description="Sample standard deviation across steps (0 for one step).")
    steps: int = Field(description="How many steps the mean is over.")
    times_s: list[float] = Field(description="Clip time of each step's measurement, seconds.")


class MetricResult(BaseModel):
    """One form metric, measured or explained as not measurable."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Metric id, e.g. cadence_spm (the unit is in the name).")
    label: str
    unit: str
    status: MetricStatus
    value: float | None = Field(None, description="Both legs together (None: not measurable).")
    sd: float | None = None
    left: SideValue | None = None
    right: SideValue | None = None
    note: str = Field("", description="Why it is not measurable, or how far to trust it.")
    note_i18n: Message | None = Field(
        default=None, description="The note as a sentence to translate and its values."
    )


class QualityIssue(BaseModel):
    """A problem with the clip: what is wrong and how to film it better."""

    model_config = ConfigDict(frozen=True)

    code: str
    blocking: bool = Field(description="True: no metrics are reported from this clip.")
    message: str = Field(description="What is wrong, in English (``message_i18n`` to translate).")
    message_i18n: Message | None = Field(
        default=None, description="The message as a sentence to translate and its values."
    )
    advice: str


class CueResult(BaseModel):
    """A form cue and whether this clip's numbers make it apply."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    applies: bool
    judged: bool = Field(
        description="Whether the clip could judge it (false: not running, or a value missing)."
    )
    reason: str = Field(description="Why it applies or not, in English (``reason_i18n``).")
    reason_i18n: Message | None = Field(
        default=None, description="The reason as a sentence to translate and its values."
    )
    metrics: list[str]
    sources: list[str]
    factor: str | None = Field(None, description="The assessment's contributing factor, if any.")
    finding: str | None = Field(None, description="The assessment finding it can suggest.")
    plan_cue: str | None = Field(
        None, description="The plan's matching form advice (a prevention item id), if any."
    )

    @model_validator(mode="before")
    @classmethod
    def _judged_from_an_older_report(cls, data: Any) -> Any:
        """A report stored before ``judged`` was kept says so in its reason's first words."""
        if isinstance(data, dict) and "judged" not in data and "reason" in data:
            return {**data, "judged": not str(data["reason"]).startswith("not judged")}
        return data


class Series(BaseModel):
    """A time series for the report's plots (uniform time grid, NaN gaps as None)."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    unit: str
    times_s: list[float]
    left: list[float | None]
    right: list[float | None]
    contacts_left_s: list[float] = Field(default_factory=list)
    contacts_right_s: list[float] = Field(default_factory=list)


class ClipInfo(BaseModel):
    """What the decoder saw."""

    model_config = ConfigDict(frozen=True)

    width_px: int
    height_px: int
    frames: int
    duration_s: float
    fps: float = Field(description="Median frame rate from the container timestamps.")
    variable_frame_rate: bool
    rotation_deg: int = 0
    codec: str = ""


class FormReport(BaseModel):
    """The whole result of analysing one clip."""

    model_config = ConfigDict(frozen=True)

    ok: bool = Field(description="False when a blocking quality issue stopped the metrics.")
    view: View | None
    view_detected: View | None
    gait: Gait
    clip: ClipInfo
    runner_frames: int = Field(description="Frames in which the tracked runner was found.")
    people_seen: int = Field(description="Distinct people tracked in the clip.")
    direction: Literal["left", "right", "in_place", "unknown"] = "unknown"
    steps_left: int = 0
    steps_right: int = 0
    quality: list[QualityIssue] = Field(default_factory=list)
    metrics: list[MetricResult] = Field(default_factory=list)
    cues: list[CueResult] = Field(default_factory=list)
    series: list[Series] = Field(default_factory=list)
    timing_s: dict[str, float] = Field(default_factory=dict)

    def metric(self, metric_id: str) -> MetricResult | None:
        """The metric with this id, if the report has it."""
        return next((m for m in self.metrics if m.id == metric_id), None)


class MetricChange(BaseModel):
    """One metric compared between two clips."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    unit: str
    before: float | None
    after: float | None
    change: float | None
    spread: float | None = Field(
        None, description="Clip-to-clip noise: the larger of the two clips' step spreads."
    )
    meaningful: bool = Field(description="True when the change exceeds the spread.")


class FormComparison(BaseModel):
    """Two clips of the same runner, e.g. before and after a cue."""

    model_config = ConfigDict(frozen=True)

    changes: list[MetricChange]
    note: str
