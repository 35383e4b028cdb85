"""Raw-text and escapable-raw-text elements: what is inside them is text, never markup.

``<xmp><script>`` shows the characters ``<script>`` in a browser; unwrapping the ``<xmp>`` and
reading its content as HTML would make the script live. ``<plaintext>`` runs to the end of the page.
"""

from __future__ import annotations

import re
from typing import Any

Token = dict[str, Any]

_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(?:[\s/>]|$)")

#: the HTML spec's raw-text and escapable-raw-text elements, plus the legacy ones parsed the same way
RAW_TEXT = frozenset("xmp plaintext noembed noframes noscript iframe textarea title script style listing".split())
#: of those, the ones whose text still has character references (``&lt;`` means ``<``)
ESCAPABLE_RAW_TEXT = frozenset(["textarea", "title"])


def swallow(children: list[Token], start: int, tag: str) -> tuple[str, int]:
    """From ``children[start]`` on, the text up to the ``</tag>`` that ends a raw-text element.

    Returns the text and the index just past the end tag (or the end of the run). HTML tokens
    inside become their own characters; Markdown tokens keep their text.
    """
    out: list[str] = []
    i = start
    end = f"</{tag}"
    while i < len(children):
        tok = children[i]
        i += 1
        raw = tok.get("raw")
        if tok["type"] == "inline_html" and str(raw).lower().startswith(end) and tag != "plaintext":
            return "".join(out), i
        if isinstance(raw, str):
            out.append(raw)
        elif tok.get("children"):
            out.append(_text_of(tok["children"]))
        elif tok["type"] in ("softbreak", "linebreak"):
            out.append("\n")
    return "".join(out), i


def _text_of(tokens: list[Token]) -> str:
    return "".join(
        str(t["raw"]) if isinstance(t.get("raw"), str) else _text_of(t.get("children") or []) for t in tokens
    )


def raw_text_runs(children: list[Token]) -> list[Token]:
    """Inline tokens with the content of each raw-text element made one literal text token."""
    for t in children:
        opened = _OPEN.match(t["raw"]) if t["type"] == "inline_html" else None
        if opened and opened.group(1).lower() in RAW_TEXT:
            break
    else:
        return children  # the common case: nothing to do, one cheap pass
    out: list[Token] = []
    i = 0
    while i < len(children):
        tok = children[i]
        out.append(tok)
        i += 1
        m = _OPEN.match(str(tok.get("raw", ""))) if tok["type"] == "inline_html" else None
        if m and m.group(1).lower() in RAW_TEXT:
            tag = m.group(1).lower()
            text, i = swallow(children, i, tag)
            if text:
                out.append({"type": "text", "raw": text, "literal": True})
            last = children[i - 1]
            if tag != "plaintext" and last["type"] == "inline_html" and str(last["raw"]).lower().startswith(f"</{tag}"):
                out.append(last)
    return out
