"""Docs that cannot go stale: the CLI reference is generated from the app."""

from __future__ import annotations

from pathlib import Path

import typer.core
import typer.main
from typer.testing import CliRunner

from runknee.cli.main import app
from runknee.cli.reference import reference

DOCS = Path(__file__).parents[1] / "docs"


def test_the_cli_reference_matches_the_app() -> None:
    committed = (DOCS / "cli.md").read_text("utf-8")
    assert committed == reference(), "docs/cli.md is stale: run `make docs`"


def test_every_command_and_option_is_in_the_reference() -> None:
    text = reference()
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    for name, command in group.commands.items():
        assert f"`runknee {name}`" in text
        for sub in getattr(command, "commands", {}):
            assert f"`runknee {name} {sub}`" in text
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--") and option != "--help":
                    assert f"`{option}`" in text, (name, option)


def test_plan_help_names_every_subcommand() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    plan = group.commands["plan"]
    assert isinstance(plan, typer.core.TyperGroup)
    help_text = " ".join(CliRunner().invoke(app, ["plan", "--help"]).stdout.split())
    summary = " ".join((plan.help or "").split())
    for sub in plan.commands:
        assert sub in summary, sub
        assert sub in help_text, sub
