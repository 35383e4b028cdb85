"""``migrate validate``: check page front matter against JSON Schema; exit 0 clean, 1 errors, 2 usage or schema."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..targets import TARGETS
from ..validate.formats import FORMATS
from .options import DEFAULT_INPUT, EXIT_VALIDATE, page_options, page_rule

if TYPE_CHECKING:
    from ..validate.siteindex import SiteIndex


@click.command("validate", epilog=EXIT_VALIDATE)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--schema",
    metavar="FILE|NAME",
    help="JSON Schema for every page: a file, or a bundled schema by name (hugo, page). "
    "Default: the config's validate: section, else page (hugo with --hook).",
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
@click.option(
    "--site",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also check PATHS against every page below this folder (slugs, ids, aliases; front matter only).",
)
@click.option(
    "--hook",
    is_flag=True,
    help="pre-commit mode: PATHS are the staged files; they are checked against every page of the site's "
    "content folder (config validate.content, else content/ of the repository), files outside it are "
    "left alone, and the default schema is the target's.",
)
@click.option("--no-cache", is_flag=True, help="Read every page of --site/--hook again instead of the cached index.")
@page_options
def validate(
    paths: tuple[Path, ...],
    schema: str | None,
    config_path: Path | None,
    fmt: str,
    target: str,
    site: Path | None,
    hook: bool,
    no_cache: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    max_page_size: int,
) -> None:
    """Check the front matter of PATHS (files, or folders walked for pages; default: input)."""
    from ..config import ConfigError, load_config
    from ..validate import SchemaError, Schemas
    from ..validate.files import validate_files
    from ..validate.formats import summary_line, write

    if not paths and not Path(DEFAULT_INPUT).exists():
        raise click.UsageError(f"no PATHS given and no {DEFAULT_INPUT!r} folder here")
    try:
        config = load_config(config_path)
        section = config.section("validate")
        fallback = target if hook else None
        schemas = Schemas.from_config(section, config.base, schema, fallback)
        url_for = _url_for(target)
        # A broken schema is found before any page, so it is one clear message, not one per page.
        schemas.validator(schemas.default)
        rule = page_rule(config, include, exclude)
        index, only_below = _site(site, hook, section, config.base, no_cache)
        diagnostics, count = validate_files(
            paths or (Path(DEFAULT_INPUT),), schemas, url_for, rule, max_page_size, index, only_below
        )
    except (ConfigError, SchemaError) as exc:
        click.echo(f"migrate validate: {exc}", err=True)
        sys.exit(2)
    try:
        write(fmt, diagnostics, summary_line(diagnostics, count), sys.stdout, sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): nothing left to say
    sys.exit(1 if any(d.severity == "error" for d in diagnostics) else 0)


def _site(
    site: Path | None, hook: bool, section: dict[str, Any], base: Path, no_cache: bool
) -> tuple[SiteIndex | None, Path | None]:
    """The site index to check against, and the folder files must be in (hook mode only)."""
    from ..validate import SchemaError
    from ..validate.siteindex import SiteIndex, content_folder, default_cache_dir

    if not hook and site is None:
        return None, None
    configured = section.get("content")
    if configured is not None and not isinstance(configured, str):
        raise SchemaError("config: validate.content must be the site's content folder")
    folder = site or content_folder(base / configured if configured else None, Path("."))
    if not folder.is_dir():
        raise SchemaError(f"{folder}: the site's content folder does not exist")
    index = SiteIndex(folder, None if no_cache else default_cache_dir())
    return index, folder if hook else None


def _url_for(target: str) -> Callable[[str], str]:
    from ..targets import get_target

    return get_target(target).url_for
