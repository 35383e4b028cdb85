"""Aliases stage: each page's legacy URLs (aliases, Tiki spellings, ``tiki_page_id``) become redirect rules.

``prepare`` derives every page's rules and checks them across the batch (two pages claiming one
source, a source that is a live page URL, chains, loops, case-only twins); ``run`` hands each page its
rules and diagnostics. Diagnostics point at the alias they come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..page import Page
from ..redirects.rules import Options, check, derive

if TYPE_CHECKING:
    from ..pipeline import Context

BATCH_KEY = "redirects"


class Stage:
    name = "aliases"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        opts, problems = Options.from_config(ctx.config.section("redirects"))
        ctx.batch[BATCH_KEY] = prepare_pages(pages, opts)
        ctx.batch["redirect_config_problems"] = problems

    def run(self, page: Page, ctx: Context) -> None:
        done = ctx.batch.get(BATCH_KEY)
        if done is None or id(page) not in done:
            # Called without prepare (a single page): no cross-page checks possible.
            opts, _ = Options.from_config(ctx.config.section("redirects"))
            done = prepare_pages([page], opts)
        rules, diags = done[id(page)]
        page.redirects = rules
        for severity, code, message, idx in diags:
            page.report(code, severity, message, pointer=_pointer(idx))  # type: ignore[arg-type]


def prepare_pages(pages: list[Page], opts: Options) -> dict[int, tuple[list, list[tuple[str, str, str, int]]]]:
    """Rules and (severity, code, message, alias index) per page, keyed by ``id(page)``."""
    by_name: dict[str, Page] = {}
    derived: dict[str, list] = {}
    diags: dict[str, list[tuple[str, str, str, int]]] = {}
    for page in pages:
        # Names are unique per batch (file paths); a repeated name still gets its own slot.
        name = page.name if page.name not in by_name else f"{page.name}#{id(page)}"
        by_name[name] = page
        got = derive(page, opts)
        derived[name] = [r if r.page == name else _renamed(r, name) for r in got.rules]
        diags[name] = [(sev, code, msg, idx) for idx, sev, code, msg in got.problems]
    urls = {n: p.url for n, p in by_name.items()}
    live = {n for n, p in by_name.items() if p.url and not p.skipped and not _blocked(p)}
    kept, findings = check(derived, urls, live)
    for f in findings:
        for name, idx in f.where:
            if name in diags:
                diags[name].append((f.severity, f.code, f.message, idx))
    return {id(p): (kept[n], diags[n]) for n, p in by_name.items()}


def _renamed(rule, name: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(rule, page=name)


def _blocked(page: Page) -> bool:
    """A page that will not be written: draft, or an error from an earlier stage."""
    return bool(page.meta.get("draft") is True) or any(
        d.severity == "error" and not d.code.startswith("redirect.") for d in page.diagnostics
    )


def _pointer(idx: int) -> tuple[str | int, ...]:
    if idx >= 0:
        return ("aliases", idx)
    if idx == -1:
        return ("tiki_page_id",)
    return ("aliases",)
