"""Rich rendering of results for the terminal. JSON output bypasses this module."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from runknee.api import (
        AssessmentResult,
        Condition,
        EvaluationReport,
        Evidence,
        Explanation,
        Source,
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
    from runknee.api import chance_words, percent_text

    advice = result.urgency_advice
    console.print(
        Panel(
            Group(Text(advice.what_to_do), Text(f"By when: {advice.by_when}", style="dim")),
            title=Text(advice.label, style=URGENCY_STYLE[result.urgency.value]),
            title_align="left",
        )
    )
    _render_rules(console, result)
    _render_open(console, result, questions or {})
    table = Table(title="What it is likely to be", show_lines=False)
    table.add_column("Condition")
    table.add_column("Chance", justify="right")
    table.add_column("Why")
    for condition in result.conditions:
        reasons = "; ".join(_reason(e, questions or {}) for e in condition.supporting[:3]) or "-"
        table.add_row(
            condition.name,
            f"{percent_text(condition.probability)} ({chance_words(condition.probability)})",
            reasons,
        )
    console.print(table)
    if result.contributing_factors:
        console.print("[bold]Things you can change[/]")
        for factor in result.contributing_factors:
            console.print(
                f"- [bold]{factor.name}[/] ({factor.evidence_strength.value} evidence): {factor.advice}"
            )
    console.print(f"[dim]{result.disclaimer} Knowledge base {result.knowledge_version}.[/]")


def _render_rules(console: Console, result: AssessmentResult) -> None:
    """Fired rules under the same headings as the web page: only rules at the result's urgency
    give their advice; less urgent ones are "also noted", with why they matter."""
    from runknee.api import rule_groups

    for group in rule_groups(result):
        console.print(f"[bold]{group.words.heading}[/]", highlight=False)
        for rule in group.rules:
            sources = f"Sources: {', '.join(rule.sources)}"
            if group.instructions:
                style = URGENCY_STYLE[rule.urgency.value]
                console.print(
                    f"[{style}]! {group.words.label}: {rule.name}[/]: {rule.advice}",
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
    console.print(f"[bold]{NOT_CHECKED.heading}[/]", highlight=False)
    console.print(f"[dim]{NOT_CHECKED.intro}[/]", highlight=False)
    for rule in result.open_red_flags:
        console.print(f"- {rule.name}", highlight=False)
        for finding_id in dict.fromkeys(rule.questions):
            text = questions.get(finding_id, finding_id.replace("_", " ").capitalize())
            console.print(f"    ? {text}", highlight=False)


def _reason(evidence: Evidence, questions: Mapping[str, str]) -> str:
    """A reason in words: the question and the answer (the finding id when no text is known)."""
    answer = {"present": "yes", "absent": "no"}.get(evidence.state, evidence.state)
    return f"{questions.get(evidence.finding, evidence.finding)} {answer}"


def render_condition(console: Console, condition: Condition) -> None:
    """One condition's card."""
    console.print(
        Panel(condition.description, title=f"{condition.lay_name} ({condition.clinical_name})")
    )
    console.print(f"[bold]Typical story:[/] {condition.typical_history}")
    console.print(f"[bold]Usual urgency:[/] {condition.default_urgency.value}")
    console.print(f"[bold]Self-care:[/] {condition.self_care}")
    console.print(f"[bold]Who to see:[/] {condition.see_whom}")
    for look in condition.look_alikes:
        console.print(f"- vs {look.condition}: {look.how}")
    console.print(
        f"[dim]ICD-10 {condition.codes.icd10}. Sources: {', '.join(condition.sources)}[/]"
    )


