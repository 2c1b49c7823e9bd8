"""The diary's data: activities with their per-km summary, pain entries, shoes, and the
import error every parser raises instead of crashing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, model_validator

from runknee.choices import Route as Route
from runknee.choices import SessionType as SessionType
from runknee.choices import Surface as Surface
from runknee.i18n import Message

RUN_SPORTS = frozenset({"running"})


class ActivityFileError(ValueError):
    """A file that could not be read as an activity: ``reason`` says why in plain English words,
    ``reason_i18n`` is the same sentence as a message to show in the runner's language."""

    def __init__(self, file_name: str, reason: Message) -> None:
        super().__init__(f"{file_name}: {reason.english}")
        self.file_name = file_name
        self.reason = reason.english
        self.reason_i18n = reason

    def __reduce__(self) -> tuple[type[ActivityFileError], tuple[str, Message]]:
        # rebuilt from its own arguments when it crosses a process pool
        return type(self), (self.file_name, self.reason_i18n)


def english(notes: Iterable[Message]) -> tuple[str, ...]:
    """The English of each note (an activity keeps both: ``import_notes`` and its ``_i18n``)."""
    return tuple(note.english for note in notes)


class KmSplit(BaseModel):
    """One kilometre of an activity (the last one may be shorter)."""

    model_config = ConfigDict(frozen=True)

    km: int = Field(ge=1, description="1 for the first kilometre.")
    distance_m: float
    duration_s: float
    avg_hr_bpm: float | None = None
    elevation_gain_m: float | None = None


class Activity(BaseModel):
    """One activity as read from a file (or entered by hand), without raw records."""

    model_config = ConfigDict(frozen=True)

    sport: str = Field(description="running, cycling, walking, swimming, rowing, ... or other.")
    start_utc: datetime = Field(description="Start time, timezone-aware UTC.")
    utc_offset_s: int | None = Field(None, description="Local time minus UTC, when known.")
    duration_s: float = Field(ge=0, description="Elapsed time.")
    moving_s: float | None = Field(None, ge=0, description="Timer or moving time.")
    distance_m: float | None = Field(None, ge=0)
    elevation_gain_m: float | None = None
    elevation_loss_m: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    avg_cadence_spm: float | None = Field(None, description="Steps per minute for runs.")
    max_cadence_spm: float | None = None
    device: str | None = None
    source_format: str = Field(description="fit, gpx, tcx, strava_csv or manual.")
    source_name: str | None = None
    source_sha256: str | None = None
    name: str | None = None
    notes: str | None = None
    gear: str | None = Field(None, description="Gear named by the export (a shoe, usually).")
    has_pace: bool = Field(True, description="False for routes without times.")
    import_notes: tuple[str, ...] = Field(
        (), description="What was salvaged or guessed, in English (``import_notes_i18n``)."
    )
    import_notes_i18n: tuple[Message | None, ...] = Field(
        (),
        description="The same notes, each as a message to translate (``null`` for a note "
        "stored before messages were kept, shown as written).",
    )
    splits: tuple[KmSplit, ...] = ()

    @model_validator(mode="after")
    def _a_message_per_note(self) -> Activity:
        if self.import_notes_i18n and len(self.import_notes_i18n) != len(self.import_notes):
            raise ValueError("import_notes_i18n: one per import note, or none")
        return self

    @property
    def notes_with_messages(self) -> tuple[tuple[str, Message | None], ...]:
        """Each import note's English and its message (``None`` for a note stored before
        messages were kept): what a face shows with ``runknee.i18n.say``."""
        messages = self.import_notes_i18n or (None,) * len(self.import_notes)
        return tuple(zip(self.import_notes, messages, strict=False))

    @property
    def end_utc(self) -> datetime:
        """Start plus elapsed time."""
        return self.start_utc + timedelta(seconds=self.duration_s)

    @property
    def is_run(self) -> bool:
        """Runs are analysed as running load; other sports count as cross-training."""
        return self.sport in RUN_SPORTS

    @cached_property
    def local_date(self) -> date:
        """The runner's calendar day (UTC when the offset is unknown)."""
        return (self.start_utc + timedelta(seconds=self.utc_offset_s or 0)).date()


class ParsedFile(BaseModel):
    """What one file gave: its activities (several for chained or multisport files)."""

    model_config = ConfigDict(frozen=True)

    file_name: str
    sha256: str
    activities: tuple[Activity, ...]
