"""``runknee kb report``: the knowledge base as a clinician reviews it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from runknee.cli.errors import cli_errors

if TYPE_CHECKING:
    from runknee.api import KnowledgeReport

ESTIMATE_MARK = "*"


def kb_report_command(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON instead of formatted text.")
    ] = False,
) -> None:
    """Per condition, each finding's numbers, likelihood ratios and evidence; per rule, its
    questions and sources. Numbers resting only on runknee's own estimates are marked *."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        report = Runknee().knowledge_report()
        if as_json:
            typer.echo(report.model_dump_json())
            return
        render_report(Console(), report)


def render_report(console: Console, report: KnowledgeReport) -> None:
    """One table per condition, then the rules."""
    console.print(f"[bold]Knowledge base {report.knowledge_version}[/]")
    for condition in report.conditions:
        reviewed = (
            f"reviewed by {condition.reviewed_by} on {condition.reviewed_on}"
            if condition.status == "reviewed"
            else "draft, not yet reviewed"
        )
        table = Table(title=f"{condition.name} ({condition.id}): {reviewed}", title_justify="left")
        for column in ("finding", "p_present", "background", "LR+", "LR-", "evidence"):
            table.add_column(
                column, justify="left" if column in ("finding", "evidence") else "right"
            )
        for row in condition.features:
            mark = ESTIMATE_MARK if row.estimate_only else ""
            table.add_row(
                row.finding,
                f"{row.p_present:.2f}",
                f"{row.background:.2f}",
                f"{row.lr_positive:.2f}{mark}",
                f"{row.lr_negative:.2f}{mark}",
                row.evidence.value,
            )
        console.print(table)
    table = Table(title="Triage rules", title_justify="left")
    for column in ("rule", "kind", "urgency", "questions", "sources"):
        table.add_column(column)
    for rule in report.rules:
        table.add_row(
            rule.id, rule.kind, rule.urgency, ", ".join(rule.questions), ", ".join(rule.sources)
        )
    console.print(table)
    console.print(f"{ESTIMATE_MARK} rests only on runknee's own estimates (evidence: derived).")
