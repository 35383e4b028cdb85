"""``migrate assets``: list (and with --download, move) the images and files of a converted site."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..targets import TARGETS


@click.command(
    help="List every image and file of the old site that the converted pages in SITE_DIR (default: output) use; "
    "with --download, fetch them into the target's static folder and point the pages at them."
)
@click.argument("site_dir", default="output", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--target", type=click.Choice(sorted(TARGETS)), default="hugo", show_default=True, help="CMS the site is for."
)
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), help="YAML config file.")
@click.option("--download", is_flag=True, help="Fetch the files (nothing reaches the network without this).")
@click.option("--dry-run", is_flag=True, help="Fetch and write nothing; report what would be done.")
@click.option("--report", "report_file", type=click.Path(path_type=Path, dir_okay=False), help="Write JSON here.")
@click.option("--csv", "csv_file", metavar="FILE", help="Write the inventory as CSV here ('-': stdout).")
@click.option("-j", "--jobs", type=click.IntRange(1), help="Requests in flight at once (default 8).")
@click.option("--max-size", metavar="SIZE", help="Largest file to download, e.g. 20MB (default 50MB).")
@click.option("--rate", type=click.FloatRange(0), help="Requests per second to one host (0: no limit; default 10).")
@click.option("--base-url", metavar="URL", help="Where the old site's relative paths are fetched from.")
@click.option("--host", "hosts", multiple=True, metavar="HOST", help="A host of the old site (repeatable).")
@click.option("--allow-redirect", "redirect_hosts", multiple=True, metavar="HOST", help="Follow redirects there.")
@click.option("--retry-failed", is_flag=True, help="Try again the files an earlier run could not fetch.")
@click.option("--strict", is_flag=True, help="A file that could not be moved makes the exit status 1.")
@click.option("-q", "--quiet", is_flag=True, help="Print the summary only.")
def assets(
    site_dir: Path,
    target: str,
    config_file: Path | None,
    download: bool,
    dry_run: bool,
    report_file: Path | None,
    csv_file: str | None,
    jobs: int | None,
    max_size: str | None,
    rate: float | None,
    base_url: str | None,
    hosts: tuple[str, ...],
    redirect_hosts: tuple[str, ...],
    retry_failed: bool,
    strict: bool,
    quiet: bool,
) -> None:
    from ..assets.mover import AssetRun
    from ..assets.stage import settings_from, static_dir, summary_line
    from ..config import ConfigError, load_config
    from ..fs import UnsafePath, write_inside
    from ..targets import get_target

    if not site_dir.is_dir():
        raise click.UsageError(f"site folder {str(site_dir)!r} does not exist (run migrate convert first)")
    try:
        config = load_config(config_file)
        section = config.section("assets")
        overrides = {
            "jobs": jobs,
            "max_size": max_size,
            "rate": rate,
            "base_url": base_url,
            "hosts": sorted(set(section.get("hosts") or []) | set(hosts)) if hosts else None,
            "redirect_hosts": sorted(set(section.get("redirect_hosts") or []) | set(redirect_hosts))
            if redirect_hosts
            else None,
        }
        settings = settings_from(section, overrides)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    tgt = get_target(target)
    out = site_dir.resolve()
    run = AssetRun(settings, out, static_dir(tgt), download=download, dry_run=dry_run, retry_failed=retry_failed)
    content = out / tgt.pages_dir
    pages: dict[str, tuple[Path, str, int]] = {}
    for path in sorted(content.rglob("*.md")) if content.is_dir() else []:
        if path.is_symlink() or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        head, body_line = _split_front(text)
        name = str(path.relative_to(out))
        pages[name] = (path, head, body_line)
        run.add_page(name, text[len(head) :], text_line=body_line)
    run.execute()
    problems = 0
    outputs = _output_state(out) if run.download else None
    for name, (_path, head, _line) in pages.items():
        for line, url, why in run.failures(name):
            problems += 1
            if not quiet:
                click.echo(f"{name}:{line}:1: warning[assets.not-moved] {url} stays on the old site: {why}", err=True)
        if run.download:
            new = run.rewritten(name)
            if new != run.pages[name].text:
                try:
                    problems += _rewrite_page(out, name, head + new, outputs, quiet)
                except (UnsafePath, OSError) as exc:
                    click.echo(f"{name}:1:1: error[assets.io] cannot rewrite the page: {exc}", err=True)
                    problems += 1
    if outputs is not None:
        outputs.save()
        outputs.close()
    report = {"site": str(site_dir), "target": target, "dry_run": dry_run, "download": run.download}
    report |= run.report()
    if report_file is not None:
        write_inside(report_file.parent.resolve(), report_file.name, json.dumps(report, indent=1) + "\n")
    if csv_file == "-":
        click.echo(run.csv(), nl=False)
    elif csv_file:
        csv_path = Path(csv_file)
        write_inside(csv_path.parent.resolve(), csv_path.name, run.csv())
    elif not dry_run:
        write_inside(out, "assets.csv", run.csv())
    click.echo(summary_line(report["summary"]), err=True)  # type: ignore[arg-type]  # the report's summary is a dict
    sys.exit(1 if strict and problems else 0)


def _output_state(out: Path) -> Any:
    """``convert``'s record of the pages it wrote (migrate.incremental), when there is one: a page
    rewritten here is recorded as migrate's own, so the next ``convert`` does not take it for a hand edit."""
    from ..incremental.state import MANIFEST, OutputState, StateBusy

    if not (out / MANIFEST).is_file():
        return None
    try:
        return OutputState.open(out, shown=str(out))
    except StateBusy as exc:
        raise click.UsageError(str(exc)) from None


def _rewrite_page(out: Path, name: str, text: str, outputs: Any, quiet: bool) -> int:
    """Write one rewritten page (through convert's record when there is one); 1 when it was not written."""
    from ..fs import write_inside

    entry = outputs.entries.get(name) if outputs is not None else None
    if entry is None:
        write_inside(out, name, text)
        return 0
    done = outputs.put(name, text, entry.source)
    if done.status == "hand-edited":
        if not quiet:
            click.echo(f"{name}:1:1: warning[assets.hand-edited] {done.message}", err=True)
        return 1
    return 0


def _split_front(text: str) -> tuple[str, int]:
    """The front matter block (with its fences) and the line the body starts on."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            head = text[: end + 5]
            return head, head.count("\n") + 1
    return "", 1
