"""The diary chart: weekly running distance as bars and weekly mean pain as a line, an SVG
drawn on the server (no JavaScript). The page repeats the numbers in a table."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from runknee.api import WeekSummary
from runknee.i18n import _, ngettext

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 12, 40


def _nice_max_km(weeks: Sequence[WeekSummary]) -> float:
    top = max((w.run_distance_m for w in weeks), default=0.0) / 1000
    step = 10 if top > 40 else 5
    return max(step, step * (int(top // step) + 1))


def weekly_chart(weeks: Sequence[WeekSummary], chart_id: str = "diary-chart") -> Markup:
    """Bars of weekly run km (left axis) and a line of weekly mean pain 0-10 (right axis)."""
    count = max(len(weeks), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_km = _nice_max_km(weeks)
    slot = plot_w / count
    title = escape(_("Running km and knee pain by week"))  # outside the f-string: extracted
    parts = [
        f'<svg class="diary-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{title}</title>',
        f'<desc id="{chart_id}-desc">{escape(_describe(weeks))}</desc>',
    ]
    for step in range(5):
        y = TOP + plot_h * step / 4
        km = top_km * (4 - step) / 4
        parts.append(
            f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
        )
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}">{km:g}</text>')
        parts.append(
            f'<text class="tick tick-right" x="{WIDTH - RIGHT + 6}" y="{y + 4:.1f}">{10 - step * 2.5:g}</text>'
        )
    points = []
    for index, week in enumerate(weeks):
        x = LEFT + slot * index
        height = plot_h * (week.run_distance_m / 1000) / top_km
        if height > 0:
            parts.append(
                f'<rect class="bar" x="{x + slot * 0.15:.1f}" y="{TOP + plot_h - height:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{height:.1f}"/>'
            )
        if index % max(1, count // 6) == 0:
            parts.append(
                f'<text class="tick tick-x" x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}">{week.week_start:%d %b}</text>'
            )
        if week.pain_mean_0_10 is not None:
            points.append((x + slot / 2, TOP + plot_h * (10 - week.pain_mean_0_10) / 10))
    if points:
        parts.append('<g class="series series-pain">')
        if len(points) > 1:
            parts.append(
                '<polyline points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>'
            )
        parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5"/>' for x, y in points)
        parts.append("</g>")
    km_label, pain_label = escape(_("km per week (bars)")), escape(_("pain 0-10 (line)"))
    parts.append(f'<text class="axis-label" x="{LEFT}" y="{HEIGHT - 4}">{km_label}</text>')
    parts.append(
        f'<text class="axis-label axis-label-right" x="{WIDTH - RIGHT}" y="{HEIGHT - 4}">{pain_label}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def _describe(weeks: Sequence[WeekSummary]) -> str:
    if not weeks:
        return _("No weeks to show.")
    last = weeks[-1]
    figures = {
        "count": last.run_count,
        "km": f"{last.run_distance_m / 1000:.1f}",
        "pain": f"{last.pain_mean_0_10:g}" if last.pain_mean_0_10 is not None else "",
    }
    if last.pain_mean_0_10 is None:
        latest = ngettext(
            "Latest week: %(km)s km in %(count)s run.",
            "Latest week: %(km)s km in %(count)s runs.",
            last.run_count,
        )
    else:
        latest = ngettext(
            "Latest week: %(km)s km in %(count)s run, mean pain %(pain)s out of 10.",
            "Latest week: %(km)s km in %(count)s runs, mean pain %(pain)s out of 10.",
            last.run_count,
        )
    span = ngettext("%(count)s week from %(day)s.", "%(count)s weeks from %(day)s.", len(weeks))
    first = {"count": len(weeks), "day": f"{weeks[0].week_start:%d %B %Y}"}
    return " ".join(
        (span % first, latest % figures, _("The table below gives every week's figures."))
    )
