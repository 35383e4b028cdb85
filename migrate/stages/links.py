"""Links stage: after the body and taxonomy stages, every link and image of every page is resolved
against the index of the whole input (rewritten to the page's new URL, or reported as broken);
before the write stage. The work is plain functions in ``migrate/links/``.
"""

from __future__ import annotations

from typing import Any

from ..config import ConfigError
from ..links import Index, Policy, build_index, resolve_page
from ..page import Page
from .base import Context, Stage


def will_write(page: Page) -> bool:
    """Whether the page will be in the built site: written, and not a draft the CMS leaves out."""
    return page.will_write and page.meta.get("draft") is not True


class LinksStage(Stage):
    name = "link"  # its diagnostics are link.*; the registry key is the same

    def __init__(self) -> None:
        self.index: Index | None = None
        self.policy = Policy()
        self.markdown: dict[str, str] = {}

    def prepare(self, pages: list[Page], ctx: Context, index: Index | None = None) -> None:
        """The policy from the config, and the index of the batch: built, or ``index`` (the one a run
        with the same pages built: migrate.incremental.replay)."""
        policy, problems = Policy.from_config(ctx.config.section("links"), ctx.config.base)
        if problems:
            raise ConfigError("config: " + "; ".join(problems))
        self.policy = policy
        self.markdown = {p.url: p.markdown for p in pages if p.url}
        if index is not None:
            self.index = index
            return
        # pages of the input folder outside this batch (one file converted alone) still name pages
        others: list[Page] = ctx.options.get("index_pages") or []
        batch = {id(p) for p in pages}
        target: Any = ctx.target
        self.index = build_index(
            [*pages, *others],
            lambda p: will_write(p) if id(p) in batch else not p.has_errors,
            hosts=policy.hosts,
            asset_hosts=policy.asset_hosts,
            asset_prefixes=policy.asset_prefixes,
            tag_url=target.tag_url,
            section=target.url_section,
        )

    def run(self, page: Page, ctx: Context) -> None:
        if self.index is None:
            self.prepare([page], ctx)
        assert self.index is not None
        outcome = resolve_page(page, self.index, self.policy, self.markdown.get)
        page.stats.update(outcome.counts)
        page.links = {"broken": outcome.broken, "assets": outcome.assets}
