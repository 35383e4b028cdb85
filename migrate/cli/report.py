"""``migrate report REPORT.json --html DIR``: the HTML report from a saved JSON report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command(
    help="Make the HTML report (a static site that opens from disk) from a JSON report of `migrate convert`."
)
@click.argument("report_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--html", "html_dir", required=True, type=click.Path(path_type=Path, file_okay=False), help="Folder to write."
)
@click.option(
    "--docs-base",
    metavar="URL",
    help="Where docs/diagnostics.md lives (default: this checkout's docs/ folder); each code links to its entry.",
)
@click.option("-j", "--jobs", type=click.IntRange(0), default=0, help="Processes for the page files (0: one per core).")
def report(report_file: Path, html_dir: Path, docs_base: str | None, jobs: int) -> None:
    try:
        data = json.loads(report_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        click.echo(f"{report_file}:1:1: error[report.read] not a readable JSON report: {exc}", err=True)
        sys.exit(2)
    from ..reporters.html.check import problems

    found = problems(data)
    if found:
        for problem in found[:5]:
            click.echo(f"{report_file}:1:1: error[report.read] not a migrate convert report: {problem}", err=True)
        sys.exit(2)
    from .html_report import write

    # the report names files as the convert saw them: from where it ran, or beside the report
    sys.exit(write(data, html_dir, bases=[report_file.resolve().parent], docs_base=docs_base, jobs=jobs))
