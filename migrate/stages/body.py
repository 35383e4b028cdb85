"""Body stage: clean the page body (HTML, icons, shortcodes, Tiki leftovers) and audit it for losses."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from ..body import BodyOptions, convert_body
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
        titles: dict[str, str] = {}
        for page in pages:
            if not page.url:
                continue
            names = [page.meta.get("title")]
            # A Tiki page was also reachable under its alias names: /Page+Name
            names += [unquote_plus(a.lstrip("/")) for a in page.meta.get("aliases") or [] if isinstance(a, str)]
            for name in names:
                if isinstance(name, str) and name.strip() and not name.strip().isdigit():
                    titles.setdefault(title_key(name), page.url)
        ctx.batch["titles"] = titles
        ctx.batch["body_section"] = ctx.config.section("body")

    def run(self, page: Page, ctx: Context) -> None:
        titles: dict[str, str] = ctx.batch.get("titles", {})
        opts = BodyOptions.from_config(
            ctx.batch.get("body_section", {}), resolve_title=lambda t: titles.get(title_key(t))
        )
        result = convert_body(page.body, opts, audit=ctx.audit)
        page.markdown = result.markdown
        for f in result.report.findings:
            page.report_body(f.code, f.severity, f.message, f.line)  # type: ignore[arg-type]
        page.stats.update(result.report.stats)
        if result.lost is not None:
            page.audit = _audit_entry(page, result.lost)


def _audit_entry(page: Page, lost: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"checked": True}
    for kind, counter in lost.items():
        total = sum(counter.values())
        entry[f"lost_{kind}"] = total
        if total:
            items = sorted(counter)
            entry[f"lost_{kind}_items"] = items[:50]
            shown = ", ".join(repr(i) for i in items[:_AUDIT_SHOWN]) + (" …" if len(items) > _AUDIT_SHOWN else "")
            page.report_body(
                f"audit.lost-{kind}", "warning", f"{total} {kind} of the source missing in the output: {shown}"
            )
    return entry
