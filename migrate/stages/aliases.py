"""Aliases stage: each legacy alias becomes a redirect rule to the page's new URL.

Variants, conflicts and server formats (issue #4) plug in here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..page import Page

if TYPE_CHECKING:
    from ..pipeline import Context


class Stage:
    name = "aliases"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        pass

    def run(self, page: Page, ctx: Context) -> None:
        aliases = page.meta.get("aliases") or []
        page.redirects = [(a, page.url) for a in aliases if isinstance(a, str)]
