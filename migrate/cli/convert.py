"""``migrate convert``: parse options, run the pipeline, print diagnostics and the summary."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..targets import TARGETS
from .options import DEFAULT_INPUT, EXIT_CONVERT, page_options, page_rule
from .summary import Stream, breakdown

if TYPE_CHECKING:
    from ..incremental.state import OutputState
    from ..page import Diagnostic


@click.command(
    help="Convert legacy wiki pages in INPUT_DIR (default: input) to clean Markdown in OUTPUT_DIR (default: output).",
    epilog=EXIT_CONVERT,
)
@click.argument("input_dir", default=DEFAULT_INPUT, type=click.Path(path_type=Path))
@click.argument("output_dir", default="output", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--target", type=click.Choice(sorted(TARGETS)), default="hugo", show_default=True, help="CMS to write for."
)
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), help="YAML config file.")
@click.option(
    "--report", "report_file", type=click.Path(path_type=Path, dir_okay=False), help="Write the JSON report here."
)
@click.option(
    "--html-report",
    "html_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write the HTML report (a static site: summary, page table, each page side by side) here.",
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
@page_options
@click.option("--no-skeleton", is_flag=True, help="Write no site skeleton (config, layouts) beside the pages.")
@click.option(
    "--suggest-links",
    "suggest_links",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Add the broken links to this links.yaml, commented, with suggestions, for a person to review.",
)
@click.option("--overwrite", is_flag=True, help="Replace output files edited by hand since migrate wrote them.")
@click.option("--prune", is_flag=True, help="Delete stale outputs migrate wrote (their source is gone or renamed).")
@click.option("--assets", "with_assets", is_flag=True, help="Also download the old site's images and files (network).")
def convert(
    input_dir: Path,
    output_dir: Path,
    target: str,
    config_file: Path | None,
    report_file: Path | None,
    html_dir: Path | None,
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
    no_skeleton: bool,
    suggest_links: Path | None,
    overwrite: bool,
    prune: bool,
    with_assets: bool = False,
) -> None:
    from ..config import ConfigError, load_config
    from ..incremental.replay import Replay, run_key
    from ..pipeline import Context, run
    from ..report import Totals, build_report, report_entries, summary_line
    from ..sources import display_name, input_paths, output_dirs, read_all, source_root
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
    paths = input_paths([input_dir], rule, avoid=output_dirs(input_dir, output_dir, cms.written_dirs()))
    if not paths:
        click.echo(f"migrate convert: no pages in {input_dir} (looked for {' '.join(rule.include)})", err=True)
    ctx = Context(
        config=config,
        target=cms,
        out_dir=out_resolved,
        dry_run=dry_run,
        audit=not no_audit,
        jobs=max(1, min(jobs or _cores(), _cores(), len(paths))),
    )

    ctx.options["skeleton"] = not no_skeleton
    if with_assets:  # the assets stage reaches the network only when asked
        ctx.options["assets"] = "download"
    run_diagnostics: list[Diagnostic] = []
    ctx.options["run_diagnostics"] = run_diagnostics
    if input_dir.is_file():
        # one page converted alone: its links still resolve against every page of its folder
        from ..links.alone import folder_pages

        ctx.options["index_pages"] = folder_pages(input_dir, ctx.target)
    # the output folder's manifest, body cache and memos (migrate.incremental), locked for this run
    state = _open_state(out_resolved, str(output_dir), dry_run=dry_run, overwrite=overwrite, prune=prune)
    ctx.options["output_state"] = state

    stages = build()
    # unchanged pages replayed from the last run's records, unread (migrate.incremental.replay)
    root = source_root(input_dir)
    names = [display_name(p, root) for p in paths]
    key = {"in": str(input_dir), "out": str(output_dir), "skeleton": not no_skeleton, "rule": rule}
    key["max"] = max_page_size
    key["ignore"] = sorted(ignored)  # a replayed page's report entry is written as it was: filtered the same
    replay = Replay(state, run_key(ctx, key), usable=not (dry_run or input_dir.is_file() or with_assets))
    progress: _Progress | None = None
    stream = Stream(quiet, tuple(ignored) + tuple(config.get("ignore") or ()))
    from .interrupt import install

    install()
    try:
        replayed = replay.fast(paths, names, max_page_size, ctx, stages)
        if replayed is not None:
            pages, unreadable = replayed
            stream.echo(sorted(unreadable, key=lambda d: d.file))
            for page in pages:
                stream.page_done(page)
        else:
            stages = build()  # fresh: the fast path may have prepared some
            replay.stat_all(paths, names)
            pages, unreadable = read_all(paths, root, max_page_size)
            ctx.jobs = max(1, min(jobs or _cores(), _cores(), len(pages)))
            # a progress bar on a terminal only: a CI log gets the diagnostics as pages finish, and the summary
            progress = _progress(len(pages)) if sys.stderr.isatty() and not quiet else None
            stream.echo(sorted(unreadable, key=lambda d: d.file))
            hook = replay.hook(stages[-1].name, progress.advance if progress else None)
            run(pages, ctx, stages, progress=hook, done=stream.page_done)
            replay.remember(pages, unreadable, stages)
    except ConfigError as exc:
        click.echo(f"migrate convert: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("migrate convert: interrupted; pages already written are complete", err=True)
        if progress:
            progress.stop()
        state.close()
        sys.stdout.flush()
        sys.stderr.flush()
        # not sys.exit: the process pool's exit hook joins a manager thread that an interrupt can leave
        # waiting for ever; the workers are already killed and every file is written whole
        os._exit(130)
    finally:
        if progress:
            progress.stop()
        if sys.exc_info()[0] is not None:
            state.close()
    prefixes = tuple(ignored) + tuple(config.get("ignore") or ())
    if prefixes:
        for page in pages:
            # errors always count: a page with one was not written
            page.diagnostics = [d for d in page.diagnostics if d.severity == "error" or not d.code.startswith(prefixes)]
    extra = []
    if formats:
        from ..redirects import write_for_convert

        static = ctx.target.static_dir
        extra = write_for_convert(pages, formats, out_resolved, config, dry_run=dry_run, static_dir=static, state=state)
    extra = run_diagnostics + extra
    extra += state.finish({p.name: p.output_path for p in pages} | {d.file: "" for d in unreadable})
    seconds = time.perf_counter() - started
    entries = report_entries(pages, unreadable, str(output_dir))
    totals = (replay.known or Totals()).of(entries)
    report = build_report(
        entries,
        totals,
        input_dir=str(input_dir),
        output_dir=str(output_dir),
        target=target,
        seconds=seconds,
        dry_run=dry_run,
        strict=strict,
        extra=extra,
    )
    replay.save(entries, totals)
    state.close()
    from ..incremental.state import summary_line as outputs_line

    report["summary"]["outputs"] = outputs = state.summary()
    assets_line = ""
    if with_assets:
        from ..assets.stage import finish

        assets_line = finish(report, stages, ctx)
    stream.echo(extra)
    for line in breakdown(entries, totals, extra, quiet):
        click.echo(line, err=True)
    if suggest_links is not None and report.get("broken_links"):
        from ..links.mapfile import suggest_map

        added = suggest_map(suggest_links, report["broken_links"])
        click.echo(f"migrate convert: {added} broken link URL(s) added to {suggest_links} for review", err=True)
    ok = report_file is None or _write_report(report_file, report)
    if ok and html_dir is not None:
        from ..report import plain
        from .html_report import write as write_html

        ok = not write_html(
            report | {"pages": plain(entries)},
            html_dir,
            bases=[],
            docs_base=None,
            jobs=jobs or _cores(),
            quiet=quiet,
        )
    replay.store.close()  # the replayed pages' report entries are read from it until here
    if not ok:
        sys.exit(1)
    summary = report["summary"]
    if not quiet and any(outputs[k] for k in ("reused", "unchanged", "hand_edited", "stale", "pruned", "overwritten")):
        # a first run into an empty folder has nothing to say here
        click.echo(outputs_line(outputs, len(pages), dry_run), err=True)
    if assets_line:
        click.echo(assets_line, err=True)
    click.echo(summary_line(summary, strict, dry_run), err=True)
    failed = summary["failed"] or any(d.severity == "error" for d in extra)
    sys.exit(1 if failed or (strict and summary["warnings"]) else 0)


def _write_report(path: Path, report: dict[str, object]) -> bool:
    """The JSON report, atomically; like every file we write, never through a symbolic link."""
    from ..fs import UnsafePath, write_inside

    try:
        write_inside(path.parent, path.name, report_text(report))
    except UnsafePath as exc:
        click.echo(f"{path}:1:1: error[report.io] cannot write the report: {exc}", err=True)
        return False
    except OSError as exc:
        click.echo(f"{path}:1:1: error[report.io] cannot write the report: {exc.strerror or exc}", err=True)
        return False
    return True


def report_text(report: dict[str, object]) -> str:
    """The JSON report, indented, with one line per page: the C encoder writes the page lines (an
    indented dump is pure Python, seconds for a few thousand pages: most of a re-run's time)."""
    pages = report.get("pages")
    if not isinstance(pages, list):
        return json.dumps(report, indent=1, ensure_ascii=False) + "\n"
    head = json.dumps(report | {"pages": []}, indent=1, ensure_ascii=False)
    slot = '\n "pages": [],'
    if not pages or slot not in head:
        return json.dumps(report, indent=1, ensure_ascii=False) + "\n"
    from ..report import ReportEntry

    lines = ",\n".join(
        "  " + (entry.text if isinstance(entry, ReportEntry) else json.dumps(entry, ensure_ascii=False))
        for entry in pages
    )
    return head.replace(slot, '\n "pages": [\n' + lines + "\n ],", 1) + "\n"


def _open_state(out_dir: Path, shown: str, **kw: bool) -> OutputState:
    """The output folder's manifest (migrate.incremental), locked for this run; exit 2 when it cannot be."""
    from ..fs import UnsafePath
    from ..incremental.state import OutputState, StateBusy

    try:
        return OutputState.open(out_dir, shown=shown, **kw)
    except (StateBusy, UnsafePath) as exc:
        click.echo(f"migrate convert: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"migrate convert: cannot use the output folder {shown}: {exc.strerror or exc}", err=True)
        sys.exit(2)


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
