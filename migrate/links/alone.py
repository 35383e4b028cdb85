"""One page converted alone: the other pages of its folder, read and routed, so its links still resolve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..page import Page


def folder_pages(path: Path, target: Any) -> list[Page]:
    """Every readable page of ``path``'s folder but ``path`` itself, routed by ``target``."""
    from ..sources import find_pages, read_all

    folder = path.parent
    others = [p for p in find_pages(folder) if p.resolve() != path.resolve()]
    pages, _ = read_all(others, folder)
    for page in pages:
        target.route(page)
    return pages
