"""Validate page files: walk the paths, read each page once, check it, then check the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..page import Diagnostic, Page
from ..sources import DEFAULT_RULE, MAX_PAGE_SIZE, PageRule, display_name, input_paths, read_page
from . import check_pages, validate_page
from .schemas import Schemas
from .siteindex import SiteIndex


def below(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def validate_files(
    paths: Iterable[Path],
    schemas: Schemas,
    url_for: Callable[[str], str],
    rule: PageRule = DEFAULT_RULE,
    max_size: int = MAX_PAGE_SIZE,
    site: SiteIndex | None = None,
    only_below: Path | None = None,
) -> tuple[list[Diagnostic], int]:
    """Every error of every file (sorted by file, line, column) and the number of files checked.

    Files are found by the rule every command uses (``migrate.sources``); a file named twice
    (``validate . a.md``) is checked once, not reported as its own duplicate. With ``site``, the pages
    are also checked against every other page of the site index (the clash is reported on the page
    checked). With ``only_below``, files outside that folder are left alone.
    """
    found: list[Diagnostic] = []
    pages: list[Page] = []
    # Files keep the order they were given and walked in, readable or not.
    order: dict[str, int] = {}
    checked: list[Path] = []
    for path in input_paths(paths, rule):
        if only_below is not None and not below(path, only_below):
            continue
        checked.append(path)
        name = display_name(path, None)
        order[name] = len(order)
        page = read_page(path, name, max_size)
        if isinstance(page, Diagnostic):
            found.append(page)
            continue
        pages.append(page)
        found.extend(validate_page(page, schemas, page.text))
    others = site.entries(rule, skip=checked) if site is not None else ()
    found.extend(check_pages(pages, url_for, others))
    found.sort(key=lambda d: (order.get(d.file, len(order)), d.file, d.line, d.column))
    return found, len(order)
