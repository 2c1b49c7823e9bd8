"""A printable PDF summary of an assessment and its care plan, made locally with fpdf2.

The page reads in the order a runner needs it: how urgent it is first, then the red flags,
the likely conditions with their chances in words, what they can change, the plan, and last
the disclaimer, the knowledge-base version and the sources. The standard PDF fonts are used, so
nothing outside the package is needed; text is reduced to Latin-1 (the fonts' character set).
"""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from runknee.engine.advice import (
    NOT_CHECKED,
    UNTIL_SEEN_NOTE,
    WARNING_SIGNS,
    rule_groups,
    self_care_applies,
)
from runknee.engine.plan_result import CarePlan
from runknee.engine.result import AssessmentResult, chance_words
from runknee.export.summary import cited_sources, question_text, rationale, source_line
from runknee.knowledge.loader import KnowledgeBase

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
        self.cell(0, 5, f"runknee summary - not a diagnosis - page {self.page_no()}/{{nb}}")


class _Writer:
    """Small layout helpers over one :class:`FPDF` document."""

    def __init__(self, pdf: FPDF) -> None:
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
        self.keep(25)
        self.pdf.ln(3)
        self.text(text, size=13, style="B")
        self.pdf.ln(1)

    def bullet(self, text: str, size: float = 10) -> None:
        self.text(f"- {text}", size=size)


def build_pdf(
    knowledge: KnowledgeBase,
    result: AssessmentResult,
    *,
    generated_at: datetime,
    app_version: str,
    plan: CarePlan | None = None,
) -> bytes:
    """Render the assessment (and plan) as a PDF document.

    Args:
        knowledge: the knowledge base (condition names and codes, questions, sources).
        result: the assessment.
        generated_at: the time printed on the page and stored as the PDF's creation date.
        app_version: runknee's version, printed with the knowledge-base version.
        plan: the care plan; left out, the page has the leading condition's self-care text.

    Returns:
        The PDF file's bytes (they start with ``%PDF``).
    """
    pdf = _Page(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_creation_date(generated_at)
    pdf.set_creator(f"runknee {app_version}")
    pdf.set_title("runknee: knee pain summary")
    pdf.add_page()
    out = _Writer(pdf)
    out.text("runknee: knee pain summary", size=18, style="B")
    out.text(f"Made on {generated_at:%d %B %Y, %H:%M %Z}".strip(), size=9, rgb=_MUTED_RGB)
    _urgency(out, result)
    _red_flags(out, knowledge, result)
    _conditions(out, knowledge, result)
    _factors(out, result)
    if plan is not None:
        _plan(out, plan)
    else:
        _self_care(out, knowledge, result)
    _about(out, knowledge, result, plan, app_version)
    return bytes(pdf.output())


def _urgency(out: _Writer, result: AssessmentResult) -> None:
    advice = result.urgency_advice
    out.heading("How urgent")
    rgb = _URGENT_RGB if result.urgency.rank >= 2 else _TEXT_RGB
    out.text(advice.label, size=16, style="B", rgb=rgb)
    out.text(advice.what_to_do)
    out.text(f"By when: {advice.by_when}", style="B")


def _red_flags(out: _Writer, knowledge: KnowledgeBase, result: AssessmentResult) -> None:
    groups = rule_groups(result)
    if not groups:
        out.heading(WARNING_SIGNS.heading)
        out.text("None of your answers is a warning sign.")
    for group in groups:
        out.heading(group.words.heading)
        for rule in group.rules:
            if group.instructions:
                out.text(f"{rule.name}: {rule.advice}", style="B")
                out.text(rule.explanation, size=9)
            else:
                out.text(rule.name, style="B")
                out.text(f"Why it matters: {rule.explanation}", size=9)
            out.pdf.ln(1)
    if result.open_red_flags:
        out.text(f"{NOT_CHECKED.heading}:", 9, style="B", rgb=_MUTED_RGB)
        for still_open in result.open_red_flags:
            asked = "; ".join(
                dict.fromkeys(question_text(knowledge, q) for q in still_open.questions)
            )
            out.bullet(f"{still_open.name}{f'. Not answered: {asked}' if asked else ''}", size=9)


def _conditions(out: _Writer, knowledge: KnowledgeBase, result: AssessmentResult) -> None:
    out.heading("What it is likely to be")
    out.text("Chances are runknee's estimates from your answers. They are not a diagnosis.", 9)
    for ranked in result.conditions:
        known = knowledge.conditions.get(ranked.id)
        detail = f" ({known.clinical_name}, ICD-10 {known.codes.icd10})" if known else ""
        out.text(f"{ranked.name}{detail}: {chance_words(ranked.probability)}", style="B")
        out.text(f"Why: {rationale(knowledge, ranked.supporting)}", size=9)
        out.pdf.ln(1)


def _factors(out: _Writer, result: AssessmentResult) -> None:
    out.heading("Things you can change")
    if not result.contributing_factors:
        out.text("Your answers point to no particular training or footwear factor.")
    for factor in result.contributing_factors:
        out.text(factor.name, style="B")
        out.text(f"{factor.why_it_matters} {factor.advice}", size=9)


def _plan(out: _Writer, plan: CarePlan) -> None:
    out.heading("Your plan")
    out.text(plan.headline, style="B")
    _section(out, "Today", [f"{a.title}: {a.text}" for a in plan.now])
    _section(out, "Avoid", [f"{a.title}: {a.text}" for a in plan.avoid])
    if plan.pain_rule is not None:
        _section(out, "The pain rule", [plan.pain_rule.explanation])
    if plan.programme is not None:
        lines = [
            f"{phase.name}: {phase.goal} "
            + "; ".join(f"{e.name} ({e.dosage})" for e in phase.exercises)
            for phase in plan.programme.phases
        ]
        _section(out, f"Exercise programme: {plan.programme.name}", lines)
    if plan.return_to_running is not None:
        running = plan.return_to_running
        _section(out, "Back to running", [running.summary, *(s.text for s in running.stages)])
    _section(out, "Get help sooner if", [f"{r.symptom}: {r.action}" for r in plan.review_triggers])
    _section(out, "Keeping it away", [f"{p.title}: {p.text}" for p in plan.prevention])


def _section(out: _Writer, title: str, lines: list[str]) -> None:
    if not lines:
        return
    out.keep(20)
    out.pdf.ln(1)
    out.text(title, size=11, style="B")
    for line in lines:
        out.bullet(line, size=9)


def _self_care(out: _Writer, knowledge: KnowledgeBase, result: AssessmentResult) -> None:
    leading = knowledge.conditions.get(result.conditions[0].id) if result.conditions else None
    if leading is not None:
        out.heading("Self-care")
        if self_care_applies(knowledge, result, leading.id):
            out.text(leading.self_care)
            out.text(f"Who to see: {leading.see_whom}", size=9)
        else:
            out.text(UNTIL_SEEN_NOTE)


def _about(
    out: _Writer,
    knowledge: KnowledgeBase,
    result: AssessmentResult,
    plan: CarePlan | None,
    app_version: str,
) -> None:
    out.heading("About this summary")
    out.text(result.disclaimer, style="B")
    out.text(
        f"Made by runknee {app_version} with knowledge base {result.knowledge_version}.",
        size=9,
        rgb=_MUTED_RGB,
    )
    sources = cited_sources(knowledge, result, plan)
    if sources:
        out.heading("Sources")
        for source in sources:
            out.bullet(source_line(source), size=8)
