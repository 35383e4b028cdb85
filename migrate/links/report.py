"""The report's view of broken links: per target URL, most frequent first (per page, they are in each page's entry)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..page import Page


def broken_by_url(pages: list[Page]) -> dict[str, Any]:
    """``{"broken_links": [{url, count, kind, reason, suggestion?, pages}]}``, or nothing when no page has links."""
    if not any(p.links for p in pages):
        return {}
    counts: Counter[str] = Counter()
    first: dict[str, dict[str, Any]] = {}
    where: dict[str, list[str]] = {}
    for page in sorted(pages, key=lambda p: p.name):
        for item in page.links.get("broken", []):
            url = item["url"]
            counts[url] += 1
            first.setdefault(url, item)
            names = where.setdefault(url, [])
            if page.name not in names:
                names.append(page.name)
    out = []
    for url, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        item = first[url]
        entry = {"url": url, "count": n, "kind": item["kind"], "reason": item["reason"], "pages": where[url]}
        if item.get("suggestion"):
            entry["suggestion"] = item["suggestion"]
        out.append(entry)
    return {"broken_links": out}
