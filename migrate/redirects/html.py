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


#: characters Windows cannot have in a file or folder name (plus control characters)
_WINDOWS_BAD = set('<>:"|?*\\')
#: names Windows reserves for devices, with or without an extension
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def folder(r: Rule) -> str | None:
    """The stub's folder below the site root, or None when the path cannot be one."""
    parts = [p for p in r.path.split("/") if p]
    if not parts or any(p in (".", "..") or "\\" in p or len(p.encode("utf-8")) > 255 for p in parts):
        return None
    return "/".join(parts)


def windows_problem(name: str) -> str | None:
    """Why a folder path cannot be checked out on Windows, or None."""
    for part in name.split("/"):
        bad = sorted({c for c in part if c in _WINDOWS_BAD or ord(c) < 32})
        if bad:
            return f"not a Windows-safe folder name ({' '.join(repr(c)[1:-1] for c in bad)})"
        if part.split(".")[0].lower() in _RESERVED:
            return f"not a Windows-safe folder name ({part.split('.')[0]} is a reserved device name)"
        if part.endswith((".", " ")):
            return "not a Windows-safe folder name (ends with '.' or a space)"
    return None


def unexpressible(r: Rule) -> str | None:
    if r.query is not None:
        return "query string (a static page cannot match one)"
    name = folder(r)
    if name is None:
        return "path cannot be a folder name"
    return windows_problem(name)


def render(rules: list[Rule], gone: list[Rule], opts: Options) -> Output:
    out = Output()
    # Folders differing only in case are one folder on Windows and macOS: the first keeps it, the
    # others are listed in the overflow with the one they clash with, never dropped silently.
    taken: dict[str, Rule] = {}

    def can(r: Rule) -> str | None:
        why = unexpressible(r)
        if why is not None:
            return why
        key = (folder(r) or "").casefold()
        first = taken.setdefault(key, r)
        if first is not r and first.path != r.path:
            return f"differs only in case from {first.path} (one folder on Windows and macOS)"
        return None

    kept = fit(NAME, FILE, rules, LIMIT, can, out, gone)
    for r in kept:
        out.files.setdefault(
            f"{FILE}/{folder(r)}/index.html", TEMPLATE.format(target=html.escape(r.target, quote=True))
        )
    aliases = sum(1 for r in kept if r.written)
    if aliases:
        out.note(
            "redirect.alias-pages",
            "warning",
            f"html: {aliases:,} of the {len(kept):,} stubs are at the paths of front matter aliases, where Hugo "
            "writes its own alias page: one mechanism must win. Set disableAliases = true in the Hugo config "
            "(the stubs then answer every legacy path), or leave out --format html",
            FILE,
        )
    return out
