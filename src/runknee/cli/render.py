"""Rich rendering of results for the terminal. JSON output bypasses this module."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from runknee.i18n import _

if TYPE_CHECKING:
    from runknee.api import (
        AssessmentResult,
        Condition,
        EvaluationReport,
        Evidence,
        Explanation,
        Source,
        Urgency,
    )

URGENCY_STYLE = {  # by urgency value, so that this module loads without the facade
    "emergency_ambulance": "bold white on red",
    "emergency": "bold red",
    "consultation_24": "bold dark_orange",
    "consultation": "bold yellow",
    "self_care": "bold green",
}


def render_result(
    console: Console, result: AssessmentResult, questions: Mapping[str, str] | None = None
) -> None:
    """Urgency first, then red flags, the likely conditions and the contributing factors."""
    from runknee.api import chance_words, percent_text, strength_words

    advice = result.urgency_advice
    console.print(
        Panel(
            Group(
                Text(advice.what_to_do),
                Text(_("By when: %(when)s") % {"when": advice.by_when}, style="dim"),
            ),
            title=Text(advice.label, style=URGENCY_STYLE[result.urgency.value]),
            title_align="left",
        )
    )
    _render_rules(console, result)
    _render_open(console, result, questions or {})
    table = Table(title=_("What it is likely to be"), show_lines=False)
    table.add_column(_("Condition"))
    table.add_column(_("Chance"), justify="right")
    table.add_column(_("Why"))
    for condition in result.conditions:
        reasons = "; ".join(_reason(e, questions or {}) for e in condition.supporting[:3]) or "-"
        table.add_row(
            condition.name,
            f"{percent_text(condition.probability)} ({chance_words(condition.probability)})",
            reasons,
        )
    console.print(table)
    if result.contributing_factors:
        console.print(f"[bold]{_('Things you can change')}[/]")
        for factor in result.contributing_factors:
            line = _("- [bold]%(factor)s[/] (%(strength)s): %(advice)s")
            strength = strength_words(factor.evidence_strength)
            console.print(
                line % {"factor": factor.name, "strength": strength, "advice": factor.advice}
            )
    footer = _("%(disclaimer)s Knowledge base %(version)s.")
    console.print(
        f"[dim]{footer % {'disclaimer': result.disclaimer, 'version': result.knowledge_version}}[/]"
    )


def _render_rules(console: Console, result: AssessmentResult) -> None:
    """Fired rules under the same headings as the web page: only rules at the result's urgency
    give their advice; less urgent ones are "also noted", with why they matter."""
    from runknee.api import rule_groups

    for group in rule_groups(result):
        console.print(f"[bold]{_(group.words.heading)}[/]", highlight=False)
        for rule in group.rules:
            sources = _("Sources: %(sources)s") % {"sources": ", ".join(rule.sources)}
            if group.instructions:
                style = URGENCY_STYLE[rule.urgency.value]
                console.print(
                    f"[{style}]! {_(group.words.label)}: {rule.name}[/]: {rule.advice}",
                    highlight=False,
                )
                console.print(f"  [dim]{rule.explanation} {sources}[/]", highlight=False)
            else:
                console.print(f"- {rule.name}: {rule.explanation}", highlight=False)
                console.print(f"  [dim]{sources}[/]", highlight=False)


def _render_open(console: Console, result: AssessmentResult, questions: Mapping[str, str]) -> None:
    """Warning signs not yet checked, each with the questions (in words) that would settle it."""
    from runknee.api import NOT_CHECKED

    if not result.open_red_flags:
        return
    console.print(f"[bold]{_(NOT_CHECKED.heading)}[/]", highlight=False)
    console.print(f"[dim]{_(NOT_CHECKED.intro)}[/]", highlight=False)
    for rule in result.open_red_flags:
        console.print(f"- {rule.name}", highlight=False)
        for finding_id in dict.fromkeys(rule.questions):
            text = questions.get(finding_id, finding_id.replace("_", " ").capitalize())
            console.print(f"    ? {text}", highlight=False)


def _reason(evidence: Evidence, questions: Mapping[str, str]) -> str:
    """A reason in words: the question and the answer (the finding id when no text is known)."""
    question = questions.get(evidence.finding, evidence.finding)
    if evidence.state == "present":
        return _("%(question)s yes") % {"question": question}
    if evidence.state == "absent":
        return _("%(question)s no") % {"question": question}
    return f"{question} {evidence.state}"


def render_condition(
    console: Console, condition: Condition, urgency_label: Callable[[Urgency], str]
) -> None:
    """One condition's card (``urgency_label``: a level in words, from the facade)."""
    console.print(
        Panel(condition.description, title=f"{condition.lay_name} ({condition.clinical_name})")
    )
    console.print(_("[bold]Typical story:[/] %(story)s") % {"story": condition.typical_history})
    urgency = urgency_label(condition.default_urgency)
    console.print(_("[bold]Usual urgency:[/] %(urgency)s") % {"urgency": urgency})
    console.print(_("[bold]Self-care:[/] %(advice)s") % {"advice": condition.self_care})
    console.print(_("[bold]Who to see:[/] %(whom)s") % {"whom": condition.see_whom})
    for look in condition.look_alikes:
        console.print(_("- vs %(other)s: %(how)s") % {"other": look.condition, "how": look.how})
    codes = {"icd10": condition.codes.icd10, "sources": ", ".join(condition.sources)}
    console.print(_("[dim]ICD-10 %(icd10)s. Sources: %(sources)s[/]") % codes)


