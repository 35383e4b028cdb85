"""Aliases stage: each page's legacy URLs (aliases, Tiki spellings, ``tiki_page_id``) become redirect rules.

``prepare`` derives every page's rules and checks them across the batch (two pages claiming one
source, a source that is a live page URL, chains, loops, case-only twins); ``run`` hands each page its
rules and diagnostics. Diagnostics point at the alias they come from.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple, cast

from ..config import ConfigError
from ..page import Page, Severity
from ..redirects.rules import Options, Rule, check, derive
from .base import Context, Stage


class AliasesStage(Stage):
    name = "aliases"

    def __init__(self) -> None:
        self.done: dict[int, tuple[list[Rule], list[Problem]]] = {}

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        opts, problems = Options.from_config(ctx.config.section("redirects"))
        if problems:
            raise ConfigError("config: " + "; ".join(problems))
        opts = replace(opts, reserved=ctx.target.reserved())
        self.done = prepare_pages(pages, opts)

    def run(self, page: Page, ctx: Context) -> None:
        rules, problems = self.done[id(page)]
        page.redirects = rules
        for p in problems:
            page.report(p.code, p.severity, p.message, pointer=_pointer(p.alias))


class Problem(NamedTuple):
    """A finding on one alias, in the order ``Page.report`` takes it; ``alias`` says which one."""

    code: str
    severity: Severity
    message: str
    #: which alias: its index, -1 for tiki_page_id, -2 for the list itself
    alias: int


def prepare_pages(pages: list[Page], opts: Options) -> dict[int, tuple[list[Rule], list[Problem]]]:
    """Rules and problems per page, keyed by ``id(page)``."""
    by_name: dict[str, Page] = {}
    derived: dict[str, list[Rule]] = {}
    diags: dict[str, list[Problem]] = {}
    for page in pages:
        # Names are unique per batch (file paths); a repeated name still gets its own slot.
        name = page.name if page.name not in by_name else f"{page.name}#{id(page)}"
        by_name[name] = page
        got = derive(page, opts)
        derived[name] = [r if r.page == name else _renamed(r, name) for r in got.rules]
        diags[name] = [Problem(code, cast(Severity, sev), msg, idx) for idx, sev, code, msg in got.problems]
    urls = {n: p.url for n, p in by_name.items()}
    # a draft is written but not published: its URL is not live, so an alias over it is no clash
    live = {n for n, p in by_name.items() if p.will_write and p.meta.get("draft") is not True}
    kept, findings = check(derived, urls, live)
    for f in findings:
        for name, idx in f.where:
            if name in diags:
                diags[name].append(Problem(f.code, cast(Severity, f.severity), f.message, idx))
    return {id(p): (kept[n], diags[n]) for n, p in by_name.items()}


def _renamed(rule: Rule, name: str) -> Rule:
    from dataclasses import replace

    return replace(rule, page=name)


def _pointer(idx: int) -> tuple[str | int, ...]:
    if idx >= 0:
        return ("aliases", idx)
    if idx == -1:
        return ("tiki_page_id",)
    return ("aliases",)
