"""Validate page files: walk the paths, read each page once, check it, then check the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..frontmatter import read_page_text
from ..page import Diagnostic, Page
from . import check_pages, validate_page
from .schemas import Schemas
from .siteindex import SiteIndex

SUFFIXES = (".md", ".markdown")


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, folders walked for Markdown pages (hidden ones skipped, symlinked folders not followed)."""
    from ..pipeline import find_pages

    for path in paths:
        if path.is_dir():
            yield from find_pages(path, skip_dirs=(), suffixes=SUFFIXES)
        else:
            yield path


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
    site: SiteIndex | None = None,
    only_below: Path | None = None,
) -> tuple[list[Diagnostic], int]:
    """Every error of every file (sorted by file, line, column) and the number of files checked.

    With ``site``, the pages are also checked against every other page of the site index (the clash
    is reported on the page checked). With ``only_below``, files outside that folder are left alone.
    """
    found: list[Diagnostic] = []
    pages: list[Page] = []
    # Files keep the order they were given and walked in, readable or not.
    order: dict[str, int] = {}
    seen: set[Path] = set()
    for path in find_files(paths):
        if only_below is not None and not below(path, only_below):
            continue
        # A file named twice (`validate . a.md`) is checked once, not reported as its own duplicate.
        real = path.resolve()
        if real in seen:
            continue
        seen.add(real)
        order[str(path)] = len(order)
        page, text = read_page_text(path)
        if isinstance(page, Diagnostic):
            found.append(page)
            continue
        pages.append(page)
        found.extend(validate_page(page, schemas, text))
    others = site.entries(skip=seen) if site is not None else ()
    found.extend(check_pages(pages, url_for, others))
    found.sort(key=lambda d: (order.get(d.file, len(order)), d.file, d.line, d.column))
    return found, len(order)
