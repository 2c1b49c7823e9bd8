"""Small fixed choices that both the core and the faces name (standard library only, so that a
command's options load without the rest of runknee)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Route", "SessionType", "Surface"]


class Surface(StrEnum):
    """Where a run was done."""

    road = "road"
    trail = "trail"
    track = "track"
    treadmill = "treadmill"
    grass = "grass"


class Route(StrEnum):
    """The shape of the ground."""

    flat = "flat"
    hilly = "hilly"
    cambered = "cambered"


class SessionType(StrEnum):
    """What kind of session a run was."""

    easy = "easy"
    long = "long"
    intervals = "intervals"
    hills = "hills"
    race = "race"
    other = "other"
