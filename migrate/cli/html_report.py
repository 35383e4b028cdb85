"""Writing the HTML report for ``migrate convert --html-report`` and ``migrate report --html``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click


def write(
    report: dict[str, Any], out_dir: Path, *, bases: list[Path], docs_base: str | None, jobs: int, quiet: bool = False
) -> int:
    """Write it and say where; an exit status (0, or 1 when it could not be written)."""
    from ..fs import UnsafePath
    from ..reporters.html import write_html_report
    from ..reporters.html.build import default_docs

    if jobs <= 0:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        written = write_html_report(report, out_dir, bases=bases, docs=docs_base or default_docs(out_dir), jobs=jobs)
    except (OSError, UnsafePath) as exc:
        click.echo(f"{out_dir}:1:1: error[report.io] cannot write the HTML report: {exc}", err=True)
        return 1
    if not quiet:
        click.echo(f"HTML report: {written.index} ({written.pages:,} pages in {written.seconds:.1f} s)", err=True)
    return 0
