"""A forgiving HTML fragment -> tree builder (the wiki's HTML is hand-written and often unbalanced)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .safety.rawtext import ESCAPABLE_RAW_TEXT, RAW_TEXT

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Opening one of these closes an open element of the listed kinds (HTML's implied end tags).
_IMPLIED_END = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "thead": {"tbody", "tr", "td", "th"},
    "tbody": {"thead", "tr", "td", "th"},
}
_BLOCKS_CLOSING_P = frozenset("div ul ol table h1 h2 h3 h4 h5 h6 blockquote pre hr dl center section".split())
_MAX_DEPTH = 48  # deeper elements are flattened: the converters recurse per level


@dataclass
class Comment:
    text: str


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | Comment | str] = field(default_factory=list)
    start: int = 0
    end: int = -1
    #: the start tag as written
    raw_open: str = ""

    def descendants(self) -> Iterator[Element | Comment | str]:
        """Every node below this one, in document order."""
        stack: list[Element | Comment | str] = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Element):
                stack.extend(reversed(node.children))

    def text(self) -> str:
        return "".join(n for n in self.descendants() if isinstance(n, str))

    def find(self, *tags: str) -> bool:
        return any(isinstance(n, Element) and n.tag in tags for n in self.descendants())


Node = Element | Comment | str


class _Builder(HTMLParser):
    def __init__(self, src: str) -> None:
        super().__init__(convert_charrefs=True)
        self.src = src
        self.root = Element("#root")
        self.stack = [self.root]
        self.stray: list[str] = []
        starts = [0]
        at = src.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = src.find("\n", at + 1)
        self.line_starts = starts

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _close_until(self, names: set[str]) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in names:
                for el in self.stack[i:]:
                    el.end = self._offset()
                del self.stack[i:]
                return
            if tag in ("table", "ul", "ol", "dl"):  # implied ends do not cross these
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _IMPLIED_END:
            self._close_until(_IMPLIED_END[tag])
        elif tag in _BLOCKS_CLOSING_P:
            self._close_until({"p"})
        start = self._offset()
        raw = self.get_starttag_text() or f"<{tag}>"
        el = Element(tag, {k: v or "" for k, v in attrs}, [], start, -1, raw)
        self.stack[-1].children.append(el)
        if tag in VOID or (raw.endswith("/>") and tag not in ("div", "span", "p", "a")):
            el.end = start + len(raw)
        elif len(self.stack) < _MAX_DEPTH:
            self.stack.append(el)
            if tag in RAW_TEXT:
                self.set_cdata_mode(tag)  # <xmp>, <textarea>, ...: their content is text, never markup
        else:
            el.end = start + len(raw)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or f"<{tag}/>"
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}, [], start, start + len(raw), raw))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                at = self._offset()
                end = self.src.find(">", at)
                end = len(self.src) if end < 0 else end + 1
                for el in self.stack[i:]:
                    el.end = end
                del self.stack[i:]
                return
        self.stray.append(tag)

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag in ESCAPABLE_RAW_TEXT:
            data = html.unescape(data)  # <textarea>, <title>: text with character references
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data  # the parser hands text over in pieces (at each "<")
        else:
            children.append(data)

    def handle_comment(self, data: str) -> None:
        self.stack[-1].children.append(Comment(data))


#: presentational wrappers with nothing to say inside HTML we keep (a table with merged cells)
_UNWRAP_IN_KEPT = frozenset("span font nobr".split())


def serialize(node: Node, text: Callable[[str], str] | None = None) -> str:
    """HTML for a tree we keep as HTML: well nested whatever the source's tag soup was, and without
    the span/font wrappers the wiki's editors left everywhere. ``text`` turns a text node into HTML."""
    if isinstance(node, str):
        return text(node) if text else html.escape(node, quote=False)
    if isinstance(node, Comment):
        return f"<!--{node.text}-->"
    inner = "".join(serialize(c, text) for c in node.children)
    if node.tag == "#root" or node.tag in _UNWRAP_IN_KEPT or ":" in node.tag:
        return inner
    start = node.raw_open or f"<{node.tag}>"
    if node.tag in VOID:
        return start
    return f"{start}{inner}</{node.tag}>"


def parse_fragment(src: str) -> tuple[Element, list[str]]:
    """The fragment as a tree under a ``#root`` element, and the end tags that closed nothing."""
    b = _Builder(src)
    b.feed(src)
    b.close()
    for el in b.stack[1:]:
        el.end = len(src)
    return b.root, b.stray


_SIMPLE_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*\"[^\"&<>]*\")?)*)\s*(/?)>$")
_SIMPLE_ATTR = re.compile(r"([A-Za-z_:][\w:.-]*)(?:\s*=\s*\"([^\"]*)\")?")


def parse_tag(raw: str) -> tuple[str, dict[str, str], str] | None:
    """One inline tag: (name, attrs, kind) with kind 'open', 'close', 'void' or 'comment'."""
    if raw.startswith("<!--"):
        return "#comment", {}, "comment"
    if raw.startswith("</"):
        return raw[2:].strip(" \t\n>").lower(), {}, "close"
    if not raw.startswith("<") or raw.startswith(("<!", "<?")):
        return None
    simple = _SIMPLE_TAG.match(raw)
    if simple:  # the common case, without building an HTML parser: double quotes, no entities
        name = simple.group(1).lower()
        attrs = {k.lower(): v or "" for k, v in _SIMPLE_ATTR.findall(simple.group(2))}
        return name, attrs, "void" if name in VOID or simple.group(3) else "open"
    root, _ = parse_fragment(raw)
    for node in root.children:
        if isinstance(node, Element):
            kind = "void" if node.tag in VOID or raw.rstrip().endswith("/>") else "open"
            return node.tag, node.attrs, kind
    return None
