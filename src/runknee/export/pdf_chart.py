"""The pain chart of the clinician summary: pain during and after each logged session, 0-10."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from fpdf import FPDF

from runknee.export.summary import SessionRow
from runknee.i18n import _

_DURING_RGB = (30, 90, 170)
_AFTER_RGB = (200, 90, 20)


def pain_chart(
    pdf: FPDF, sessions: Sequence[SessionRow], latin1: Callable[[str], str], height: float = 50
) -> None:
    """Draw the chart at the current position, full width, and move below it."""
    left = pdf.l_margin + 8
    width = pdf.w - pdf.r_margin - left
    top = pdf.get_y() + 6
    pdf.set_font("helvetica", style="B", size=9)
    pdf.set_text_color(20, 20, 20)
    pdf.text(pdf.l_margin, top - 2, latin1(_("Pain scores by session (0 = none, 10 = worst)")))
    pdf.set_draw_color(180, 180, 180)
    pdf.set_line_width(0.2)
    pdf.set_font("helvetica", size=7)
    for level in range(0, 11, 2):
        y = top + height - height * level / 10
        pdf.line(left, y, left + width, y)
        pdf.text(pdf.l_margin + 2, y + 1, str(level))
    count = len(sessions)
    step = width / max(count - 1, 1)
    points = {
        "during": [
            (left + i * step, top + height - height * s.pain_during / 10)
            for i, s in enumerate(sessions)
        ],
        "after": [
            (left + i * step, top + height - height * s.pain_after / 10)
            for i, s in enumerate(sessions)
        ],
    }
    for name, rgb in (("during", _DURING_RGB), ("after", _AFTER_RGB)):
        pdf.set_draw_color(*rgb)
        pdf.set_fill_color(*rgb)
        pdf.set_line_width(0.6)
        line = points[name]
        for (x1, y1), (x2, y2) in itertools.pairwise(line):
            pdf.line(x1, y1, x2, y2)
        for x, y in line:
            pdf.circle(x=x, y=y, radius=0.9, style="F")
    pdf.set_text_color(20, 20, 20)
    for i, s in enumerate(sessions):
        pdf.text(left + i * step - 1, top + height + 4, str(s.number))
    legend_y = top + height + 9
    for offset, (label, rgb) in enumerate(
        ((_("Pain during"), _DURING_RGB), (_("Pain after"), _AFTER_RGB))
    ):
        x = left + offset * 40
        pdf.set_fill_color(*rgb)
        pdf.rect(x, legend_y - 2.5, 4, 3, style="F")
        pdf.text(x + 6, legend_y, label)
    pdf.text(left + 90, legend_y, _("Session number along the bottom"))
    pdf.set_y(legend_y + 4)
