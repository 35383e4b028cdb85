"""HTML stubs for hosts with no server rules: ``<source path>/index.html`` with a meta refresh and a canonical link.

Static hosts serve a folder's ``index.html`` for the path (after decoding it), so each stub's folder is
the decoded source path. A page cannot answer a query string, and some paths cannot be folder names;
those rules are listed, not dropped.
"""

from __future__ import annotations

import html

from . import Output
from .hosted import fit
from .rules import Options, Rule

FILE = "static"
NAME = "html"
LIMIT = 10**9

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{target}</title>
<link rel="canonical" href="{target}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body><p>This page has moved to <a href="{target}">{target}</a>.</p></body>
</html>
"""


def folder(r: Rule) -> str | None:
    """The stub's folder below the site root, or None when the path cannot be one."""
    parts = [p for p in r.path.split("/") if p]
    if not parts or any(p in (".", "..") or "\\" in p or len(p.encode("utf-8")) > 255 for p in parts):
        return None
    return "/".join(parts)


def unexpressible(r: Rule) -> str | None:
    if r.query is not None:
        return "query string (a static page cannot match one)"
    if folder(r) is None:
        return "path cannot be a folder name"
    return None


def render(rules: list[Rule], gone: list[Rule], opts: Options) -> Output:
    out = Output()
    kept = fit(NAME, FILE, rules, LIMIT, unexpressible, out, gone)
    seen: set[str] = set()
    for r in kept:
        where = f"{FILE}/{folder(r)}/index.html"
        # Folder names are matched case-insensitively on some hosts' file systems; first page wins.
        if where.casefold() in seen:
            continue
        seen.add(where.casefold())
        out.files[where] = TEMPLATE.format(target=html.escape(r.target, quote=True))
    return out
