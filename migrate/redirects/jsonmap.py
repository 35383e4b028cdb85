"""A JSON map for edge functions and scripts: ``{"redirects": {source: target}, "gone": [prefix, ...]}``.

Sources are what a browser sends (percent-encoded, plus the raw UTF-8 spelling when ``raw_utf8`` is on),
so an edge function looks up ``pathname + search`` as received, then ``pathname`` alone.
"""

from __future__ import annotations

import json

from . import Output
from .csvmap import rows
from .rules import Options, Rule

FILE = "redirects/redirects.json"


def render(rules: list[Rule], gone: list[Rule], opts: Options) -> Output:
    data = {"status": 301, "redirects": {}, "gone": []}  # type: dict[str, object]
    redirects: dict[str, str] = {}
    prefixes: list[str] = []
    for src, target, status, _ in rows(rules, gone, opts):
        if status == 410:
            prefixes.append(src)
        else:
            redirects[src] = target
    data["redirects"] = redirects
    data["gone"] = prefixes
    return Output({FILE: json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"})
