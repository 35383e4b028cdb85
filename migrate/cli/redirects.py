"""``migrate redirects``: write a redirect map from legacy URLs; exit 0 clean, 1 errors, 2 usage or config."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..redirects import FORMATS
from ..targets import TARGETS
from .options import DEFAULT_INPUT, EXIT_REDIRECTS, page_options, page_rule

if TYPE_CHECKING:
    from ..config import Config
    from ..page import Diagnostic
    from ..sources import PageRule


@click.command("redirects", epilog=EXIT_REDIRECTS)
@click.argument("input_dir", required=False, type=click.Path(exists=True, path_type=Path), default=Path(DEFAULT_INPUT))
@click.option(
    "--format", "fmt", required=True, type=click.Choice(list(FORMATS)), help="Server or platform to write for."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (a folder for --format html); default: standard output.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (YAML) with a redirects: section.",
)
@click.option("--target", type=click.Choice(list(TARGETS)), default="hugo", show_default=True)
@page_options
def redirects(
    input_dir: Path,
    fmt: str,
    output: Path | None,
    config_path: Path | None,
    target: str,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    max_page_size: int,
) -> None:
    """Write redirects from the legacy URLs of the pages in INPUT_DIR (default: input) to their new URLs."""
    from ..config import ConfigError, load_config

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        _fail(str(exc))
    if fmt == "html" and output is None:
        _fail("--format html writes one file per legacy URL: give a folder with -o")
    try:
        rule = page_rule(config, include, exclude)
        code = _run(input_dir, fmt, output, config, target, rule, max_page_size)
    except BrokenPipeError:
        sys.stderr.close()
        code = 1
    except OSError as exc:  # a folder that vanished or cannot be read mid-run
        _fail(f"{exc.filename or input_dir}: {exc.strerror or exc}")
    sys.exit(code)


def _fail(message: str) -> None:
    click.echo(f"migrate redirects: {message}", err=True)
    sys.exit(2)


def _run(
    input_dir: Path, fmt: str, output: Path | None, config: Config, target: str, rule: PageRule, max_size: int
) -> int:
    from ..fs import write_inside
    from ..pipeline import Context, run
    from ..redirects import options, page_rules, render
    from ..sources import input_paths, read_all, source_root
    from ..stages import build
    from ..targets import get_target

    opts, config_diags = options(config)
    if config_diags:
        _fail("; ".join(d.message for d in config_diags))
    pages, unreadable = read_all(input_paths([input_dir], rule), source_root(input_dir), max_size)
    ctx = Context(config, get_target(target), Path("."))
    # the stages of convert up to aliases: a page convert would not write gets no redirect
    run(pages, ctx, build(until="aliases"))
    rules = page_rules(pages)
    out = render(fmt, rules, opts)
    notes = list(out.diagnostics)
    moved: dict[str, str] = {}
    if output is None:
        if out.main in out.files:
            sys.stdout.write(out.files[out.main])
            sys.stdout.flush()
    else:
        root = _site_root(output, out.main)
        for rel, text in out.files.items():
            if fmt == "html" and rel != out.main and not rel.endswith(".js"):
                folder, name = output, rel.removeprefix("static/")
                if rel.endswith("-overflow.csv"):
                    name = Path(rel).name
            elif rel == out.main:
                folder, name = output.parent, output.name
            elif rel.endswith("-overflow.csv"):
                folder, name = output.parent, Path(rel).name
            else:
                # an edge function has its place in the site (netlify/edge-functions/, functions/)
                folder, name = root, rel
            try:
                moved[rel] = str(write_inside(folder, name, text))
            except (OSError, ValueError) as exc:
                _fail(f"cannot write {rel}: {exc}")
        notes = [_renamed(d, moved) for d in notes]
    # What a platform cannot hold is said first: it decides whether this format is usable at all.
    diagnostics = notes + unreadable + [d for p in pages for d in p.diagnostics if d.code.startswith(_SHOWN)]
    for d in diagnostics:
        click.echo(d.format(), err=True)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    from ..redirects.counts import explain

    click.echo(explain(fmt, rules, out, moved if output is not None else None), err=True)
    click.echo(
        f"{len(rules)} redirect(s) from {len(pages)} page(s) as {fmt}; {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    return 1 if errors else 0


#: what `migrate redirects` prints of the page diagnostics: its own, and why a page gets no rules
_SHOWN = ("redirect.", "schema.", "fm.", "read.")


def _site_root(output: Path, main: str) -> Path:
    """The site root an ``-o`` file sits in: ``site`` for ``-o site/static/_redirects``, else its folder."""
    parts = Path(main).parts
    if len(output.parts) >= len(parts) and output.parts[-len(parts) :] == parts:
        return Path(*output.parts[: -len(parts)]) if len(output.parts) > len(parts) else Path(".")
    return output.parent


def _renamed(d: Diagnostic, moved: dict[str, str]) -> Diagnostic:
    """A format's note with its file names as written by -o."""
    from dataclasses import replace

    message = d.message
    for rel, dest in moved.items():
        message = message.replace(f" {rel}", f" {dest}")
    return replace(d, file=moved.get(d.file, str(Path(d.file).name) if d.file == "static" else d.file), message=message)
