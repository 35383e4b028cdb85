"""Aliases stage: each page's legacy URLs (aliases, Tiki spellings, ``tiki_page_id``) become redirect rules.

``prepare`` derives every page's rules and checks them across the batch (two pages claiming one
source, a source that is a live page URL, chains, loops, case-only twins); ``run`` hands each page its
rules and diagnostics. Diagnostics point at the alias they come from.
"""

from __future__ import annotations

from typing import Any

from ..config import ConfigError
from ..page import Page
from ..redirects.rules import Options, check, derive
from .base import Context, Stage


class AliasesStage(Stage):
    name = "aliases"

    def __init__(self) -> None:
        self.done: dict[int, tuple[list[Any], list[tuple[str, str, str, int]]]] = {}

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        opts, problems = Options.from_config(ctx.config.section("redirects"))
        if problems:
            raise ConfigError("config: " + "; ".join(problems))
        self.done = prepare_pages(pages, opts)

    def run(self, page: Page, ctx: Context) -> None:
        rules, diags = self.done[id(page)]
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
    # a draft is written but not published: its URL is not live, so an alias over it is no clash
    live = {n for n, p in by_name.items() if p.will_write and p.meta.get("draft") is not True}
    kept, findings = check(derived, urls, live)
    for f in findings:
        for name, idx in f.where:
            if name in diags:
                diags[name].append((f.severity, f.code, f.message, idx))
    return {id(p): (kept[n], diags[n]) for n, p in by_name.items()}


def _renamed(rule, name: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(rule, page=name)


def _pointer(idx: int) -> tuple[str | int, ...]:
    if idx >= 0:
        return ("aliases", idx)
    if idx == -1:
        return ("tiki_page_id",)
    return ("aliases",)
