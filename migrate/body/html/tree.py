"""HTML fragments read as a browser reads them, as a small tree the converters walk.

The parsing is justhtml's, a pure-Python implementation of the WHATWG HTML parsing algorithm
(adoption agency, foster parenting, implied end tags; 99.6% of html5lib-tests' tree-construction
cases, see README "Libraries, and why"). Its tree is copied into :class:`Element` nodes carrying
what the converters need and justhtml does not give: the start tag exactly as written
(``raw_open``), so HTML we keep comes out byte for byte as the author wrote its tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from .nodes import MAX_DEPTH, VOID, Comment, Element, Node
from .shortcut import build
from .style import css_emphasis

__all__ = ["MAX_DEPTH", "VOID", "Comment", "Element", "Node", "parse_fragment", "serialize"]

# The end of a start tag the parser found at a given offset: quotes only matter around attribute values.
_START_TAG = re.compile(r"<[^\s/>]*(?:[^>\"'=]|=\s*\"[^\"]*\"|=\s*'[^']*'|=)*>?")


def parse_html(src: str) -> Any:
    """justhtml's tree for ``src`` read as the content of a ``<body>`` (what a page body is).

    Scripting off: ``<noscript>`` content is read as markup (what a browser without scripts
    shows), so it is converted or kept, never turned into text of tags.
    """
    from justhtml import JustHTML

    return JustHTML(
        src, sanitize=False, fragment=True, track_node_locations=True, collect_errors=True, scripting_enabled=False
    )


def start_tag_at(src: str, at: int | None) -> str:
    """The start tag as written at offset ``at`` of ``src`` (the parser gives where, not how)."""
    if at is None or not src.startswith("<", at) or not src[at + 1 : at + 2].isalpha():
        return ""  # an element the parser implied (the <p> of a stray </p> points at the end tag)
    m = _START_TAG.match(src, at)
    return m.group(0) if m else ""


def copy_tree(
    doc: Any,
    text: Callable[[str], list[Any]],
    raw_open: Callable[[Any], str],
    element: Callable[[str, dict[str, str], str], Any],
    children_of: Callable[[Any], list[Any]],
    on_deep: Callable[[str], None] | None = None,
) -> list[Any]:
    """justhtml's nodes -> ours, without recursion (hostile nesting cannot overflow the stack).

    ``text`` turns a text node into nodes, ``raw_open`` gives an element's start tag as written,
    ``element(tag, attrs, raw_open)`` builds one and ``children_of`` gives the list its children go
    into; a comment becomes :class:`Comment`. Elements deeper than :data:`MAX_DEPTH` are dropped,
    their content kept in their ancestor (``on_deep`` is told the first one's name).
    """
    root: list[Any] = []
    # (justhtml node, the list its copies go into, depth)
    stack: list[tuple[Any, list[Any], int]] = [(n, root, 0) for n in reversed(doc.root.children or [])]
    deep = False
    while stack:
        node, into, depth = stack.pop()
        name = node.name
        if name == "#text":
            into.extend(text(node.data))
        elif name == "#comment":
            into.append(Comment(node.data or ""))
        elif name.startswith(("#", "!")):
            continue
        else:
            kids = list(node.children or [])
            content = getattr(node, "template_content", None)
            if content is not None:
                kids = list(content.children or []) + kids
            if depth >= MAX_DEPTH:
                target, level = into, depth
                if not deep and on_deep is not None:
                    on_deep(name)
                deep = True
            else:
                el = element(name, dict(node.attrs or {}), raw_open(node))
                into.append(el)
                target, level = children_of(el), depth + 1
            stack.extend((k, target, level) for k in reversed(kids))
    return root


# Asked for source positions, justhtml leaves "<!x>", "<?x>", "</ x>" and a comment the fragment ends
# inside as text, where the spec makes comments of them (its raw mode's choice, not the spec's).
# Written as the comments they are before parsing, the tree is the spec's again; a doctype inside
# a body is ignored by the spec: removed.
_BOGUS = re.compile(
    r"(<!--(?:>|->|[\s\S]*?(?:-->|--!>|(\Z))))|<!([^>]*)(?:>|\Z)|<(\?[^>]*)(?:>|\Z)|</(?![A-Za-z>])([^>]*)(?:>|\Z)"
)
_DOCTYPE = re.compile(r"doctype", re.I)


def _as_comment(m: re.Match[str]) -> str:
    comment = m.group(1)
    if comment is not None:  # a real comment: kept, and ended if the fragment ends inside it
        return comment + "-->" if m.group(2) is not None else comment
    data = m.group(3) if m.group(3) is not None else m.group(4) if m.group(4) is not None else m.group(5)
    if m.group(3) is not None and _DOCTYPE.match(data):
        return ""
    return f"<!--{data}-->"


def parse_fragment(src: str) -> tuple[Element, list[str]]:
    """The fragment as a browser builds it, under a ``#root`` element, and the end tags that closed nothing."""
    quick = build(src)
    return quick if quick is not None else parse_fragment_by_parser(src)


def parse_fragment_by_parser(src: str) -> tuple[Element, list[str]]:
    """:func:`parse_fragment` by the HTML parser, whatever the fragment."""
    if "<!" in src or "<?" in src or "</" in src:
        src = _BOGUS.sub(_as_comment, src)
    doc = parse_html(src)
    children = copy_tree(
        doc,
        lambda data: [data],
        lambda node: start_tag_at(src, node.origin_offset),
        lambda tag, attrs, raw: Element(tag, attrs, [], raw),
        lambda el: el.children,
    )
    root = Element("#root", {}, _merge_text(children))
    return root, stray_end_tags(doc, src)


def _merge_text(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for n in nodes:
        if isinstance(n, str) and out and isinstance(out[-1], str):
            out[-1] += n
        else:
            if isinstance(n, Element):
                n.children = _merge_text(n.children)
            out.append(n)
    return out


_END_TAG_NAME = re.compile(r"</([A-Za-z][^\s/>]*)")


def stray_end_tags(doc: Any, src: str) -> list[str]:
    """End tags the parser ignored (they closed nothing), by name, from its parse errors."""
    out: list[str] = []
    if not doc.errors:
        return out
    lines = src.split("\n")
    for err in doc.errors:
        if err.code != "unexpected-end-tag" or not err.line or err.column is None:
            continue
        line = lines[err.line - 1] if err.line - 1 < len(lines) else ""
        m = _END_TAG_NAME.match(line, max(err.column - 1, 0))
        if m:
            out.append(m.group(1).lower())
    return out


#: presentational wrappers with nothing to say inside HTML we keep (a table with merged cells)
_UNWRAP_IN_KEPT = frozenset("span font nobr".split())


def css_as_tags(tag: str, style: str, inner: str) -> str:
    """``inner`` in <b>/<i> where the ``style`` of its element makes it bold/italic and the tag does not."""
    css, _ = css_emphasis(style)
    bold = inner.startswith("<b>") and inner.endswith("</b>")  # already done (the output read again)
    core = inner[3:-4] if bold else inner
    if css.get("emphasis") and tag not in ("i", "em") and not (core.startswith("<i>") and core.endswith("</i>")):
        core = f"<i>{core}</i>"
    if (css.get("strong") and tag not in ("b", "strong")) or bold:
        core = f"<b>{core}</b>"
    return core


def serialize(node: Node, text: Callable[[str], str] | None = None) -> str:
    """HTML for a tree we keep as HTML: well nested whatever the source's tag soup was, and without
    the span/font wrappers the wiki's editors left everywhere. ``text`` turns a text node into HTML."""
    if isinstance(node, str):
        return text(node) if text else html.escape(node, quote=False)
    if isinstance(node, Comment):
        return f"<!--{node.text}-->"
    inner = "".join(serialize(c, text) for c in node.children)
    if node.tag in VOID:
        return node.raw_open or f"<{node.tag}>"
    if "style" in node.attrs and inner.strip():  # the bold or italic its CSS shows outlives the CSS
        inner = css_as_tags(node.tag, node.attrs["style"], inner)
    if not node.raw_open or node.tag in _UNWRAP_IN_KEPT or ":" in node.tag:
        return inner  # the root, an element the parser implied (a browser implies it again), a wrapper
    start = node.raw_open
    return f"{start}{inner}</{node.tag}>"
