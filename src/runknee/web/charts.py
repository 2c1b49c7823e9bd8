"""The pain chart: an SVG drawn on the server (no JavaScript, no chart library).

It is an image with a ``<title>`` and ``<desc>``; the page puts the same numbers in a table.
Series differ in line style and marker shape as well as colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from runknee.i18n import _, ngettext

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 36


@dataclass(frozen=True)
class PainPoint:
    """The pains of one session (0 to 10; next morning unknown until logged)."""

    number: int
    during: int
    after: int
    next_morning: int | None


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + span / 2 if count == 1 else LEFT + span * index / (count - 1)


def _y(pain: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (10 - pain) / 10


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>'
    return f'<polygon points="{x:.1f},{y - 5.5:.1f} {x + 5:.1f},{y + 3.5:.1f} {x - 5:.1f},{y + 3.5:.1f}"/>'


SERIES = (
    ("during", "During", "circle"),
    ("after", "Just after", "square"),
    ("next_morning", "Next morning", "triangle"),
)


def pain_chart(
    points: Sequence[PainPoint], ok_max: int, acceptable_max: int, chart_id: str = "pain-chart"
) -> Markup:
    """An accessible SVG line chart of pain per session, with the pain rule's bands behind it.

    Args:
        points: one per session, oldest first.
        ok_max: the top of the 'fine' band (e.g. 3).
        acceptable_max: the top of the 'acceptable' band (e.g. 5).
        chart_id: prefix for the title and description ids.
    """
    count = len(points)
    # Marked sentences stay outside f-strings, where the catalogue's extractor finds them.
    title, axis = escape(_("Pain after each session, 0 to 10")), escape(_("Session"))
    parts = [
        f'<svg class="pain-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{title}</title>',
        f'<desc id="{chart_id}-desc">{escape(_describe(points, ok_max, acceptable_max))}</desc>',
    ]
    right = WIDTH - RIGHT
    for name, low, high in (
        ("ok", 0, ok_max),
        ("acceptable", ok_max, acceptable_max),
        ("too-much", acceptable_max, 10),
    ):
        parts.append(
            f'<rect class="band band-{name}" x="{LEFT}" y="{_y(high):.1f}" '
            f'width="{right - LEFT}" height="{_y(low) - _y(high):.1f}"/>'
        )
    for pain in range(0, 11, 2):
        y = _y(pain)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 8}" y="{y + 4:.1f}">{pain}</text>')
    step = max(1, count // 10)
    for index, point in enumerate(points):
        if index % step == 0 or index == count - 1:
            x = _x(index, count)
            parts.append(
                f'<text class="tick tick-x" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}">'
                f"{point.number}</text>"
            )
    parts.append(
        f'<text class="axis-label" x="{(LEFT + right) / 2:.0f}" y="{HEIGHT - 2}">{axis}</text>'
    )
    for key, _label, shape in SERIES:
        values = [(i, getattr(p, key)) for i, p in enumerate(points)]
        known = [(i, v) for i, v in values if v is not None]
        if not known:
            continue
        path = " ".join(f"{_x(i, count):.1f},{_y(v):.1f}" for i, v in known)
        parts.append(f'<g class="series series-{key}">')
        if len(known) > 1:
            parts.append(f'<polyline points="{path}"/>')
        parts.extend(_marker(shape, _x(i, count), _y(v)) for i, v in known)
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _describe(points: Sequence[PainPoint], ok_max: int, acceptable_max: int) -> str:
    if not points:
        return _("No sessions logged yet.")
    last = points[-1]
    morning = _("not logged") if last.next_morning is None else f"{last.next_morning}"
    worst = max(max(p.during, p.after) for p in points)
    sentences = (
        ngettext("%(count)s session.", "%(count)s sessions.", len(points)) % {"count": len(points)},
        _("Pain up to %(ok)s is fine, up to %(acceptable)s acceptable.")
        % {"ok": ok_max, "acceptable": acceptable_max},
        _("Worst pain so far: %(worst)s.") % {"worst": worst},
        _(
            "Latest, session %(number)s: during %(during)s, just after %(after)s, "
            "next morning %(morning)s."
        )
        % {"number": last.number, "during": last.during, "after": last.after, "morning": morning},
        _("The table below lists every value."),
    )
    return " ".join(sentences)
