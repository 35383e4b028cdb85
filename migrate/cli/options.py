"""Options every command that reads pages shares: which files are pages, and how big one may be."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ..config import Config
    from ..sources import PageRule

F = TypeVar("F", bound=Callable[..., Any])

#: the default input folder of every command
DEFAULT_INPUT = "input"

#: the end of each command's --help: what its exit status means
EXIT_CONVERT = (
    "Exit status: 0 every page converted; 1 some pages have errors (the others are written); "
    "2 bad usage or an unusable config, rules file or schema; 130 interrupted (Ctrl-C)."
)
EXIT_VALIDATE = "Exit status: 0 no errors; 1 some pages have errors; 2 bad usage or an unusable config or schema."
EXIT_REDIRECTS = (
    "Exit status: 0 the map is complete; 1 some rules have errors (the rest are written); "
    "2 bad usage or an unusable config."
)
EXIT_TAXONOMY = (
    "Exit status: 0 report written; 1 the taxonomy has errors (slug collisions, terms without a slug, "
    "unreadable pages); 2 bad usage or an unusable config or rules file."
)


def page_options(func: F) -> F:
    """``--include``, ``--exclude`` and ``--max-page-size``, the same for every command."""
    from ..sources import EXCLUDE, INCLUDE, MAX_PAGE_SIZE

    func = click.option(
        "--max-page-size",
        type=click.IntRange(1),
        default=MAX_PAGE_SIZE,
        show_default=True,
        metavar="BYTES",
        help="A larger file is not read (error read.too-large).",
    )(func)
    func = click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help=f"Skip files and folders matching GLOB (repeatable; default: {' '.join(EXCLUDE)}).",
    )(func)
    func = click.option(
        "--include",
        multiple=True,
        metavar="GLOB",
        help=f"Pages are the files matching GLOB (repeatable; default: {' '.join(INCLUDE)}).",
    )(func)
    return func


def page_rule(config: Config, include: tuple[str, ...], exclude: tuple[str, ...]) -> PageRule:
    from ..sources import PageRule

    return PageRule.from_options(include, exclude, config.section("pages"))
