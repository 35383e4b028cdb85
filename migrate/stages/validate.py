"""Validate stage: front matter must name the page (title, slug) before anything else runs.

The JSON Schema checks (issue #3) plug in here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..page import Page

if TYPE_CHECKING:
    from ..pipeline import Context


class Stage:
    name = "validate"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        pass

    def run(self, page: Page, ctx: Context) -> None:
        for key in ("title", "slug"):
            value = page.meta.get(key)
            if not isinstance(value, str) or not value.strip():
                page.report("schema.required", "error", f"front matter needs a non-empty '{key}'", pointer=(key,))
