"""Why a format holds as many rules as it does: the rules by kind, and what one line of the format is.

The same 400 pages give 2,978 rules, 3,558 CSV rows and 1,999 Vercel entries; the summary line
says where each number comes from, so a person can check it instead of wondering what was lost.
"""

from __future__ import annotations

from . import Output
from .rules import Rule

#: what a line or entry of each format is, when it is not one rule
UNITS = {
    "nginx": "map keys (each rule's percent-encoded and raw UTF-8 spellings; case twins once)",
    "apache": "RewriteRules (one per rule)",
    "caddy": "redirect lines (one per rule)",
    "netlify": "rules in _redirects (paths only); the edge function answers the rest",
    "cloudflare-pages": "rules in _redirects (paths only, at most 2,000); the edge function answers the rest",
    "vercel": "entries (spellings of one page name share one entry: its query is matched decoded)",
    "cloudflare": "bulk redirect rows (host + path, no query strings)",
    "html": "stub pages (paths only; one folder per decoded path)",
    "csv": "rows (each rule's percent-encoded and raw UTF-8 spellings, plus one per gone prefix)",
    "json": "map entries (as the CSV rows)",
}


def kinds(rules: list[Rule]) -> dict[str, int]:
    """The rules by where they come from, in a fixed order."""
    out = {"aliases as written": 0, "page-name spellings": 0, "tiki-index.php?page=": 0, "page_id": 0, "other": 0}
    for r in rules:
        if r.query is None:
            out["aliases as written" if r.written else "page-name spellings"] += 1
        elif r.query.startswith("page="):
            out["tiki-index.php?page="] += 1
        elif r.query.startswith("page_id="):
            out["page_id"] += 1
        else:
            out["other"] += 1
    return {k: n for k, n in out.items() if n}


def explain(fmt: str, rules: list[Rule], out: Output, written: dict[str, str] | None = None) -> str:
    """One line: the rules by kind, then how many lines the format's file holds and what one is.

    ``written``: format file name -> the path actually written (``-o``), to name that instead.
    """
    written = written or {}
    parts = ", ".join(f"{n:,} {k}" for k, n in kinds(rules).items())
    held = out.files.get(out.main, "")
    lines = _units(fmt, held)
    unit = UNITS.get(fmt, "lines")
    shown = f"; {written.get(out.main, out.main)} holds {lines:,} {unit}" if lines is not None else ""
    if out.left:
        edge = next((n for n in out.files if n.endswith(".js")), None)
        where = f"answered by {written.get(edge, edge)}" if edge else "listed in the overflow file"
        shown += f"; {len(out.left):,} more {where}"
    return f"{fmt}: {len(rules):,} rules ({parts or 'none'}){shown}"


def _units(fmt: str, text: str) -> int | None:
    if fmt == "html" or not text:
        return None
    if fmt == "vercel":
        import json

        return len(json.loads(text).get("redirects", []))
    if fmt == "json":
        import json

        return len(json.loads(text).get("redirects", {}))
    body = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if fmt == "nginx":
        return sum(1 for line in body if line.startswith('    "') and not line.startswith('    "~'))
    if fmt == "apache":
        return sum(1 for line in body if line.startswith("RewriteRule") and "[G" not in line)
    if fmt == "csv":
        return len(body) - 1
    if fmt == "cloudflare":
        return len(body) - (1 if body and body[0].startswith("source") else 0)
    return len(body)
