"""Links stage: after the body stage, every link and image of every page is resolved against the index
of the whole input (rewritten to the page's new URL, or reported as broken); before the write stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import ConfigError
from ..links import Policy, build_index, resolve_page
from ..page import Page

if TYPE_CHECKING:
    from ..pipeline import Context


def will_write(page: Page) -> bool:
    """Whether the page will be written (the pipeline's answer when it has one)."""
    answer = getattr(page, "will_write", None)
    if answer is not None:
        return bool(answer() if callable(answer) else answer)
    return bool(page.output_path) and not page.skipped and not page.has_errors and page.meta.get("draft") is not True


class Stage:
    name = "link"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        policy, problems = Policy.from_config(ctx.config.section("links"), ctx.config.base)
        if problems:
            raise ConfigError("config: " + "; ".join(problems))
        # pages of the input folder that are not in this batch (one file converted alone) still name pages
        others: list[Page] = ctx.batch.get("index_pages") or []
        target = ctx.target
        batch_ids = _Ids(pages)
        index = build_index(
            [*pages, *others],
            lambda p: will_write(p) if p in batch_ids else not p.has_errors,
            hosts=policy.hosts,
            asset_hosts=policy.asset_hosts,
            asset_prefixes=policy.asset_prefixes,
            tag_url=getattr(target, "tag_url", None),
            section=getattr(target, "url_section", "posts"),
        )
        markdown = {p.url: p.markdown for p in pages if p.url}
        ctx.batch["links"] = (index, policy, markdown.get)

    def run(self, page: Page, ctx: Context) -> None:
        if "links" not in ctx.batch:
            self.prepare([page], ctx)
        index, policy, markdown_of = ctx.batch["links"]
        outcome = resolve_page(page, index, policy, markdown_of)
        page.stats.update(outcome.counts)
        page.links = {"broken": outcome.broken, "assets": outcome.assets}


class _Ids:
    """Membership by identity (pages are not hashable by value)."""

    def __init__(self, pages: list[Page]) -> None:
        self.ids = {id(p) for p in pages}

    def __contains__(self, page: object) -> bool:
        return id(page) in self.ids
