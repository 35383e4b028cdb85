"""The report's view of broken links: per target URL, most frequent first (per page, they are in each page's entry)."""

from __future__ import annotations

from collections import Counter
from typing import Any


def broken_by_url(tallies: list[dict[str, Any]]) -> dict[str, Any]:
    """``{"broken_links": [{url, count, kind, reason, suggestion?, pages}]}`` from the tallies of the
    report's page entries (``migrate.report.tally``, sorted by source), or nothing when no page has links."""
    if not any(t.get("links") for t in tallies):
        return {}
    counts: Counter[str] = Counter()
    first: dict[str, dict[str, Any]] = {}
    where: dict[str, list[str]] = {}
    for t in tallies:
        for item in t.get("broken", ()):
            url = item["url"]
            counts[url] += 1
            first.setdefault(url, item)
            names = where.setdefault(url, [])
            if t["source"] not in names:
                names.append(t["source"])
    out = []
    for url, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        item = first[url]
        entry = {"url": url, "count": n, "kind": item["kind"], "reason": item["reason"], "pages": where[url]}
        if item.get("suggestion"):
            entry["suggestion"] = item["suggestion"]
        out.append(entry)
    return {"broken_links": out}
