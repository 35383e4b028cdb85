"""HTML blocks -> Markdown blocks: the fragment parsed by ``tree.py``, each element by its kind.

Headings, lists, simple tables, block quotes and code become Markdown; what has no Markdown form
(a table with merged cells, a ``<dl>``, a form) stays HTML, serialized well nested, and is
reported. Inline content goes through the same element rules as inline HTML (``elements.py``).
"""

from __future__ import annotations

from typing import Any

from ..context import Converting
from ..inline_ops import one_line, trim
from ..syntax import HINT, text_tokens
from ..tokens import Token, text
from . import tables
from .document import split_document_end
from .elements import DOCUMENT, INVISIBLE, SPACES
from .style import styled, styled_blocks, styles_of
from .tree import Comment, Element, parse_fragment, serialize

BLOCK_WRAPPERS = frozenset(
    "p div center section article header footer main aside figure figcaption address nav hgroup search".split()
)
KEEP_BLOCK = frozenset("iframe form object embed script style canvas svg math details select".split())
HEADINGS = {f"h{i}": i for i in range(1, 7)}
DEFINITIONS = frozenset(["dl", "dt", "dd"])
#: what a <pre> may hold and still read the same as a code block of its text (no emphasis, no link)
_CODE_SAFE = frozenset("code span font tt kbd samp var small big u ins mark abbr cite q br wbr".split())
#: inline elements a browser lets hold blocks (``<span style="color:red"><p>a</p><p>b</p></span>``): each
#: block keeps its place and takes the element's style
INLINE_AROUND_BLOCKS = frozenset(
    "span font b strong i em u small big mark ins abbr acronym cite var dfn nobr label s strike del q bdi bdo".split()
)
BLOCKS = (
    BLOCK_WRAPPERS | KEEP_BLOCK | DEFINITIONS | frozenset(HEADINGS) | frozenset("ul ol table blockquote pre hr".split())
)


def block_html(conv: Converting, raw: str) -> list[Token]:
    stripped = raw.strip()
    if stripped.startswith("<!--") and stripped.endswith("-->") and stripped.count("<!--") == 1:
        return [{"type": "block_html", "raw": stripped}] if conv.comment(stripped) else []
    raw, after = split_document_end(raw)
    root, stray = parse_fragment(raw)
    for tag in stray:
        conv.count(f"html.stray-close.{tag}")
    out = dom_blocks(conv, root.children)
    if after:
        conv.count("html.after-document")
        out.extend(conv.markdown_blocks(after))
    return out


def dom_blocks(conv: Converting, nodes: list[Any]) -> list[Token]:
    out: list[Token] = []
    cur: list[Token] = []

    def flush() -> None:
        if cur:
            out.extend(conv.split_paragraphs(conv.inlines(list(cur))))
            cur.clear()

    for node in nodes:
        if isinstance(node, str):
            cur.extend(_dom_text(node))
        elif isinstance(node, Comment):
            cur.append({"type": "html_comment", "raw": f"<!--{node.text}-->"})
        elif node.tag in INVISIBLE or ":" in node.tag:
            conv.invisible(node.tag)
            if ":" in node.tag:  # Office's <o:p> and friends may wrap text
                cur.extend(dom_inline(conv, node.children))
        elif node.tag in BLOCK_WRAPPERS or node.tag in DOCUMENT:
            flush()
            if node.raw_open:  # not one the parser implied (the <p> of a stray </p>)
                conv.count(f"html.{node.tag}")
            out.extend(styled_blocks(styles_of(conv.opts, node.tag, node.attrs), dom_blocks(conv, node.children)))
        elif node.tag in HEADINGS:
            flush()
            children = trim(one_line(conv.inlines(dom_inline(conv, node.children))))
            children = styled(styles_of(conv.opts, node.tag, node.attrs), children)
            if children:
                out.append({"type": "heading", "attrs": {"level": HEADINGS[node.tag]}, "children": children})
            conv.count(f"html.{node.tag}")
        elif node.tag == "hr":
            flush()
            out.append({"type": "thematic_break"})
            conv.count("html.hr")
        elif node.tag in ("ul", "ol", "dir", "menu"):  # <dir> and <menu>: old names of <ul>
            flush()
            out.extend(styled_blocks(styles_of(conv.opts, node.tag, node.attrs), dom_list(conv, node)))
        elif node.tag == "table":
            flush()
            out.extend(dom_table(conv, node))
        elif node.tag == "blockquote":
            flush()
            out.append({"type": "block_quote", "children": dom_blocks(conv, node.children)})
            conv.count("html.blockquote")
        elif node.tag == "pre":
            flush()
            if any(isinstance(c, Element) and c.tag not in _CODE_SAFE for c in node.descendants()):
                # links, bold, images inside preformatted text: a code block would lose them
                out.append({"type": "block_html", "raw": serialize(node, conv.kept_text)})
                conv.count("kept.pre")
                conv.note("body.html-kept", "info", "<pre> holding markup kept as HTML", "<pre")
            else:  # coloured spans of a syntax highlighter, <br> for line ends: a code block of the text
                code = _pre_text(node)
                out.append({"type": "block_code", "raw": code[1:] if code.startswith("\n") else code, "attrs": {}})
                conv.count("html.pre")
        elif node.tag in DEFINITIONS:
            flush()
            out.extend(dom_definitions(conv, node))
        elif node.tag in KEEP_BLOCK or node.tag in ("li", "tr", "td", "th"):
            flush()
            out.append({"type": "block_html", "raw": serialize(node, conv.kept_text)})
            conv.count(f"kept.{node.tag}")
            conv.note("body.html-kept", "info", f"<{node.tag}> has no Markdown form here; kept as HTML", f"<{node.tag}")
        elif node.tag in INLINE_AROUND_BLOCKS and node.find(*BLOCKS):
            flush()
            conv.count(f"html.{node.tag}")
            out.extend(styled_blocks(styles_of(conv.opts, node.tag, node.attrs), dom_blocks(conv, node.children)))
        else:
            cur.append(dom_token(conv, node))
    flush()
    return out


