"""Where the sample clip lies (a walker with a passer-by, ``sports2d-demo.mp4``), for the
form tests and the form benchmark: ``RUNKNEE_SAMPLE_CLIP`` when set, else the shared data
folder beside this checkout (``../shared/data/video``) or inside it (``shared/``)."""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
NAME = "sports2d-demo.mp4"


def sample_clip() -> Path:
    """The first place the clip is found, or the first place looked at (tests skip on it)."""
    chosen = os.environ.get("RUNKNEE_SAMPLE_CLIP")
    places = [Path(chosen)] if chosen else []
    places += [
        CHECKOUT.parent / "shared" / "data" / "video" / NAME,
        CHECKOUT / "shared" / "data" / "video" / NAME,
    ]
    return next((place for place in places if place.exists()), places[0])


SAMPLE_CLIP = sample_clip()
