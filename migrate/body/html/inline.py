"""Loose inline tags of a run of Markdown inlines -> elements, built by the HTML parser.

mistune hands inline HTML over as separate open and close tags between other tokens. To nest them
as a browser would (``<b><i>x</b>y</i>`` keeps ``y`` in italics; a link opened inside a link ends
the first), the run is written out as HTML in which every token that is not a tag stands as one
private-use character, parsed by :mod:`.tree`'s parser, and the characters are swapped back for
their tokens. The source never reaches the parser as text: only tags do, so a private-use
character in the tree is always ours.

Most runs need no parser: when every tag is a plain phrasing element (``<span>``, ``<b>``,
``<a>``, ``<sup>`` ...) written simply, and each end tag closes the element opened last, the
HTML parsing algorithm builds exactly the tree a stack builds (no adoption agency, no implied
end tags, no foster parenting can apply), so the stack builds it (``_fold_simple``), several
times faster. ``tests/body/html/test_inline.py`` checks that both ways agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from .tree import MAX_DEPTH, VOID, copy_tree, parse_html, start_tag_at, stray_end_tags

Token = dict[str, Any]

_FIRST = 0xF0000  # Supplementary Private Use Area-A and -B: 131,068 tokens in one run
_LAST = 0x10FFFD
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
# A tag written simply: lowercase-able name, attribute values in double quotes with no entity.
_SIMPLE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*\"[^\"&<>]*\")?)*)\s*/?>$")
_SIMPLE_ATTR = re.compile(r"([A-Za-z_:][\w:.-]*)(?:\s*=\s*\"([^\"]*)\")?")
#: elements the parser treats as "any other", formatting or plain block elements: no special rules
#: while they nest properly (``a`` inside ``a`` and a block inside ``<p>`` aside, which the stack refuses)
_PLAIN = frozenset(
    "span font b i em strong u s strike small big code tt sup sub a abbr cite var dfn kbd samp q mark ins del "
    "bdi bdo time data div p center".split()
)
#: of those, the ones whose start tag first ends an open <p>
_CLOSES_P = frozenset(["div", "p", "center"])
_PLAIN_VOID = frozenset(["br", "img", "wbr"])


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
    simple = _fold_simple(children, stray)
    return simple if simple is not None else fold_parsed(children, stray, too_deep)


def fold_parsed(children: list[Token], stray: Callable[[str], None], too_deep: Callable[[str], None]) -> list[Token]:
    """:func:`fold_tags` by the HTML parser, whatever the run."""
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


def _fold_simple(children: list[Token], stray: Callable[[str], None]) -> list[Token] | None:
    """The parser's tree built by a stack, or None if the run needs the parser (see the module doc)."""
    root: list[Token] = []
    stack: list[Token] = []
    strays: list[str] = []
    for t in children:
        raw = t.get("raw", "") if t["type"] == "inline_html" else ""
        if not raw.startswith("<") or raw.startswith(("<!", "<?")):
            if raw.startswith("<!--"):
                t = {"type": "html_comment", "raw": raw}
            (stack[-1]["children"] if stack else root).append(t)
            continue
        m = _SIMPLE_TAG.match(raw)
        if m is None:
            return None
        closing, tag = m.group(1), m.group(2).lower()
        if closing:
            if stack and stack[-1]["tag"] == tag:
                stack.pop()
            elif tag == "br" or any(s["tag"] == tag for s in stack):
                return None  # mis-nested, or </br> (a browser reads <br>): the parser's business
            else:  # closes nothing: ignored, but for </p>, which makes an empty paragraph
                strays.append(tag)
                if tag == "p":
                    (stack[-1]["children"] if stack else root).append(_element("p", {}, "<p>", implied=True))
            continue
        if tag not in _PLAIN_VOID and (tag not in _PLAIN or raw.endswith("/>")):
            return None  # <span/> opens a span to a browser: the parser's business too
        if tag in _CLOSES_P and any(s["tag"] == "p" for s in stack):
            return None  # it would end the paragraph first
        attrs: dict[str, str] = {}
        for name, value in _SIMPLE_ATTR.findall(m.group(3)):
            attrs.setdefault(name.lower(), value)  # a repeated attribute: the first one counts
        el = _element(tag, attrs, raw)
        (stack[-1]["children"] if stack else root).append(el)
        if tag in _PLAIN_VOID:
            continue
        if len(stack) >= MAX_DEPTH or (tag == "a" and any(s["tag"] == "a" for s in stack)):
            return None
        stack.append(el)
    for el in stack:  # still open where the run ends: the parser ends them there too
        el["closed"] = False
    for tag in strays:
        stray(tag)
    return root


def _element(tag: str, attrs: dict[str, str], raw: str, implied: bool = False) -> Token:
    return {
        "type": "html",
        "tag": tag,
        "attrs": attrs,
        "raw_open": raw,
        "implied": implied,
        "closed": True,
        "children": [],
    }
