"""Taxonomy stage: tags and categories. Normalization rules (issue #5) plug in here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..page import Page

if TYPE_CHECKING:
    from ..pipeline import Context


class Stage:
    name = "taxonomy"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        pass

    def run(self, page: Page, ctx: Context) -> None:
        pass
