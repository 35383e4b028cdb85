"""The parser's tree for plain, well-nested HTML fragments, built by a stack.

Most of the wiki's HTML blocks are plain: ``<p>``, ``<div>``, lists, headings and phrasing tags,
each closed where it should be, attributes written simply. For those the HTML parsing algorithm
builds exactly the tree a stack builds: none of its repairs (adoption agency, foster parenting,
implied end tags, reconstructed formatting) can apply. :func:`build` builds that tree several
times faster than the parser, and gives up (None) at the first thing that would need the parser:
a table, a mis-nested or implied end, an unusual tag, a character reference in an attribute.
``tests/body/html/test_shortcut.py`` checks that it agrees with the parser.
"""

from __future__ import annotations

import html
import re

from .nodes import MAX_DEPTH, Comment, Element

# Tags written simply: a name, attributes in double, single or no quotes, no character reference.
_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:\"[^\"&<]*\"|'[^'&<]*'|[^\s\"'=<>`&]+))?)*)\s*(/?)>"
)
_ATTR = re.compile(r"([A-Za-z_:][\w:.-]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`&]+)))?")
_COMMENT = re.compile(r"<!--(?!-?>)((?:(?!--!?>)[\s\S])*?)-->")
_MARKUP = re.compile(r"<")
_PHRASING = frozenset(
    "span font b i em strong u s strike small big code tt sup sub a abbr cite var dfn kbd samp q mark ins del "
    "bdi bdo time data".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: block elements whose start tag first ends an open <p> (the stack refuses a <p> open there)
_CLOSES_P = frozenset("p div center ul ol li blockquote hr".split()) | _HEADINGS
_BLOCK = frozenset("p div center ul ol li blockquote".split()) | _HEADINGS
_VOID = frozenset(["br", "img", "wbr", "hr"])
#: special elements (the spec's list) among the ones above: where <li>'s search for an open <li> stops
_SPECIAL_STOP = frozenset("center ul ol li blockquote".split()) | _HEADINGS


def build(src: str) -> tuple[Element, list[str]] | None:
    """(root, end tags that closed nothing) as the parser would give them, or None to ask the parser."""
    if "\r" in src or "\0" in src:
        return None
    root = Element("#root")
    stack: list[Element] = [root]
    strays: list[str] = []
    pos = 0
    n = len(src)
    while pos < n:
        lt = src.find("<", pos)
        if lt < 0:
            lt = n
        if lt > pos:
            _text(stack[-1], src[pos:lt])
        if lt >= n:
            break
        if src.startswith("<!--", lt):
            m = _COMMENT.match(src, lt)
            if m is None:
                return None
            stack[-1].children.append(Comment(m.group(1)))
            pos = m.end()
            continue
        m = _TAG.match(src, lt)
        if m is None:
            return None  # "<" as text, "<!x>", a tag written unusually: the parser's business
        pos = m.end()
        closing, tag = m.group(1), m.group(2).lower()
        if closing:
            if m.group(3) or m.group(4):
                return None
            top = stack[-1]
            if top.tag == tag and len(stack) > 1:
                stack.pop()
            elif tag == "br" or any(e.tag == tag or (tag in _HEADINGS and e.tag in _HEADINGS) for e in stack[1:]):
                return None  # mis-nested (or </br>, which a browser reads as <br>)
            else:
                strays.append(tag)  # closes nothing: ignored, but for </p>, which makes an empty paragraph
                if tag == "p":
                    top.children.append(Element("p"))
            continue
        if tag not in _PHRASING and tag not in _BLOCK and tag not in _VOID:
            return None
        if m.group(4) and tag not in _VOID:
            return None  # <div/> opens a div to a browser
        top = stack[-1]
        if tag in _CLOSES_P and any(e.tag == "p" for e in stack[1:]):
            return None
        if tag in _HEADINGS and top.tag in _HEADINGS:
            return None
        if tag == "li" and _li_would_close(stack):
            return None
        if tag == "a" and any(e.tag == "a" for e in stack[1:]):
            return None
        if len(stack) - 1 >= MAX_DEPTH:
            return None  # the parser's path flattens what is this deep
        attrs: dict[str, str] = {}
        for name, dq, sq, uq in _ATTR.findall(m.group(3)):
            attrs.setdefault(name.lower(), dq or sq or uq)  # a repeated attribute: the first one counts
        el = Element(tag, attrs, [], m.group(0))
        top.children.append(el)
        if tag not in _VOID:
            stack.append(el)
    return root, strays


def _li_would_close(stack: list[Element]) -> bool:
    """<li> ends an open <li> unless a list (or another special element) comes between."""
    for e in reversed(stack[1:]):
        if e.tag == "li":
            return True
        if e.tag in _SPECIAL_STOP:
            return False
    return False


def _text(parent: Element, raw: str) -> None:
    data = html.unescape(raw) if "&" in raw else raw
    children = parent.children
    if children and isinstance(children[-1], str):
        children[-1] += data
    else:
        children.append(data)
