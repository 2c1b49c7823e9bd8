"""Server-side SVG line plots for the form report (no JavaScript, CSP-clean: no inline
styles, presentation attributes only)."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from runknee.api import form_checks
from runknee.i18n import _

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 30
COLOURS = {"left": "#1f5fbf", "right": "#b34d00"}


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    step = (high - low) / count or 1.0
    magnitude = 10 ** math.floor(math.log10(step))
    step = min((m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= step), default=step)
    start = math.floor(low / step) * step
    return [start + i * step for i in range(count + 3) if start + i * step <= high + 1e-9]


def angle_plot_svg(series: form_checks.Series) -> Markup:
    """A line plot of one series (left and right legs) with foot contacts as ticks."""
    values = [v for v in series.left + series.right if v is not None]
    if not values or len(series.times_s) < 2:
        return Markup("")
    low, high = min(values), max(values)
    if high - low < 1:
        low, high = low - 1, high + 1
    t0, t1 = series.times_s[0], series.times_s[-1]

    def x(t: float) -> float:
        return LEFT + (t - t0) / ((t1 - t0) or 1) * (WIDTH - LEFT - RIGHT)

    def y(v: float) -> float:
        return TOP + (high - v) / (high - low) * (HEIGHT - TOP - BOTTOM)

    title = _(
        "%(label)s (%(unit)s) over the clip; left leg blue, right leg orange; "
        "short marks are foot contacts"
    ) % {"label": _(series.label), "unit": series.unit}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="plot-{escape(series.id)}" class="form-plot">',
        f'<title id="plot-{escape(series.id)}">{escape(title)}</title>',
    ]
    for tick in _ticks(low, high):
        if low <= tick <= high:
            parts.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                f'stroke="#dddddd" stroke-width="1"/>'
                f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" '
                f'fill="#333333">{tick:g}</text>'
            )
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end" font-size="11" '
        f'fill="#333333">time: {t1 - t0:.1f} s</text>'
    )
    sides = {"left": series.left, "right": series.right}
    if series.left == series.right:
        sides = {"left": series.left}
    for side, points in sides.items():
        for path in _paths(
            [(x(t), y(v)) for t, v in zip(series.times_s, points, strict=True) if v is not None]
        ):
            parts.append(
                f'<polyline fill="none" stroke="{COLOURS[side]}" stroke-width="2" points="{path}"/>'
            )
    contacts = {"left": series.contacts_left_s, "right": series.contacts_right_s}
    for side, stamps in contacts.items():
        for stamp in stamps:
            parts.append(
                f'<line x1="{x(stamp):.1f}" x2="{x(stamp):.1f}" y1="{HEIGHT - BOTTOM}" '
                f'y2="{HEIGHT - BOTTOM + 8}" stroke="{COLOURS[side]}" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _paths(points: list[tuple[float, float]]) -> list[str]:
    return [" ".join(f"{px:.1f},{py:.1f}" for px, py in points)] if points else []


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for the report, or a dash."""
    return "\u2013" if value is None else f"{value:.{digits}g}"
