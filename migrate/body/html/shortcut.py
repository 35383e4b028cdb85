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
_LIST_ITEMS = frozenset(["li", "dd", "dt"])
#: block elements whose start tag first ends an open <p>
_CLOSES_P = frozenset("p div center ul ol li dl dd dt blockquote hr table".split()) | _HEADINGS
_BLOCK = frozenset("p div center ul ol li dl dd dt blockquote".split()) | _HEADINGS
_VOID = frozenset(["br", "img", "wbr", "hr", "col"])
#: special elements (the spec's list) among ours: where the search for an open <li>/<dd> stops
_SPECIAL_STOP = frozenset("center ul ol li dl dd dt blockquote table td th".split()) | _HEADINGS
#: ended by the end tag of an element around them ("generate implied end tags")
_IMPLIED_END = frozenset(["p", "li", "dd", "dt"])
#: where "button scope" ends: a <p> outside a table cell is not closed from inside it
_SCOPE_EDGE = frozenset(["table", "td", "th"])
# Table structure: a part may hold only the next level (and whitespace).
_SECTIONS = frozenset(["tbody", "thead", "tfoot"])
_TABLE_RANK = {"table": 0, "colgroup": 1, "tbody": 1, "thead": 1, "tfoot": 1, "tr": 2, "td": 3, "th": 3, "col": 4}
_TABLE_CONTEXT = frozenset(["table", "colgroup", "tbody", "thead", "tfoot", "tr"])
_WHITESPACE = frozenset(" \t\n\f")


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
            data = src[pos:lt]
            if stack[-1].tag in _TABLE_CONTEXT and not _WHITESPACE.issuperset(data):
                return None  # text a browser moves out of the table (foster parenting)
            _text(stack[-1], data)
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
            if m.group(3) or m.group(4) or not _end(stack, tag, strays):
                return None
            continue
        if not _start(stack, tag, m):
            return None
    return root, strays


def _end(stack: list[Element], tag: str, strays: list[str]) -> bool:
    """Apply end tag ``tag``; False where the parser would do more than the stack can say."""
    top = stack[-1]
    if top.tag == tag and len(stack) > 1:
        stack.pop()
        return True
    on_stack = any(e.tag == tag or (tag in _HEADINGS and e.tag in _HEADINGS) for e in stack[1:])
    if not on_stack:
        if tag == "br" or top.tag in _TABLE_CONTEXT:
            return False  # </br> reads as <br>; in a table a stray end tag may be moved out of it
        strays.append(tag)  # closes nothing: ignored, but for </p>, which makes an empty paragraph
        if tag == "p":
            top.children.append(Element("p"))
        return True
    if tag in _PHRASING:
        return False  # mis-nested formatting: the adoption agency's business
    # a block or table end tag first ends what it implies: an open <p>, <li>, table rows and cells
    rank = _TABLE_RANK.get(tag)
    while len(stack) > 1:
        cur = stack[-1].tag
        if cur == tag:
            stack.pop()
            return True
        if (cur in _IMPLIED_END and cur != tag) or (rank is not None and _TABLE_RANK.get(cur, -1) > rank):
            stack.pop()
        else:
            return False
    return False


def _start(stack: list[Element], tag: str, m: re.Match[str]) -> bool:
    """Apply start tag ``tag``; False where the parser would do more than the stack can say."""
    if stack[-1].tag == "colgroup" and tag != "col":
        stack.pop()  # anything but <col> ends a column group
    top = stack[-1]
    if tag in _TABLE_RANK:
        if not _table_part(stack, tag):
            return False
        top = stack[-1]
    elif top.tag in _TABLE_CONTEXT:
        return False  # anything else right in a table is moved out of it
    elif tag not in _PHRASING and tag not in _BLOCK and tag not in _VOID:
        return False
    if m.group(4) and tag not in _VOID:
        return False  # <div/> opens a div to a browser
    if tag in _LIST_ITEMS and not _close_list_item(stack, tag):
        return False
    if tag in _CLOSES_P and not _close_p(stack):
        return False
    top = stack[-1]
    if tag in _HEADINGS and top.tag in _HEADINGS:
        return False
    if tag == "a" and any(e.tag == "a" for e in stack[1:]):
        return False
    if len(stack) - 1 >= MAX_DEPTH:
        return False  # the parser's path flattens what is this deep
    attrs: dict[str, str] = {}
    for name, dq, sq, uq in _ATTR.findall(m.group(3)):
        attrs.setdefault(name.lower(), dq or sq or uq)  # a repeated attribute: the first one counts
    el = Element(tag, attrs, [], m.group(0))
    top.children.append(el)
    if tag not in _VOID:
        stack.append(el)
    return True


def _table_part(stack: list[Element], tag: str) -> bool:
    """A table, section, row or cell start tag where it belongs (a <tbody> implied before a bare <tr>)."""
    top = stack[-1].tag
    if tag == "table":
        return top not in _TABLE_CONTEXT
    if tag in _SECTIONS or tag == "colgroup":
        return top == "table"
    if tag == "col":
        return _implied(stack, "colgroup") if top == "table" else top == "colgroup"
    if tag == "tr":
        return _implied(stack, "tbody") if top == "table" else top in _SECTIONS
    return top == "tr"  # td, th


def _close_p(stack: list[Element]) -> bool:
    """An open <p> in button scope ends here: fine if it is the current node, else ask the parser."""
    for i in range(len(stack) - 1, 0, -1):
        name = stack[i].tag
        if name == "p":
            if i != len(stack) - 1:
                return False
            stack.pop()
            return True
        if name in _SCOPE_EDGE:
            return True
    return True


def _close_list_item(stack: list[Element], tag: str) -> bool:
    """<li> ends an open <li> (<dd>/<dt> an open <dd> or <dt>) unless a list or the like comes between."""
    same = ("li",) if tag == "li" else ("dd", "dt")
    for i in range(len(stack) - 1, 0, -1):
        name = stack[i].tag
        if name in same:
            if any(e.tag not in ("p", "div") for e in stack[i + 1 :]):
                return False
            del stack[i:]
            return True
        if name in _SPECIAL_STOP:
            return True
    return True


def _text(parent: Element, raw: str) -> None:
    data = html.unescape(raw) if "&" in raw else raw
    children = parent.children
    if children and isinstance(children[-1], str):
        children[-1] += data
    else:
        children.append(data)


def _implied(stack: list[Element], tag: str) -> bool:
    """Open the wrapper a browser implies (no start tag in the source) under the table on top."""
    wrapper = Element(tag)
    stack[-1].children.append(wrapper)
    stack.append(wrapper)
    return True
