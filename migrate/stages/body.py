"""Body stage: clean the page body (HTML, icons, shortcodes, Tiki leftovers) and audit it for losses."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from ..body import BodyOptions, BodyResult, convert_body
from ..body.options import config_problems
from ..config import ConfigError
from ..page import Page

if TYPE_CHECKING:
    from ..pipeline import Context

_AUDIT_SHOWN = 8


def title_key(title: str) -> str:
    """Wiki link targets match titles loosely: case, spacing and dash kind do not matter."""
    return re.sub(r"\s+", " ", title.replace("–", "-").replace("—", "-")).strip().casefold()


class Stage:
    name = "body"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        titles: dict[str, list[str]] = {}
        for page in pages:
            if not page.url:
                continue
            names = [page.meta.get("title")]
            # A Tiki page was also reachable under its alias names: /Page+Name
            names += [unquote_plus(a.lstrip("/")) for a in page.meta.get("aliases") or [] if isinstance(a, str)]
            for name in names:
                if isinstance(name, str) and name.strip() and not name.strip().isdigit():
                    urls = titles.setdefault(title_key(name), [])
                    if page.url not in urls:
                        urls.append(page.url)
        ctx.batch["titles"] = titles
        problems = config_problems(ctx.config.data.get("body") or {})
        if problems:
            raise ConfigError("config: " + "; ".join(problems))
        ctx.batch["body_section"] = ctx.config.section("body")
        ctx.batch["body_options"] = _options(ctx.batch)  # built once, not per page

    def run(self, page: Page, ctx: Context) -> None:
        opts = ctx.batch.get("body_options") or _options(ctx.batch)
        _apply(page, convert_body(page.body, opts, audit=ctx.audit))

    def run_many(self, pages: list[Page], ctx: Context) -> None:
        """All pages, on ``ctx.jobs`` processes when the batch is big enough to repay starting them."""
        todo = [p for p in pages if not p.skipped]
        if ctx.jobs <= 1 or len(todo) < 4 * ctx.jobs:
            for page in todo:
                ctx.guard(self, page)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        shared = (ctx.batch.get("titles", {}), ctx.batch.get("body_section", {}), ctx.audit)
        # fork: the workers start with this process's imports; nothing is pickled but bodies and results
        with ProcessPoolExecutor(ctx.jobs, multiprocessing.get_context("fork"), _init_worker, (shared,)) as pool:
            chunk = max(1, min(32, len(todo) // (ctx.jobs * 8)))
            for page, outcome in zip(todo, pool.map(_work, [p.body for p in todo], chunksize=chunk), strict=True):
                if isinstance(outcome, str):
                    page.report(f"{self.name}.internal", "error", outcome)
                    page.skipped = True
                else:
                    _apply(page, outcome)


def _options(batch: dict[str, Any]) -> BodyOptions:
    titles: dict[str, list[str]] = batch.get("titles", {})
    return BodyOptions.from_config(batch.get("body_section", {}), resolve_title=lambda t: titles.get(title_key(t)))


def _apply(page: Page, result: BodyResult) -> None:
    page.markdown = result.markdown
    for f in result.report.findings:
        page.report_body(f.code, f.severity, f.message, f.line)  # type: ignore[arg-type]
    page.stats.update(result.report.stats)
    if result.lost is not None:
        page.audit = _audit_entry(page, result.lost)


_WORKER: dict[str, Any] = {}  # set once per worker process by _init_worker


def _init_worker(shared: tuple[dict[str, list[str]], dict[str, Any], bool]) -> None:
    titles, section, audit = shared
    _WORKER["opts"] = _options({"titles": titles, "body_section": section})
    _WORKER["audit"] = audit


def _work(body: str) -> BodyResult | str:
    try:
        return convert_body(body, _WORKER["opts"], audit=_WORKER["audit"])
    except RecursionError:
        return "page is nested too deeply to convert safely"
    except Exception as exc:  # one bad page must not take the batch down
        return f"internal error in stage body: {type(exc).__name__}: {exc}"


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