def render_conditions(
    console: Console, conditions: list[Condition], urgency_label: Callable[[Urgency], str]
) -> None:
    """A table of every condition (``urgency_label``: a level in words, from the facade)."""
    table = Table(title=_("Conditions"))
    widest = max((len(condition.id) for condition in conditions), default=2)
    table.add_column(_("id"), no_wrap=True, min_width=widest)  # ids are typed: never cut them
    for column in (_("name"), _("ICD-10"), _("usual urgency")):
        table.add_column(column)
    for condition in conditions:
        table.add_row(
            condition.id,
            condition.lay_name,
            condition.codes.icd10,
            urgency_label(condition.default_urgency),
        )
    console.print(table)


def render_explanation(
    console: Console, explanation: Explanation, questions: Mapping[str, str] | None = None
) -> None:
    """Evidence for and against one condition, as the web page says it: each reason is the
    question and the answer, with how much it moves the chance in words."""
    from runknee.api import chance_words, percent_text

    item = explanation.assessment
    asked = questions or {}
    labels = {source.id: _citation(source) for source in explanation.sources}
    if explanation.rank == 1:
        place = _("[bold]%(condition)s[/] is the most likely: %(chance)s (%(percent)s).")
    else:
        place = _(
            "[bold]%(condition)s[/] is number %(rank)s on the list: %(chance)s (%(percent)s)."
        )
    values = {"condition": explanation.condition.lay_name, "rank": explanation.rank}
    values |= {"chance": chance_words(item.probability), "percent": percent_text(item.probability)}
    console.print(place % values, highlight=False)
    for title, entries, none in (
        (
            _("What points towards it"),
            item.supporting,
            _(
                "None of your answers pointed strongly towards it; it is on the list because "
                "it is common."
            ),
        ),
        (
            _("What points away from it"),
            item.conflicting,
            _("None of your answers pointed strongly away from it."),
        ),
    ):
        console.print(f"[bold]{title}[/]", highlight=False)
        if not entries:
            console.print(f"  {none}", highlight=False)
        for e in entries:
            cited = "; ".join(labels.get(s, s) for s in e.sources)
            line = _('  - "%(question)s" - %(answer)s: %(effect)s. [dim]%(sources)s[/]')
            values = {"question": _question(e.finding, asked), "answer": _state(e.state)}
            values |= {"effect": _strength(e.likelihood_ratio), "sources": cited}
            console.print(line % values, highlight=False)
    if item.unasked:
        console.print(f"[bold]{_('Questions not answered yet that would change this most')}[/]")
        for e in item.unasked:
            line = _('  - "%(question)s" A yes %(effect)s.')
            values = {
                "question": _question(e.finding, asked),
                "effect": _strength(e.likelihood_ratio),
            }
            console.print(line % values, highlight=False)
    if explanation.sources:
        console.print(f"[bold]{_('Sources')}[/]")
        for source in explanation.sources:
            console.print(f"  {labels[source.id]}: {source.title}", highlight=False)


def _question(finding_id: str, questions: Mapping[str, str]) -> str:
    from runknee.api import BASIC_QUESTIONS, question_words

    if finding_id in questions:
        return questions[finding_id]
    if finding_id in BASIC_QUESTIONS:
        return question_words(finding_id)
    return finding_id.replace("_", " ").capitalize()


