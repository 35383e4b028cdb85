"""``migrate taxonomy``: report every term and its near-duplicates; ``--suggest`` proposes rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import DEFAULT_INPUT, EXIT_TAXONOMY, page_options, page_rule

FORMATS = ("text", "json")


@click.command(
    help="Report every term of the pages in INPUT_DIR (default: input) and its near-duplicates; "
    "--suggest proposes merge rules.",
    epilog=EXIT_TAXONOMY,
)
@click.argument("input_dir", required=False, type=click.Path(path_type=Path), default=Path(DEFAULT_INPUT))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--suggest",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write (or update) this taxonomy.yaml with proposed rules; an existing file is also applied.",
)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Config file (YAML).")
@page_options
def taxonomy(
    input_dir: Path,
    fmt: str,
    suggest: Path | None,
    config_path: Path | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    max_page_size: int,
) -> None:
    try:
        code = _run(input_dir, fmt, suggest, config_path, (include, exclude, max_page_size))
    except Exception as exc:  # the user sees one line, never a traceback
        click.echo(f"migrate taxonomy: internal error: {type(exc).__name__}: {exc}", err=True)
        code = 2
    sys.exit(code)


def _run(
    input_dir: Path,
    fmt: str,
    suggest: Path | None,
    config_path: Path | None,
    reading: tuple[tuple[str, ...], tuple[str, ...], int],
) -> int:
    from ..config import ConfigError, load_config
    from ..sources import find_pages, read_all
    from ..taxonomy.neardup import find_near_duplicates
    from ..taxonomy.report import build_report, render_json, render_text
    from ..taxonomy.vocabulary import Vocabulary, settings_from_config

    if not input_dir.is_dir():
        click.echo(f"{input_dir}: error: not a folder of pages", err=True)
        return 2
    try:
        config = load_config(config_path)
        rules_path = suggest if suggest is not None and suggest.exists() else None
        settings = settings_from_config(config, rules_path)
    except ConfigError as exc:
        click.echo(_one_line(exc), err=True)
        return 2
    include, exclude, max_size = reading
    pages, unreadable = read_all(find_pages(input_dir, page_rule(config, include, exclude)), input_dir, max_size)
    for diag in unreadable:
        click.echo(diag.format(), err=True)
    vocab = Vocabulary.build(((p.name, p.meta) for p in pages), settings)
    near = find_near_duplicates(vocab)
    report = build_report(vocab, near, len(pages))
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    if suggest is not None:
        from ..taxonomy.suggest import suggest as write_suggestions

        try:
            added = write_suggestions(suggest, near, settings.rules.distinct)
        except ConfigError as exc:
            click.echo(_one_line(exc), err=True)
            return 2
        except OSError as exc:
            click.echo(f"{suggest}: error: cannot write: {exc.strerror or exc}", err=True)
            return 2
        click.echo(f"{suggest}: {added} rule(s) proposed; review them, then run again to check", err=True)
    failed = unreadable or report["slug_collisions"] or report["empty_slugs"]
    return 1 if failed else 0


def _one_line(exc: Exception) -> str:
    """A rules file error is already ``file:line:col: error[taxonomy.rules] ...``; other config errors get a prefix."""
    from ..taxonomy.rules import RulesError

    return str(exc) if isinstance(exc, RulesError) else f"error: {exc}"
