"""A plain CSV map (``source,target,status,match``) for anything else: spreadsheets, CDN imports, scripts.

``source`` is what a browser sends (percent-encoded; the raw UTF-8 spelling follows as its own row when
``raw_utf8`` is on). ``match`` is ``exact`` or ``prefix`` (the 410 legacy endpoints).
"""

from __future__ import annotations

import csv
import io

from . import Output
from .rules import Options, Rule

FILE = "redirects/redirects.csv"


def rows(rules: list[Rule], gone: list[Rule], opts: Options) -> list[tuple[str, str, int, str]]:
    out: dict[str, tuple[str, str, int, str]] = {}
    for g in gone:
        out.setdefault(g.source(), (g.source(), "", 410, "prefix"))
    for r in rules:
        for src in r.spellings(opts.raw_utf8):
            out.setdefault(src, (src, r.target, r.status, "exact"))
    return list(out.values())


def render(rules: list[Rule], gone: list[Rule], opts: Options) -> Output:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["source", "target", "status", "match"])
    writer.writerows(rows(rules, gone, opts))
    return Output({FILE: buf.getvalue()})
