"""Schemas for the exercise library (``data/exercises/*.yaml``).

An exercise carries its own instructions, dosage, easier and harder versions, stop rules, the
conditions it suits, its sources, and a ``pose``: a stick figure drawn by
:mod:`runknee.drawing.exercises`. Poses use a 2-D frame 100 units wide and 100 high, with ``y``
pointing up and the floor at ``y = 0``; the figure faces right (towards larger ``x``). Joints
ending in ``_l`` are the far limb (drawn lighter), ``_r`` the near limb.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from runknee.i18n import N_, NN_, Message
from runknee.knowledge.models import RunnerText, SnakeId, SourceIds, Strict

Coordinate = Annotated[float, Field(ge=-20, le=220)]
Point = tuple[Coordinate, Coordinate]

JointName = Literal[
    "head",
    "neck",
    "shoulder",
    "elbow_l",
    "hand_l",
    "elbow_r",
    "hand_r",
    "hip",
    "knee_l",
    "ankle_l",
    "foot_l",
    "knee_r",
    "ankle_r",
    "foot_r",
]

REQUIRED_JOINTS: tuple[JointName, ...] = (
    "head",
    "neck",
    "hip",
    "knee_l",
    "ankle_l",
    "knee_r",
    "ankle_r",
)

ExerciseCategory = Literal[
    "mobility",
    "hip_strength",
    "knee_strength",
    "calf_strength",
    "tendon_loading",
    "balance",
    "running_drill",
    "plyometric",
]

LoadingStage = Literal["isometric", "isotonic", "energy_storage"]


class Floor(Strict):
    """A horizontal floor line at height ``y``."""

    kind: Literal["floor"]
    y: Coordinate = 0


class Wall(Strict):
    """A vertical wall at ``x``, from the floor up to ``height``."""

    kind: Literal["wall"]
    x: Coordinate
    height: Coordinate = 95


class Block(Strict):
    """A rectangle standing on the floor or raised: a step, box, bench, chair seat or board.

    ``x`` and ``y`` are the lower-left corner. ``slope`` (a decline board) raises the left edge of
    the top surface by that many units.
    """

    kind: Literal["step", "box", "bench", "chair", "board"]
    x: Coordinate
    y: Coordinate = 0
    width: Annotated[float, Field(gt=0, le=120)]
    height: Annotated[float, Field(gt=0, le=80)]
    slope: Annotated[float, Field(ge=0, le=30)] = 0


class Band(Strict):
    """An elastic band or strap, drawn as a dashed line between two points."""

    kind: Literal["band"]
    start: Point
    end: Point


Prop = Annotated[Floor | Wall | Block | Band, Field(discriminator="kind")]


class Position(Strict):
    """One key position of an exercise: a label and where each joint is."""

    label: RunnerText
    joints: dict[JointName, Point]


class Pose(Strict):
    """One or two key positions, with props; two positions get a movement arrow.

    ``layout: overlay`` draws the start position faint under the end position; ``side_by_side``
    draws them next to each other. ``arrow`` names the joint whose path the arrow follows
    (default: the joint that moves furthest).
    """

    positions: Annotated[list[Position], Field(min_length=1, max_length=2)]
    props: list[Prop] = Field(default_factory=list)
    layout: Literal["overlay", "side_by_side"] = "overlay"
    arrow: JointName | None = None


class Dosage(Strict):
    """How much and how often. Give ``reps``, ``hold_s`` or ``duration_s`` (one or more)."""

    sets: Annotated[int, Field(ge=1, le=10)]
    reps: Annotated[int, Field(ge=1, le=100)] | None = None
    hold_s: Annotated[int, Field(ge=1, le=300)] | None = None
    duration_s: Annotated[int, Field(ge=5, le=1800)] | None = None
    each_side: bool = False
    rest_s: Annotated[int, Field(ge=0, le=600)]
    days_per_week: Annotated[int, Field(ge=1, le=7)]
    note: RunnerText | None = None

    @model_validator(mode="after")
    def _has_amount(self) -> Dosage:
        if self.reps is None and self.hold_s is None and self.duration_s is None:
            raise ValueError("give reps, hold_s or duration_s")
        return self

    def summary(self) -> str:
        """Plain words, e.g. ``3 sets of 15 (each side), rest 60 s, 3 days a week``."""
        return self.summary_i18n().english

    def summary_i18n(self) -> Message:
        """:meth:`summary` as a sentence to translate: the sets and the days are counted units
        of their own, the amount one of the phrases for what the dose gives."""
        given = (self.reps is not None, self.hold_s is not None, self.duration_s is not None)
        amounts = {"reps": self.reps, "hold_s": self.hold_s, "duration_s": self.duration_s}
        given_amounts = {key: value for key, value in amounts.items() if value is not None}
        amount = Message(text=_AMOUNTS[given], values=given_amounts)
        return Message.of(
            _DOSE_EACH_SIDE if self.each_side else _DOSE,
            sets=Message.of(_SETS, count_key="count", count=self.sets),
            amount=amount,
            rest_s=self.rest_s,
            days=Message.of(DAYS, count_key="count", count=self.days_per_week),
        )


_DOSE = N_("%(sets)s of %(amount)s, rest %(rest_s)s s, %(days)s a week")
_DOSE_EACH_SIDE = N_("%(sets)s of %(amount)s (each side), rest %(rest_s)s s, %(days)s a week")
_SETS = NN_("%(count)s set", "%(count)s sets")
DAYS = NN_("%(count)s day", "%(count)s days")
"""A count of days, a message of its own inside a sentence ("at least %(needed)s")."""
_AMOUNTS = {  # (reps, hold, duration given): the amount in words
    (True, False, False): "%(reps)s",  # a number alone: nothing to translate
    (False, True, False): N_("%(hold_s)s s hold"),
    (False, False, True): N_("%(duration_s)s s"),
    (True, True, False): N_("%(reps)s, %(hold_s)s s each"),
    (True, False, True): N_("%(reps)s, %(duration_s)s s"),
    (False, True, True): N_("%(hold_s)s s hold, %(duration_s)s s"),
    (True, True, True): N_("%(reps)s, %(hold_s)s s each, %(duration_s)s s"),
}


class Exercise(Strict):
    """One exercise in the library."""

    id: SnakeId
    name: RunnerText
    category: ExerciseCategory
    loading_stage: LoadingStage | None = None
    purpose: RunnerText
    steps: Annotated[list[RunnerText], Field(min_length=2)]
    dosage: Dosage
    easier: RunnerText
    harder: RunnerText
    when_not_to_do: Annotated[list[RunnerText], Field(min_length=1)]
    conditions: list[SnakeId]
    sources: SourceIds
    pose: Pose | None = None
