"""Taxonomy stage: one clean set of tags and categories across the batch (see docs/taxonomy.md).

``prepare`` reads the rules file and counts every spelling in the batch, so each term gets the
corpus's most used spelling as its label; ``run`` rewrites one page's lists and reports each change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..page import Diagnostic, Page

if TYPE_CHECKING:
    from ..pipeline import Context
    from ..taxonomy.vocabulary import Vocabulary

_VOCAB = "taxonomy.vocabulary"
_ERROR = "taxonomy.error"


class Stage:
    name = "taxonomy"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        from ..config import ConfigError
        from ..taxonomy.rules import RulesError
        from ..taxonomy.vocabulary import Vocabulary, settings_from_config

        try:
            settings = settings_from_config(ctx.config)
        except RulesError as exc:
            ctx.batch[_ERROR] = Diagnostic("taxonomy.rules", "error", exc.message, exc.line, exc.column, exc.file)
            return
        except ConfigError as exc:
            ctx.batch[_ERROR] = Diagnostic("taxonomy.config", "error", str(exc))
            return
        ctx.batch[_VOCAB] = Vocabulary.build(((p.name, p.meta) for p in pages if not p.skipped), settings)

    def run(self, page: Page, ctx: Context) -> None:
        error: Diagnostic | None = ctx.batch.get(_ERROR)
        if error is not None:
            # Writing pages with unnormalized terms would split listings the rules meant to merge.
            page.diagnostics.append(error)
            return
        vocab: Vocabulary | None = ctx.batch.get(_VOCAB)
        if vocab is None:  # run without prepare (a single page): the page is its own corpus
            from ..taxonomy.vocabulary import Settings, Vocabulary

            vocab = Vocabulary.build([(page.name, page.meta)], Settings())
        from ..taxonomy.apply import normalize_terms

        lists, changes = normalize_terms(page.meta, vocab)
        page.meta.update(lists)
        for change in changes:
            page.report(change.code, change.severity, change.message, pointer=change.pointer)
