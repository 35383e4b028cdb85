"""``migrate validate``: check page front matter against JSON Schema; exit 0 clean, 1 errors, 2 usage or schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..targets import TARGETS
from ..validate.formats import FORMATS
from .options import page_options, page_rule


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--schema",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON Schema for every page (default: the config's validate: section, else page.schema.json).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file whose validate: section maps pages to schemas.",
)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option(
    "--target",
    type=click.Choice(list(TARGETS)),
    default="hugo",
    show_default=True,
    help="CMS whose URLs an alias must not shadow.",
)
@page_options
def validate(
    paths: tuple[Path, ...],
    schema: Path | None,
    config_path: Path | None,
    fmt: str,
    target: str,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    max_page_size: int,
) -> None:
    """Check the front matter of PATHS (files, or folders walked for .md/.markdown; default: .)."""
    from ..config import ConfigError, load_config
    from ..validate import SchemaError, Schemas
    from ..validate.files import validate_files
    from ..validate.formats import summary_line, write

    try:
        config = load_config(config_path)
        schemas = Schemas.from_config(config.section("validate"), config.base, schema)
        url_for = _url_for(target)
        # A broken schema is found before any page, so it is one clear message, not one per page.
        schemas.validator(schemas.default)
        rule = page_rule(config, include, exclude)
        diagnostics, count = validate_files(paths or (Path("."),), schemas, url_for, rule, max_page_size)
    except (ConfigError, SchemaError) as exc:
        click.echo(f"migrate validate: {exc}", err=True)
        sys.exit(2)
    try:
        write(fmt, diagnostics, summary_line(diagnostics, count), sys.stdout, sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): nothing left to say
    sys.exit(1 if any(d.severity == "error" for d in diagnostics) else 0)


def _url_for(target: str):  # type: ignore[no-untyped-def]
    from ..targets import get_target

    return get_target(target).url_for
