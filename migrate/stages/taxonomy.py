"""Taxonomy stage: one clean set of tags and categories across the batch (see docs/taxonomy.md).

``prepare`` reads the rules file and counts every spelling in the batch, so each term gets the
corpus's most used spelling as its label; ``run`` rewrites one page's lists and reports each change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..page import Page

if TYPE_CHECKING:
    from ..pipeline import Context
    from ..taxonomy.vocabulary import Vocabulary

_VOCAB = "taxonomy.vocabulary"


class Stage:
    name = "taxonomy"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        from ..config import ConfigError
        from ..taxonomy.rules import RulesError
        from ..taxonomy.vocabulary import Vocabulary, settings_from_config

        try:
            settings = settings_from_config(ctx.config)
        except RulesError as exc:
            # Writing pages with unnormalized terms would split listings the rules meant to merge.
            raise ConfigError(str(exc)) from None
        ctx.batch[_VOCAB] = Vocabulary.build(((p.name, p.meta) for p in pages if not p.skipped), settings)

    def run(self, page: Page, ctx: Context) -> None:
        vocab: Vocabulary | None = ctx.batch.get(_VOCAB)
        if vocab is None:  # run without prepare (a single page): the page is its own corpus
            from ..taxonomy.vocabulary import Settings, Vocabulary

            vocab = Vocabulary.build([(page.name, page.meta)], Settings())
        from ..taxonomy.apply import normalize_terms

        lists, changes = normalize_terms(page.meta, vocab)
        page.meta.update(lists)
        for change in changes:
            page.report(change.code, change.severity, change.message, pointer=change.pointer)
