"""Vercel ``vercel.json``: ``redirects`` entries with ``statusCode: 301`` (``permanent: true`` answers 308).

``source`` uses path-to-regexp syntax, so its special characters are escaped; Tiki query rules use a
``has`` query condition on the decoded value. Vercel is reported to keep at most 1,024 redirects.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote_plus

from . import Output
from .hosted import fit
from .rules import Options, Rule

FILE = "vercel.json"
NAME = "vercel"
LIMIT = 1_024
#: characters with a meaning in path-to-regexp patterns.
_SPECIAL = re.compile(r"([\\:()*+?{}\[\]])")


def source_pattern(path_wire: str) -> str:
    return _SPECIAL.sub(r"\\\1", path_wire)


def entries(rules: list[Rule]) -> list[dict[str, object]]:
    """One entry per distinct source; a Tiki query's spellings share one decoded-value condition."""
    out: dict[tuple[str, str | None], dict[str, object]] = {}
    for r in rules:
        entry: dict[str, object] = {"source": source_pattern(Rule(r.path, None, "").source())}
        cond: str | None = None
        if r.query is not None:
            key, _, value = r.query.partition("=")
            cond = key + "=" + unquote_plus(value)
            entry["has"] = [{"type": "query", "key": key, "value": "^" + re.escape(unquote_plus(value)) + "$"}]
        entry["destination"] = r.target
        entry["statusCode"] = 301
        out.setdefault((r.path, cond), entry)
    return list(out.values())


def render(rules: list[Rule], gone: list[Rule], opts: Options) -> Output:
    out = Output()
    # Collapse spellings first so the cap counts what Vercel counts.
    firsts: dict[tuple[str, str | None], Rule] = {}
    for r in rules:
        cond = None
        if r.query is not None:
            key, _, value = r.query.partition("=")
            cond = key + "=" + unquote_plus(value)
        firsts.setdefault((r.path, cond), r)
    # The edge function matches every spelling itself, so it gets the rules as they are, not collapsed.
    kept = fit(NAME, FILE, list(firsts.values()), opts.limit(NAME, LIMIT), lambda r: None, out, gone, edge=True)
    out.files[FILE] = json.dumps({"redirects": entries(kept)}, ensure_ascii=False, indent=2) + "\n"
    return out