def _state(state: str) -> str:
    from runknee.api import evidence_answer_words

    return evidence_answer_words(state)


def _strength(ratio: float) -> str:
    """How much an answer moves the chance, in words."""
    from runknee.api import likelihood_words

    return _("makes it %(likelihood)s") % {"likelihood": likelihood_words(ratio)}


def _citation(source: Source) -> str:
    from runknee.api import citations

    return citations.short_citation(source)


def render_report(console: Console, report: EvaluationReport) -> None:
    """Evaluation figures with counts next to every percentage: whole cases, then the
    simulated interview with "no" and with "I don't know" where the case is silent."""
    from runknee.api import MODE_WORDS

    modes = list(report.modes)
    table = Table(title=_("Evaluation on %(cases)s cases") % {"cases": report.cases})
    table.add_column(_("Figure"))
    table.add_column(_("Whole case"), justify="right")
    for mode in modes:
        table.add_column(_(MODE_WORDS[mode]).capitalize(), justify="right")
    rows = [
        (_("Top-1 condition"), "top1"),
        (_("Top-3 condition"), "top3"),
        (_("Exact urgency"), "urgency_exact"),
        (_("Safe urgency"), "urgency_safe"),
        (_("Over-triage"), "over_triage"),
        (_("Emergency recall"), "emergency_recall"),
        (_("Self-care kept at self-care"), "self_care_kept"),
    ]
    for name, key in rows:
        shown = [getattr(report, key)] + [getattr(report.modes[m], key) for m in modes]
        table.add_row(name, *(f"{f.percent:.1f}% ({f.hits}/{f.total})" for f in shown))
    if modes:
        interviews = [report.modes[m] for m in modes]
        table.add_row(
            _("Questions: median / max"),
            "",
            *(
                "" if i.median_questions is None else f"{i.median_questions:g} / {i.max_questions}"
                for i in interviews
            ),
        )
        table.add_row(
            _("Ended with a warning sign open"),
            "",
            *(str(len(i.ended_with_open_rule)) for i in interviews),
        )
        table.add_row(
            _("Missed a warning sign"), "", *(str(len(i.missed_warning_signs)) for i in interviews)
        )
    console.print(table)
    _render_breakdowns(console, report)
    _render_misses(console, report)


def _render_breakdowns(console: Console, report: EvaluationReport) -> None:
    for title, groups in (
        (_("By urgency label"), report.by_urgency),
        (_("By source kind"), report.by_source_kind),
    ):
        breakdown = Table(title=title)
        for column in (_("group"), _("top-1"), _("top-3"), _("exact urgency"), _("safe urgency")):
            breakdown.add_column(column)
        for name, figures in groups.items():
            cells = [f"{f.hits}/{f.total}" for f in figures.values()]
            breakdown.add_row(name, *cells)
        console.print(breakdown)


def _ids(ids: list[str]) -> str:
    """Case or rule ids as a list, or "none"."""
    return ", ".join(ids) or _("none")


def _render_misses(console: Console, report: EvaluationReport) -> None:
    from runknee.api import MODE_WORDS

    console.print(_("Under-triaged: %(ids)s") % {"ids": _ids(report.under_triaged)})
    console.print(_("Emergency misses: %(ids)s") % {"ids": _ids(report.emergency_misses)})
    for mode, figures in report.modes.items():
        line = _(
            "%(mode)s: under-triaged %(under)s; emergency misses %(misses)s; "
            "open at the end %(open)s; missed warning signs %(missed)s"
        )
        values = {"mode": _(MODE_WORDS[mode]).capitalize(), "under": _ids(figures.under_triaged)}
        values |= {
            "misses": _ids(figures.emergency_misses),
            "open": _ids(figures.ended_with_open_rule),
        }
        values |= {"missed": _ids(figures.missed_warning_signs)}
        console.print(line % values)
    misses = [o for o in report.outcomes if not o.top3]
    for outcome in misses:
        line = _("[dim]top-3 miss %(case)s: gold %(gold)s, got %(got)s[/]")
        values = {"case": outcome.id, "gold": outcome.gold_condition}
        console.print(line % {**values, "got": ", ".join(outcome.predicted[:3])})