def render_conditions(console: Console, conditions: list[Condition]) -> None:
    """A table of every condition."""
    table = Table(title="Conditions")
    widest = max((len(condition.id) for condition in conditions), default=2)
    table.add_column("id", no_wrap=True, min_width=widest)  # ids are typed: never cut them
    for column in ("name", "ICD-10", "usual urgency"):
        table.add_column(column)
    for condition in conditions:
        table.add_row(
            condition.id,
            condition.lay_name,
            condition.codes.icd10,
            condition.default_urgency.value.replace("_24", " (within 24 hours)").replace("_", " "),
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
    place = "the most likely" if explanation.rank == 1 else f"number {explanation.rank} on the list"
    console.print(
        f"[bold]{explanation.condition.lay_name}[/] is {place}: "
        f"{chance_words(item.probability)} ({percent_text(item.probability)}).",
        highlight=False,
    )
    for title, entries, none in (
        (
            "What points towards it",
            item.supporting,
            "None of your answers pointed strongly towards it; it is on the list because it is "
            "common.",
        ),
        (
            "What points away from it",
            item.conflicting,
            "None of your answers pointed strongly away from it.",
        ),
    ):
        console.print(f"[bold]{title}[/]", highlight=False)
        if not entries:
            console.print(f"  {none}", highlight=False)
        for e in entries:
            cited = "; ".join(labels.get(s, s) for s in e.sources)
            console.print(
                f'  - "{_question(e.finding, asked)}" - {_state(e.state)}: '
                f"{_strength(e.likelihood_ratio)}. [dim]{cited}[/]",
                highlight=False,
            )
    if item.unasked:
        console.print("[bold]Questions not answered yet that would change this most[/]")
        for e in item.unasked:
            console.print(
                f'  - "{_question(e.finding, asked)}" A yes {_strength(e.likelihood_ratio)}.',
                highlight=False,
            )
    if explanation.sources:
        console.print("[bold]Sources[/]")
        for source in explanation.sources:
            console.print(f"  {labels[source.id]}: {source.title}", highlight=False)


def _question(finding_id: str, questions: Mapping[str, str]) -> str:
    from runknee.api import BASIC_QUESTIONS

    text = questions.get(finding_id) or BASIC_QUESTIONS.get(finding_id)
    return text or finding_id.replace("_", " ").capitalize()


def _state(state: str) -> str:
    from runknee.api import evidence_answer_words

    return evidence_answer_words(state)


def _strength(ratio: float) -> str:
    """How much an answer moves the chance, in words."""
    from runknee.api import likelihood_words

    return f"makes it {likelihood_words(ratio)}"


def _citation(source: Source) -> str:
    from runknee.api import citations

    return citations.short_citation(source)


def render_report(console: Console, report: EvaluationReport) -> None:
    """Evaluation figures with counts next to every percentage: whole cases, then the
    simulated interview with "no" and with "I don't know" where the case is silent."""
    from runknee.api import MODE_WORDS

    modes = list(report.modes)
    table = Table(title=f"Evaluation on {report.cases} cases")
    table.add_column("Figure")
    table.add_column("Whole case", justify="right")
    for mode in modes:
        table.add_column(MODE_WORDS[mode].capitalize(), justify="right")
    rows = [
        ("Top-1 condition", "top1"),
        ("Top-3 condition", "top3"),
        ("Exact urgency", "urgency_exact"),
        ("Safe urgency", "urgency_safe"),
        ("Over-triage", "over_triage"),
        ("Emergency recall", "emergency_recall"),
        ("Self-care kept at self-care", "self_care_kept"),
    ]
    for name, key in rows:
        shown = [getattr(report, key)] + [getattr(report.modes[m], key) for m in modes]
        table.add_row(name, *(f"{f.percent:.1f}% ({f.hits}/{f.total})" for f in shown))
    if modes:
        interviews = [report.modes[m] for m in modes]
        table.add_row(
            "Questions: median / max",
            "",
            *(
                "" if i.median_questions is None else f"{i.median_questions:g} / {i.max_questions}"
                for i in interviews
            ),
        )
        table.add_row(
            "Ended with a warning sign open",
            "",
            *(str(len(i.ended_with_open_rule)) for i in interviews),
        )
        table.add_row(
            "Missed a warning sign", "", *(str(len(i.missed_warning_signs)) for i in interviews)
        )
    console.print(table)
    for title, groups in (
        ("By urgency label", report.by_urgency),
        ("By source kind", report.by_source_kind),
    ):
        breakdown = Table(title=title)
        for column in ("group", "top-1", "top-3", "exact urgency", "safe urgency"):
            breakdown.add_column(column)
        for name, figures in groups.items():
            cells = [f"{f.hits}/{f.total}" for f in figures.values()]
            breakdown.add_row(name, *cells)
        console.print(breakdown)
    console.print(f"Under-triaged: {', '.join(report.under_triaged) or 'none'}")
    console.print(f"Emergency misses: {', '.join(report.emergency_misses) or 'none'}")
    for mode, mode_figures in report.modes.items():
        console.print(
            f"{MODE_WORDS[mode].capitalize()}: "
            f"under-triaged {', '.join(mode_figures.under_triaged) or 'none'}; "
            f"emergency misses {', '.join(mode_figures.emergency_misses) or 'none'}; "
            f"open at the end {', '.join(mode_figures.ended_with_open_rule) or 'none'}; "
            f"missed warning signs {', '.join(mode_figures.missed_warning_signs) or 'none'}"
        )
    misses = [o for o in report.outcomes if not o.top3]
    for outcome in misses:
        console.print(
            f"[dim]top-3 miss {outcome.id}: gold {outcome.gold_condition}, got {', '.join(outcome.predicted[:3])}[/]"
        )
