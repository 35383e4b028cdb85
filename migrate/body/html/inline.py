"""Loose inline tags of a run of Markdown inlines -> elements, built by the HTML parser.

mistune hands inline HTML over as separate open and close tags between other tokens. To nest them
as a browser would (``<b><i>x</b>y</i>`` keeps ``y`` in italics; a link opened inside a link ends
the first), the run is written out as HTML in which every token that is not a tag stands as one
private-use character, parsed by :mod:`.tree`'s parser, and the characters are swapped back for
their tokens. The source never reaches the parser as text: only tags do, so a private-use
character in the tree is always ours.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from .tree import VOID, copy_tree, parse_html, start_tag_at, stray_end_tags

Token = dict[str, Any]

_FIRST = 0xF0000  # Supplementary Private Use Area-A and -B: 131,068 tokens in one run
_LAST = 0x10FFFD
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


def has_tags(children: list[Token]) -> bool:
    return any(t["type"] == "inline_html" for t in children)


def fold_tags(
    children: list[Token],
    stray: Callable[[str], None],
    too_deep: Callable[[str], None],
) -> list[Token]:
    """``children`` with their open/close tags made ``html`` element tokens holding what they wrap.

    Comments become ``html_comment`` tokens; ``<!...>`` and ``<?...>`` stay ``inline_html``.
    ``stray`` is told each end tag that closed nothing, ``too_deep`` the first element dropped
    for nesting deeper than the converters go.
    """
    parts: list[str] = []
    tokens: list[Token] = []
    opened: Counter[str] = Counter()
    closed: Counter[str] = Counter()
    for t in children:
        raw = t.get("raw", "") if t["type"] == "inline_html" else ""
        m = _TAG_NAME.match(raw) if raw else None
        if m is not None:
            (closed if m.group(1) else opened)[m.group(2).lower()] += 1
            parts.append(raw)
            continue
        if raw.startswith("<!--"):
            t = {"type": "html_comment", "raw": raw}
        if _FIRST + len(tokens) > _LAST:
            return children  # a run this long is hostile: its tags stay loose (and are reported kept)
        parts.append(chr(_FIRST + len(tokens)))
        tokens.append(t)
    src = "".join(parts)
    doc = parse_html(src)

    def text(data: str) -> list[Token]:
        out: list[Token] = []
        plain: list[str] = []
        for ch in data:
            k = ord(ch) - _FIRST
            if 0 <= k < len(tokens):
                if plain:
                    out.append({"type": "text", "raw": "".join(plain), "literal": True})
                    plain.clear()
                out.append(tokens[k])
            else:  # text the parser made of tags (inside <textarea>, <title> ...): literal text
                plain.append(ch)
        if plain:
            out.append({"type": "text", "raw": "".join(plain), "literal": True})
        return out

    def element(tag: str, attrs: dict[str, str], raw: str) -> Token:
        return {
            "type": "html",
            "tag": tag,
            "attrs": attrs,
            "raw_open": raw or f"<{tag}>",
            #: no start tag in the source: the parser implied it (``<tbody>``, ``<p>`` for a stray ``</p>``)
            "implied": not raw,
            "closed": tag in VOID or closed[tag] >= opened[tag],
            "children": [],
        }

    folded = copy_tree(
        doc, text, lambda node: start_tag_at(src, node.origin_offset), element, lambda el: el["children"], too_deep
    )
    for name in stray_end_tags(doc, src):
        stray(name)
    return folded
