"""``runknee kb report``: the knowledge base as a clinician reviews it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from runknee.cli.errors import cli_errors
from runknee.i18n import N_, _

if TYPE_CHECKING:
    from runknee.api import KnowledgeReport

ESTIMATE_MARK = "*"


def kb_report_command(
    as_json: Annotated[
        bool, typer.Option("--json", help=N_("Print JSON instead of formatted text."))
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
    """One table per condition, then the rules (their kinds and urgencies as the knowledge
    files' codes: this report is for the files' reviewers)."""
    from runknee.api import source_check_words

    version = {"version": report.knowledge_version}
    console.print(f"[bold]{_('Knowledge base %(version)s') % version}[/]")
    for condition in report.conditions:
        values: dict[str, object] = {"name": condition.name, "id": condition.id}
        if condition.status == "reviewed":
            values |= {"by": condition.reviewed_by, "on": condition.reviewed_on}
            title = _("%(name)s (%(id)s): reviewed by %(by)s on %(on)s") % values
        else:
            title = _("%(name)s (%(id)s): draft, not yet reviewed") % values
        table = Table(title=title, title_justify="left")
        table.add_column(_("finding"))
        for column in ("p_present", "background", "LR+", "LR-"):  # the knowledge files' names
            table.add_column(column, justify="right")
        table.add_column(_("evidence"))
        for row in condition.features:
            mark = ESTIMATE_MARK if row.estimate_only else ""
            table.add_row(
                row.finding,
                f"{row.p_present:.2f}",
                f"{row.background:.2f}",
                f"{row.lr_positive:.2f}{mark}",
                f"{row.lr_negative:.2f}{mark}",
                source_check_words(row.evidence),
            )
        console.print(table)
    table = Table(title=_("Triage rules"), title_justify="left")
    for column in (_("rule"), _("kind"), _("urgency"), _("questions"), _("sources")):
        table.add_column(column)
    for rule in report.rules:
        table.add_row(
            rule.id, rule.kind, rule.urgency, ", ".join(rule.questions), ", ".join(rule.sources)
        )
    console.print(table)
    note = _("%(mark)s rests only on runknee's own estimates (evidence: derived).")
    console.print(note % {"mark": ESTIMATE_MARK})
