"""A printable summary for a clinician, made locally with fpdf2: one or two A4 pages, and one
more page when the runner follows a plan.

It opens with the runner's age and sex and the date, then the urgency and its reasons, the likely
causes with their chances, every answer given ("don't know" shown as such), the warning signs
checked and their results, the contributing factors, the care plan (with the current phase and
the logged sessions as a table and a chart when a plan is followed), and last the disclaimer,
the versions and the sources. The standard PDF fonts are used, so nothing outside the package is
needed; text is reduced to Latin-1 (the fonts' character set).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from runknee.engine.advice import UNTIL_SEEN_NOTE, rule_groups, self_care_applies
from runknee.engine.case import Case
from runknee.engine.plan_result import CarePlan
from runknee.engine.result import AssessmentResult
from runknee.export.pdf_chart import pain_chart
from runknee.export.summary import (
    CHECK_WORDS,
    FollowedPlan,
    answers_given,
    cited_sources,
    rationale,
    runner_words,
    short_citation,
    urgency_reason_words,
    warning_signs_checked,
)
from runknee.i18n import _, say
from runknee.knowledge.loader import KnowledgeBase
from runknee.vocabulary import chance_words, percent_text, strength_words

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2022": "-",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2192": "->",
        "\u00a0": " ",
    }
)
_URGENT_RGB = (160, 20, 20)
_TEXT_RGB = (20, 20, 20)
_MUTED_RGB = (90, 90, 90)


def latin1(text: str) -> str:
    """``text`` in the standard fonts' character set: quotes and dashes simplified, '?' else."""
    return text.translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")


