"""Anchors (``<a name>``, ``<a id>`` without ``href``, Tiki's ``{ANAME()}``): kept only where linked to."""

from __future__ import annotations

from ..context import Converting
from ..inline_ops import attr_escape
from ..tokens import Token


def settle(conv: Converting, blocks: list[Token]) -> None:
    """Keep an anchor as ``<a id>`` only when the page links to it; else it is dead markup."""
    targets: set[str] = set()
    anchors: list[Token] = []
    stack = list(blocks)
    while stack:
        t = stack.pop()
        if t["type"] == "link":
            url = t["attrs"].get("url", "")
            if "#" in url:
                targets.add(url.split("#", 1)[1])
        elif t["type"] == "anchor":
            anchors.append(t)
        stack.extend(t.get("children") or [])
    for a in anchors:
        name = a.pop("name")
        if name and name in targets:
            a.update({"type": "inline_html", "raw": f'<a id="{attr_escape(name)}"></a>'})
            conv.count("kept.anchor")
        else:
            a.update({"type": "text", "raw": "", "literal": True})
            conv.count("anchor.unused")
