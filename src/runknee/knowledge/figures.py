"""Project-drawn SVG figures that show a runner how to do a self-check (``data/figures/``)."""

from __future__ import annotations

import re
from importlib import resources

from runknee.errors import NotFoundError

_FIGURE_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def figure_svg(figure_id: str) -> str:
    """The SVG text of one figure (raises :class:`NotFoundError` for an unknown id)."""
    if not _FIGURE_ID.match(figure_id):
        raise NotFoundError("figure", figure_id)
    path = resources.files("runknee.knowledge").joinpath("data", "figures", f"{figure_id}.svg")
    if not path.is_file():
        raise NotFoundError("figure", figure_id)
    return path.read_text("utf-8")