class _Page(FPDF):
    """A4 pages with a footer that repeats the disclaimer's gist and the page number."""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        self.set_text_color(*_MUTED_RGB)
        footer = _("runknee summary - not a diagnosis - page %(page)s/%(pages)s")
        self.cell(0, 5, footer % {"page": self.page_no(), "pages": "{nb}"})

    def table_rows(
        self, rows: Sequence[tuple[str, ...]], widths: tuple[int, ...], size: float
    ) -> None:
        """A plain table (header row first), wrapped cells, repeated header on a new page."""
        self.set_font("helvetica", size=size)
        self.set_text_color(*_TEXT_RGB)
        with self.table(
            col_widths=widths,
            line_height=size * 0.45,
            padding=0.6,
            text_align="LEFT",
            first_row_as_headings=True,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            for row in rows:
                cells = table.row()
                for value in row:
                    cells.cell(latin1(value))


class _Writer:
    """Small layout helpers over one :class:`FPDF` document."""

    def __init__(self, pdf: _Page) -> None:
        self.pdf = pdf

    def text(
        self, text: str, size: float = 10, style: str = "", rgb: tuple[int, int, int] = _TEXT_RGB
    ) -> None:
        self.pdf.set_font("helvetica", style=style, size=size)
        self.pdf.set_text_color(*rgb)
        self.pdf.multi_cell(
            0, size * 0.5, latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def keep(self, height_mm: float) -> None:
        """Start a new page unless ``height_mm`` still fits (no heading alone at the bottom)."""
        if self.pdf.get_y() + height_mm > self.pdf.h - self.pdf.b_margin:
            self.pdf.add_page()

    def heading(self, text: str) -> None:
        self.keep(18)
        self.pdf.ln(2)
        self.text(text, size=11.5, style="B")
        self.pdf.ln(0.5)

    def bullet(self, text: str, size: float = 10) -> None:
        self.text(f"- {text}", size=size)


def build_pdf(
    knowledge: KnowledgeBase,
    result: AssessmentResult,
    *,
    generated_at: datetime,
    app_version: str,
    plan: CarePlan | None = None,
    case: Case | None = None,
    assessed_at: datetime | None = None,
    followed: FollowedPlan | None = None,
) -> bytes:
    """Render the assessment (and plan) as a PDF document.

    Args:
        knowledge: the knowledge base (condition names and codes, questions, sources).
        result: the assessment.
        generated_at: the time printed on the page and stored as the PDF's creation date.
        app_version: runknee's version, printed with the knowledge-base version.
        plan: the care plan; left out, the page has the leading condition's self-care text.
        case: the answers (age, sex and every answer are printed when given).
        assessed_at: when the assessment was made (default: ``generated_at``).
        followed: the plan the runner follows, printed on a page of its own.

    Returns:
        The PDF file's bytes (they start with ``%PDF``).
    """
    pdf = _Page(format="A4")
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_creation_date(generated_at)
    pdf.set_creator(f"runknee {app_version}")
    pdf.set_title(_("runknee: knee pain summary"))
    pdf.add_page()
    out = _Writer(pdf)
    out.text(_("runknee: knee pain summary for a clinician"), size=16, style="B")
    when = assessed_at or generated_at
    runner = runner_words(case) if case is not None else _("age and sex not given")
    values = {"runner": runner, "date": f"{when:%d %B %Y}"}
    out.text(_("Runner: %(runner)s. Assessed on %(date)s.") % values, size=10, style="B")
    made = {"time": f"{generated_at:%d %B %Y, %H:%M %Z}".strip()}
    out.text(_("Summary made on %(time)s") % made, 8, rgb=_MUTED_RGB)
    _urgency(out, knowledge, result)
    _conditions(out, knowledge, result)
    if case is not None:
        _answers(out, knowledge, case)
    _warning_signs(out, knowledge, result)
    _factors(out, result)
    if plan is not None:
        _plan(out, plan)
    else:
        _self_care(out, knowledge, result)
    _about(out, knowledge, result, plan, app_version)
    if followed is not None:
        _followed(out, followed)
    return bytes(pdf.output())


def _urgency(out: _Writer, knowledge: KnowledgeBase, result: AssessmentResult) -> None:
    advice = result.urgency_advice
    out.heading(_("How urgent"))
    rgb = _URGENT_RGB if result.urgency.rank >= 2 else _TEXT_RGB
    out.text(advice.label, size=13, style="B", rgb=rgb)
    values = {"advice": advice.what_to_do, "when": advice.by_when}
    out.text(_("%(advice)s By when: %(when)s.") % values, size=9)
    for reason in urgency_reason_words(knowledge, result):
        out.bullet(_("Because: %(reason)s") % {"reason": reason}, size=9)
    line = _("%(label)s: %(rule)s. %(text)s")
    for group in rule_groups(result):
        for rule in group.rules:
            if group.instructions:
                values = {"label": _(group.words.label), "rule": rule.name, "text": rule.advice}
                out.bullet(line % values, size=9)
            else:
                values = {"label": _(group.words.heading), "rule": rule.name}
                out.bullet(line % {**values, "text": rule.explanation}, size=8.5)


def _conditions(out: _Writer, knowledge: KnowledgeBase, result: AssessmentResult) -> None:
    out.heading(_("What it is likely to be"))
    out.text(_("Chances are runknee's estimates from the answers. They are not a diagnosis."), 8)
    rows = [(_("Condition"), _("Chance"), _("Main reasons"))]
    for ranked in result.conditions:
        known = knowledge.conditions.get(ranked.id)
        name = ranked.name
        if known:
            values = {"name": name, "clinical": known.clinical_name, "icd10": known.codes.icd10}
            name = _("%(name)s (%(clinical)s, ICD-10 %(icd10)s)") % values
        chance = f"{chance_words(ranked.probability)} ({percent_text(ranked.probability)})"
        rows.append((name, chance, rationale(knowledge, ranked.supporting, 2)))
    out.pdf.table_rows(rows, (55, 28, 95), 8)


def _answers(out: _Writer, knowledge: KnowledgeBase, case: Case) -> None:
    rows = answers_given(knowledge, case)
    out.heading(_("Every answer given (%(count)s)") % {"count": len(rows)})
    out.pdf.table_rows([(_("Question"), _("Answer")), *rows], (150, 28), 7.5)


def _warning_signs(out: _Writer, knowledge: KnowledgeBase, result: AssessmentResult) -> None:
    rows = warning_signs_checked(knowledge, result)
    out.heading(_("Warning signs checked"))
    shown = [
        (rule.name, _(CHECK_WORDS[status])) for rule, status in rows if status != "not_present"
    ]
    absent = [rule.name for rule, status in rows if status == "not_present"]
    if shown:
        out.pdf.table_rows([(_("Warning sign"), _("Result")), *shown], (130, 48), 8)
    if absent:
        values = {"count": len(absent), "signs": "; ".join(absent)}
        out.text(_("Not present (%(count)s): %(signs)s.") % values, size=8)


def _factors(out: _Writer, result: AssessmentResult) -> None:
    out.heading(_("Contributing factors"))
    if not result.contributing_factors:
        out.text(_("The answers point to no particular training or footwear factor."), size=9)
    for factor in result.contributing_factors:
        strength = strength_words(factor.evidence_strength)
        values = {"factor": factor.name, "strength": strength, "advice": factor.advice}
        out.bullet(_("%(factor)s (%(strength)s): %(advice)s") % values, size=8.5)


def _plan(out: _Writer, plan: CarePlan) -> None:
    out.heading(_("Your plan (care plan offered)"))
    out.text(say(plan.headline, plan.headline_i18n), size=9, style="B")
    today = "; ".join(a.title for a in plan.now)
    out.bullet(_("Today: %(actions)s") % {"actions": today}, size=8.5)
    if plan.programme is not None:
        phases = "; ".join(
            _("%(number)s. %(phase)s") % {"number": n, "phase": phase.name}
            for n, phase in enumerate(plan.programme.phases, start=1)
        )
        values = {"programme": plan.programme.name, "phases": phases}
        out.bullet(_("Exercise programme, %(programme)s: %(phases)s") % values, size=8.5)
    if plan.return_to_running is not None:
        back = {"summary": plan.return_to_running.summary}
        out.bullet(_("Back to running: %(summary)s") % back, size=8.5)
    triggers = "; ".join(r.symptom for r in plan.review_triggers)
    if triggers:
        out.bullet(_("Get help sooner if: %(signs)s") % {"signs": triggers}, size=8.5)


def _self_care(out: _Writer, knowledge: KnowledgeBase, result: AssessmentResult) -> None:
    leading = knowledge.conditions.get(result.conditions[0].id) if result.conditions else None
    if leading is not None:
        out.heading(_("Self-care"))
        if self_care_applies(knowledge, result, leading.id):
            out.text(leading.self_care, size=9)
            out.text(_("Who to see: %(whom)s") % {"whom": leading.see_whom}, size=8)
        else:
            out.text(_(UNTIL_SEEN_NOTE), size=9)


def _followed(out: _Writer, followed: FollowedPlan) -> None:
    out.pdf.add_page()
    out.text(_("The plan being followed"), size=14, style="B")
    values = {"date": f"{followed.started:%d %B %Y}", "headline": followed.headline}
    out.text(_("Started on %(date)s. %(headline)s") % values, size=9)
    if followed.phase is not None:
        out.text(_("Current phase: %(phase)s") % {"phase": followed.phase}, size=10, style="B")
        if followed.exercises:
            exercises = {"exercises": "; ".join(followed.exercises)}
            out.text(_("Exercises: %(exercises)s") % exercises, size=8.5)
    if followed.stage is not None:
        out.text(_("Walk-run: %(stage)s") % {"stage": followed.stage}, size=9)
    out.heading(_("Logged sessions (%(count)s)") % {"count": len(followed.sessions)})
    if not followed.sessions:
        out.text(_("No sessions logged yet."), size=9)
        return
    header = (_("Date"), _("Kind"), _("Pain during"), _("After"), _("Next morning"))
    rows = [("#", *header, _("Decision"))]
    for s in followed.sessions[-14:]:
        morning = "-" if s.pain_next_morning is None else f"{s.pain_next_morning}/10"
        rows.append(
            (
                str(s.number),
                f"{s.on:%d %b %Y}",
                s.kind,
                f"{s.pain_during}/10",
                f"{s.pain_after}/10",
                morning,
                s.decision,
            )
        )
    out.pdf.table_rows(rows, (8, 20, 20, 20, 14, 22, 74), 8)
    out.text(_("Pain trend: %(trend)s") % {"trend": followed.trend}, size=9)
    out.keep(70)
    pain_chart(out.pdf, followed.sessions, latin1)


def _about(
    out: _Writer,
    knowledge: KnowledgeBase,
    result: AssessmentResult,
    plan: CarePlan | None,
    app_version: str,
) -> None:
    out.heading(_("About this summary"))
    out.text(_(result.disclaimer), size=8, style="B")
    values = {"version": app_version, "kb": result.knowledge_version}
    made = _("Made by runknee %(version)s with knowledge base %(kb)s.") % values
    out.text(made, size=8, rgb=_MUTED_RGB)
    sources = cited_sources(knowledge, result, plan)
    if sources:
        cited = {"sources": "; ".join(short_citation(source) for source in sources)}
        line = _("Sources: %(sources)s. Full references: runknee sources.") % cited
        out.text(line, size=7, rgb=_MUTED_RGB)
