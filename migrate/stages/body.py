"""Body stage: clean the page body (HTML, icons, shortcodes, Tiki leftovers) and audit it for losses.

A ``ParallelStage``: ``prepare`` builds the wiki-link index (titles and alias names of the pages
that will be written) and checks the ``body:`` settings; each worker builds its ``BodyOptions``
once from that plain data and converts bodies.

When the run keeps state in the output folder (``ctx.options["output_state"]``, see
migrate.incremental), ``prepare`` also takes every result the body cache still holds for these
bodies and link answers; those pages send nothing to a worker, and each page converted is stored.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, cast
from urllib.parse import unquote_plus

from ..body import BodyOptions, BodyResult, convert_body
from ..incremental.bodycache import BodyCache, RecordingResolver
from ..page import Page, Severity
from .base import Context, ParallelStage

_AUDIT_SHOWN = 8

#: what every worker starts from: wiki-link index, the config's body: section, audit on/off
Shared = tuple[dict[str, list[str]], dict[str, Any], bool]
#: a worker's state: its options (the title look-ups recorded), the audit flag, the recorder
Worker = tuple[BodyOptions, bool, RecordingResolver]


def title_key(title: str) -> str:
    """Wiki link targets match titles loosely: case, spacing and dash kind do not matter."""
    return re.sub(r"\s+", " ", title.replace("–", "-").replace("—", "-")).strip().casefold()


class BodyStage(ParallelStage):
    name = "body"

    def __init__(self) -> None:
        self.titles: dict[str, list[str]] = {}
        #: title key -> name of a page of the batch that is not written (a wiki link to it is not made)
        self.unwritten: dict[str, str] = {}
        self.section: dict[str, Any] = {}
        self.cache: BodyCache | None = None
        #: id(page) -> cache key, and the stored results found for this batch
        self.keys: dict[int, str] = {}
        self.hits: dict[int, BodyResult] = {}

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        self.index_titles(pages, ctx)
        self.look_up([p for p in pages if not p.skipped], ctx)

    def index_titles(
        self, pages: list[Page], ctx: Context, known: tuple[dict[str, list[str]], dict[str, str]] | None = None
    ) -> None:
        """The wiki-link index of the whole batch (what a page's ``((Title))`` resolves to); ``known``: the
        ``titles`` and ``unwritten`` a run with the same pages built (migrate.incremental.replay)."""
        self.section = ctx.config.section("body")
        if known is not None:
            self.titles, self.unwritten = known
            return
        self.titles = {}
        for page in pages:
            title = page.meta.get("title")
            if not page.will_write:  # a link to a page that is not written would be a broken link
                if isinstance(title, str) and title.strip():
                    self.unwritten.setdefault(title_key(title), page.name)
                continue
            names = [page.meta.get("title")]
            # A Tiki page was also reachable under its alias names: /Page+Name
            names += [unquote_plus(a.lstrip("/")) for a in page.meta.get("aliases") or [] if isinstance(a, str)]
            for name in names:
                if isinstance(name, str) and name.strip() and not name.strip().isdigit():
                    urls = self.titles.setdefault(title_key(name), [])
                    if page.url not in urls:
                        urls.append(page.url)

    def look_up(self, pages: list[Page], ctx: Context) -> None:
        """The body cache's results for ``pages`` (after :meth:`index_titles`: a hit needs the same answers)."""
        state = ctx.options.get("output_state")
        if state is not None:
            self.cache = state.body_cache(settings=self.section, target=ctx.target.name, audit=ctx.audit)
            titles = self.titles
            for page in pages:
                self.keys[id(page)] = key = self.cache.key(page.body)
                hit = self.cache.get(key, lambda t: titles.get(title_key(t)))
                if hit is not None:
                    self.hits[id(page)] = hit

    def shared(self, ctx: Context) -> Shared:
        return self.titles, self.section, ctx.audit

    @staticmethod
    def setup(shared: Shared) -> Worker:
        titles, section, audit = shared
        # the titles each page asks for go back with its result: the cache's record of its link facts
        asking = RecordingResolver(lambda t: titles.get(title_key(t)))
        return BodyOptions.from_config(section, resolve_title=asking), audit, asking

    @staticmethod
    def work(state: Worker, body: str | None) -> tuple[BodyResult, dict[str, Any]] | None:
        if body is None:
            return None  # the parent has this page's result from the cache
        options, audit, asking = state
        asking.take()
        return convert_body(body, options, audit=audit), asking.take()

    def item(self, page: Page) -> str | None:
        return None if id(page) in self.hits else page.body

    def apply(self, page: Page, outcome: tuple[BodyResult, dict[str, Any]] | None) -> None:
        if outcome is None:
            result = self.hits.pop(id(page))
        else:
            result, asked = outcome
            if self.cache is not None:  # stored as each page is done: a killed run keeps what it did
                self.cache.put(self.keys[id(page)], result, asked)
        page.markdown = result.markdown
        for f in result.report.findings:
            message = self._unwritten_target(f.message) if f.code == "body.wikilink" else f.message
            page.report_body(f.code, cast(Severity, f.severity), message, f.line)
        page.stats.update(result.report.stats)
        if result.lost is not None:
            page.audit = _audit_entry(page, result.lost)
        if result.added:
            page.audit.update(_added_entry(page, result.added))

    def _unwritten_target(self, message: str) -> str:
        """Say so when a wiki link names a page of the batch that is not written, not "no page"."""
        named = _WIKILINK.search(message)
        other = self.unwritten.get(title_key(named.group(1))) if named else None
        if named is None or other is None:
            return message
        return f"wiki link (({named.group(1)})) names {other}, which is not written (it has errors); kept its text"


_WIKILINK = re.compile(r"^wiki link \(\((.*?)\)\) names no page")


def _added_entry(page: Page, added: Counter[str]) -> dict[str, Any]:
    """Words the output shows that the source never did: junk made visible (escaped markup)."""
    total = sum(added.values())
    items = [w for w, _ in added.most_common(_AUDIT_SHOWN)]
    shown = ", ".join(repr(i) for i in items) + (" …" if len(added) > _AUDIT_SHOWN else "")
    at = min((i for i in (page.body.find(w) for w in items) if i >= 0), default=-1)
    line = page.body.count("\n", 0, at) if at >= 0 else 0
    page.report_body(
        "audit.added-words", "warning", f"{total} words in the output a reader of the source never saw: {shown}", line
    )
    return {"added_words": total, "added_words_items": sorted(added)[:50]}


def _audit_entry(page: Page, lost: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"checked": True}
    for kind, counter in lost.items():
        total = sum(counter.values())
        entry[f"lost_{kind}"] = total
        if total:
            items = sorted(counter)
            entry[f"lost_{kind}_items"] = items[:50]
            shown = ", ".join(repr(i) for i in items[:_AUDIT_SHOWN]) + (" …" if len(items) > _AUDIT_SHOWN else "")
            # point at the first place in the body where something went missing
            # the earliest of the listed items: each search stops where the best so far is, and only
            # the items shown are looked for, so thousands of lost items cost one pass, not thousands
            best = len(page.body)
            for item in items[:_AUDIT_SHOWN]:
                at = page.body.find(str(item), 0, best + len(str(item)))
                if 0 <= at < best:
                    best = at
            offset = page.body.count("\n", 0, best) if best < len(page.body) else 0
            page.report_body(
                f"audit.lost-{kind}", "warning", f"{total} {kind} of the source missing in the output: {shown}", offset
            )
    return entry
