"""The ``migrate`` command. Subcommands are imported only when called, so start-up stays small."""

from __future__ import annotations

from importlib import import_module
from typing import Any, cast

import click

#: command name -> "module:attribute"; a new command is one module and one line here.
COMMANDS: dict[str, str] = {
    "convert": "migrate.cli.convert:convert",
    "validate": "migrate.cli.validate:validate",
    "redirects": "migrate.cli.redirects:redirects",
    "taxonomy": "migrate.cli.taxonomy:taxonomy",
    "report": "migrate.cli.report:report",
    "assets": "migrate.cli.assets:assets",
}

HELP = {
    "convert": "Convert legacy wiki pages to clean Markdown for a CMS.",
    "validate": "Check page front matter against a JSON Schema.",
    "redirects": "Write redirect maps from legacy URLs to the new pages.",
    "taxonomy": "Report and normalize tags and categories.",
    "report": "Make the HTML report from a saved JSON report.",
    "assets": "List, download and relocate the images and files the pages use.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module, _, attr = spec.partition(":")
        return cast(click.Command, getattr(import_module(module), attr))

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        # Listing must not import every subcommand.
        with formatter.section("Commands"):
            formatter.write_dl([(name, HELP.get(name, "")) for name in COMMANDS])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="migrate-wiki", prog_name="migrate")
def main() -> None:
    """Move a legacy wiki into a new CMS without losing a word, a link or a URL."""