def _pre_text(node: Element) -> str:
    """A <pre>'s text as a browser shows it: <br> is a line end; the newline right after <pre> is not shown."""
    parts: list[str] = []
    stack: list[Any] = list(reversed(node.children))
    while stack:
        n = stack.pop()
        if isinstance(n, str):
            parts.append(n)
        elif isinstance(n, Element):
            if n.tag == "br":
                parts.append("\n")
            stack.extend(reversed(n.children))
    code = "".join(parts)
    return code[1:] if code.startswith("\n") else code


def dom_definitions(conv: Converting, el: Element) -> list[Token]:
    """<dl>: each term a line of its own, bold where a definition follows it; each definition its blocks.

    Markdown has no definition list. A browser sets a term apart by indenting the definition
    under it; Markdown cannot indent (a blockquote would read as a quotation), so bold marks the
    term. A <dt> with no <dd> after it (a <dl> used as a list of lines) is no term: it stays plain,
    as a browser shows it.
    """
    conv.count(f"html.{el.tag}")
    if el.tag == "dd":
        return dom_blocks(conv, el.children)
    if el.tag == "dt":
        return dom_blocks(conv, el.children)
    out: list[Token] = []
    loose: list[Any] = []
    items = [c for c in el.children if not (isinstance(c, str) and not c.strip()) and not isinstance(c, Comment)]
    for k, child in enumerate(items):
        if not isinstance(child, Element) or child.tag not in ("dt", "dd", "div"):
            loose.append(child)
            continue
        out.extend(dom_blocks(conv, loose))
        loose.clear()
        if child.tag == "div":  # a <div> may group a term and its definitions
            out.extend(dom_definitions(conv, Element("dl", {}, child.children)))
            continue
        blocks = dom_definitions(conv, child)
        nxt = items[k + 1] if k + 1 < len(items) else None
        if child.tag == "dt" and isinstance(nxt, Element) and nxt.tag == "dd":
            blocks = styled_blocks({"strong": True}, blocks)
        out.extend(blocks)
    out.extend(dom_blocks(conv, loose))
    return out


def dom_inline(conv: Converting, nodes: list[Any]) -> list[Token]:
    out: list[Token] = []
    for node in nodes:
        if isinstance(node, str):
            out.extend(_dom_text(node))
        elif isinstance(node, Comment):
            out.append({"type": "html_comment", "raw": f"<!--{node.text}-->"})
        else:
            out.append(dom_token(conv, node))
    return out


def dom_token(conv: Converting, el: Element) -> Token:
    if el.tag == "pre":
        return {"type": "codespan", "raw": el.text()}
    return {
        "type": "html",
        "tag": el.tag,
        "attrs": el.attrs,
        "raw_open": el.raw_open or f"<{el.tag}>",
        "implied": not el.raw_open,
        "closed": True,
        "children": dom_inline(conv, el.children),
    }


def dom_list(conv: Converting, el: Element) -> list[Token]:
    """One Markdown list, or several where <li value> jumps (Markdown numbers only in steps of one).

    Content outside any <li> has no marker in a browser: before the first item it stays plain
    blocks before the list (a list with no item at all is only its content, never an invented
    "1." item); after an item it joins that item, the nearest a list can hold it."""
    ordered = el.tag == "ol"
    lists: list[Token] = []
    items: list[Token] = []
    lead: list[Token] = []
    loose: list[Any] = []  # children outside any <li>, converted together (inline runs stay one paragraph)
    start = int(el.attrs["start"]) if ordered and el.attrs.get("start", "").strip().isdigit() else 1

    def settle_loose() -> None:
        if loose:
            blocks = dom_blocks(conv, list(loose))
            (items[-1]["children"] if items else lead).extend(blocks)
            loose.clear()

    for child in el.children:
        if isinstance(child, Element) and child.tag == "li":
            settle_loose()
            value = child.attrs.get("value", "").strip()
            if ordered and value.isdigit():
                if not items:
                    start = int(value)
                elif int(value) != start + len(items):
                    lists.append(_list(items, ordered, start))
                    items, start = [], int(value)
            blocks = styled_blocks(styles_of(conv.opts, "li", child.attrs), dom_blocks(conv, child.children))
            items.append({"type": "list_item", "children": blocks})
        else:
            loose.append(child)
    settle_loose()
    conv.count(f"html.{el.tag}")
    if not items and not lists:
        return lead
    return [*lead, *lists, _list(items, ordered, start)]


def _list(items: list[Token], ordered: bool, start: int) -> Token:
    tight = all(sum(b["type"] == "paragraph" for b in it["children"]) <= 1 for it in items)
    return {
        "type": "list",
        "children": items,
        "tight": tight,
        "bullet": "." if ordered else "-",
        "attrs": {"ordered": ordered, "start": start, "depth": 0},
    }


def dom_table(conv: Converting, el: Element) -> list[Token]:
    return tables.dom_table(conv, el, dom_blocks, dom_inline)


def _dom_text(raw: str) -> list[Token]:
    """A text node of HTML: whitespace collapsed as a browser does, Tiki markup read as tokens."""
    collapsed = SPACES.sub(" ", raw)
    if HINT.search(collapsed):
        return text_tokens(collapsed)
    return [text(collapsed)]
