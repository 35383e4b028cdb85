"""Taxonomy stage: one clean set of tags and categories across the batch (see docs/taxonomy.md).

``prepare`` reads the rules file and counts every spelling in the batch, so each term gets the
corpus's most used spelling as its label; ``run`` rewrites one page's lists and reports each change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import ConfigError
from ..page import Page
from .base import Context, Stage

if TYPE_CHECKING:
    from ..taxonomy.vocabulary import Vocabulary


class TaxonomyStage(Stage):
    name = "taxonomy"

    def __init__(self) -> None:
        self.vocab: Vocabulary | None = None

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        from ..taxonomy.rules import RulesError
        from ..taxonomy.vocabulary import Vocabulary, settings_from_config

        try:
            settings = settings_from_config(ctx.config)
        except RulesError as exc:
            # Writing pages with unnormalized terms would split listings the rules meant to merge.
            raise ConfigError(str(exc)) from None
        self.vocab = Vocabulary.build(((p.name, p.meta) for p in pages if not p.skipped), settings)

    def run(self, page: Page, ctx: Context) -> None:
        from ..taxonomy.apply import normalize_terms

        assert self.vocab is not None, "prepare() not called"
        lists, changes = normalize_terms(page.meta, self.vocab)
        page.meta.update(lists)
        for change in changes:
            page.report(change.code, change.severity, change.message, pointer=change.pointer)
