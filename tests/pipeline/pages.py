"""Pages built in memory for the runner tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from migrate.frontmatter import read_text
from migrate.page import Page


def make_page(meta: dict[str, Any], body: str = "Body.\n", name: str | None = None) -> Page:
    name = name or f"{meta.get('slug', 'page')}.md"
    page = read_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n\n" + body, Path(name), name)
    assert isinstance(page, Page), page
    return page
