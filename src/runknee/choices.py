"""Small fixed choices that both the core and the faces name (standard library only, so that a
command's options load without the rest of runknee)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

__all__ = ["Gait", "Route", "SessionType", "Sport", "Surface", "View"]

Sport = Literal["running", "walking", "hiking", "cycling", "swimming", "rowing", "other"]
"""The diary's own sport names (an export's unknown sport is kept as its own snake-case name;
:func:`runknee.vocabulary.sport_words` reads those as they are)."""
View = Literal["side", "back"]
"""A form check's camera view."""
Gait = Literal["running", "walking", "unknown"]
"""What a form check saw the person do."""


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
