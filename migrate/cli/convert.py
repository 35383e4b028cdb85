"""``migrate convert``: parse options, run the pipeline, print diagnostics and the summary."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from ..targets import TARGETS
from .options import page_options, page_rule


@click.command(
    help="Convert legacy wiki pages in INPUT_DIR (default: input) to clean Markdown in OUTPUT_DIR (default: output)."
)
@click.argument("input_dir", default="input", type=click.Path(path_type=Path))
@click.argument("output_dir", default="output", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--target", type=click.Choice(sorted(TARGETS)), default="hugo", show_default=True, help="CMS to write for."
)
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), help="YAML config file.")
@click.option(
    "--report", "report_file", type=click.Path(path_type=Path, dir_okay=False), help="Write the JSON report here."
)
@click.option("--dry-run", is_flag=True, help="Write nothing; report as if writing.")
@click.option("--strict", is_flag=True, help="Warnings count as errors for the exit code.")
@click.option("--no-audit", is_flag=True, help="Skip the nothing-lost audit.")
@click.option(
    "--redirects", "redirect_formats", default="", metavar="F1,F2", help="Also write redirect maps in these formats."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0),
    default=0,
    help="Processes for the body stage (0: one per core; never more than cores or pages).",
)
@click.option(
    "--ignore",
    "ignored",
    multiple=True,
    metavar="CODE",
    help="Leave out warnings and notes whose code starts with CODE (e.g. body.img-alt); repeatable.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors and the summary only.")
@click.option("--assets", "with_assets", is_flag=True, help="Also download the old site's images and files (network).")
@page_options
def convert(
    input_dir: Path,
    output_dir: Path,
    target: str,
    config_file: Path | None,
    report_file: Path | None,
    dry_run: bool,
    strict: bool,
    no_audit: bool,
    redirect_formats: str,
    jobs: int,
    ignored: tuple[str, ...],
    quiet: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    max_page_size: int,
    with_assets: bool = False,
) -> None:
    from ..config import ConfigError, load_config
    from ..pipeline import Context, run
    from ..report import build_report, summary_line
    from ..sources import input_paths, output_dirs, read_all, source_root
    from ..stages import build
    from ..targets import get_target

    started = time.perf_counter()
    if not input_dir.exists():
        raise click.UsageError(f"input folder {str(input_dir)!r} does not exist")
    try:
        config = load_config(config_file)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    formats = [f.strip() for f in redirect_formats.split(",") if f.strip()]
    if formats:
        from ..redirects import FORMATS

        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            raise click.UsageError(
                f"unknown redirect format(s): {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
            )

    out_resolved = output_dir.resolve()
    cms = get_target(target)
    rule = page_rule(config, include, exclude)
    # never read our own output back as legacy pages
    paths = input_paths([input_dir], rule, avoid=output_dirs(input_dir, output_dir, [cms.content_dir]))
    if not paths:
        click.echo(f"migrate convert: no pages in {input_dir} (looked for {' '.join(rule.include)})", err=True)
    pages, unreadable = read_all(paths, source_root(input_dir), max_page_size)
    ctx = Context(
        config=config,
        target=cms,
        out_dir=out_resolved,
        dry_run=dry_run,
        audit=not no_audit,
        jobs=max(1, min(jobs or _cores(), _cores(), len(pages))),
        options={"assets": "download"} if with_assets else {},  # the assets stage: network only when asked
    )

    stages = build()
    progress = _progress(len(pages)) if sys.stderr.isatty() and not quiet else None
    try:
        run(pages, ctx, stages, progress=progress.advance if progress else None)
    except ConfigError as exc:
        click.echo(f"migrate convert: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("migrate convert: interrupted; pages already written are complete", err=True)
        sys.exit(130)
    finally:
        if progress:
            progress.stop()
    prefixes = tuple(ignored) + tuple(config.get("ignore") or ())
    if prefixes:
        for page in pages:
            # errors always count: a page with one was not written
            page.diagnostics = [d for d in page.diagnostics if d.severity == "error" or not d.code.startswith(prefixes)]
    extra = []
    if formats:
        from ..redirects import write_for_convert

        extra = write_for_convert(pages, formats, out_resolved, config, dry_run=dry_run)

    seconds = time.perf_counter() - started
    report = build_report(
        pages,
        unreadable,
        input_dir=str(input_dir),
        output_dir=str(output_dir),
        target=target,
        seconds=seconds,
        dry_run=dry_run,
        strict=strict,
        extra=extra,
    )
    assets_line = ""
    if with_assets:
        from ..assets.stage import finish

        assets_line = finish(report, stages, ctx)
    shown = ("error",) if quiet else ("error", "warning")
    for diag in sorted(unreadable, key=lambda d: d.file):
        click.echo(diag.format(), err=True)
    for page in sorted(pages, key=lambda p: p.name):
        for diag in page.diagnostics:
            if diag.severity in shown:
                click.echo(diag.format(), err=True)
    for diag in extra:
        if diag.severity in shown:
            click.echo(diag.format(), err=True)
    if report_file is not None and not _write_report(report_file, report):
        sys.exit(1)
    summary = report["summary"]
    if assets_line:
        click.echo(assets_line, err=True)
    click.echo(summary_line(summary, strict), err=True)
    failed = summary["failed"] or any(d.severity == "error" for d in extra)
    sys.exit(1 if failed or (strict and summary["warnings"]) else 0)


def _write_report(path: Path, report: dict[str, object]) -> bool:
    """The JSON report, atomically; like every file we write, never through a symbolic link."""
    from ..fs import UnsafePath, write_inside

    try:
        write_inside(path.parent, path.name, json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    except UnsafePath as exc:
        click.echo(f"{path}:1:1: error[report.io] cannot write the report: {exc}", err=True)
        return False
    except OSError as exc:
        click.echo(f"{path}:1:1: error[report.io] cannot write the report: {exc.strerror or exc}", err=True)
        return False
    return True


def _cores() -> int:
    """Cores this process may use (a CI container may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class _Progress:
    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.stage = ""
        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
        )
        self.task = self.bar.add_task("pages", total=total)
        self.bar.start()

    def advance(self, stage: str, _page: object) -> None:
        if stage != self.stage:  # the bar counts pages; each stage goes through them once
            self.stage = stage
            self.bar.reset(self.task, description=stage)
        self.bar.advance(self.task)

    def stop(self) -> None:
        self.bar.stop()


def _progress(total: int) -> _Progress | None:
    return _Progress(total) if total > 100 else None
