"""The one page factory of the tests: page text, a page file, or a ``Page`` in memory (our own words)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from migrate.frontmatter import read_text
from migrate.page import Page


def page_text(slug: str, title: str = "", body: str | None = None, **extra: object) -> str:
    """A legacy page with JSON front matter (title, slug, date and ``extra``) and a short body."""
    data = {"title": title or slug.title(), "slug": slug, "date": "2020-01-02", **extra}
    text = f"Some words about {slug}.\n" if body is None else body
    return json.dumps(data, ensure_ascii=False) + "\n\n" + text


def write_page(folder: Path, name: str, text: str) -> Path:
    """``text`` written to ``folder/name`` (folders made as needed)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_page(meta: dict[str, Any], name: str = "page.md", body: str = "Body.\n") -> Page:
    """A page read from ``meta`` (indented JSON, so each key has its own line) and ``body``."""
    page = read_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n\n" + body, Path(name), name)
    assert isinstance(page, Page), page
    return page
