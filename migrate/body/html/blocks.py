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
from .elements import DOCUMENT, INVISIBLE, SPACES
from .style import styled, styled_blocks, styles_of
from .tree import Comment, Element, parse_fragment, serialize

BLOCK_WRAPPERS = frozenset("p div center section article header footer main aside figure figcaption address".split())
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
    root, stray = parse_fragment(raw)
    for tag in stray:
        conv.count(f"html.stray-close.{tag}")
    return dom_blocks(conv, root.children)


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
        elif node.tag in ("ul", "ol"):
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
    """One Markdown list, or several where <li value> jumps (Markdown numbers only in steps of one)."""
    ordered = el.tag == "ol"
    lists: list[Token] = []
    items: list[Token] = []
    start = int(el.attrs["start"]) if ordered and el.attrs.get("start", "").strip().isdigit() else 1
    for child in el.children:
        if isinstance(child, Element) and child.tag == "li":
            value = child.attrs.get("value", "").strip()
            if ordered and value.isdigit():
                if not items:
                    start = int(value)
                elif int(value) != start + len(items):
                    lists.append(_list(items, ordered, start))
                    items, start = [], int(value)
            blocks = styled_blocks(styles_of(conv.opts, "li", child.attrs), dom_blocks(conv, child.children))
            items.append({"type": "list_item", "children": blocks})
        elif isinstance(child, str) and not child.strip():
            continue
        else:
            blocks = dom_blocks(conv, [child])
            if items:
                items[-1]["children"].extend(blocks)
            elif blocks:
                items.append({"type": "list_item", "children": blocks})
    conv.count(f"html.{el.tag}")
    return [*lists, _list(items, ordered, start)]


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
    rows: list[Element] = []
    stack: list[Any] = list(el.children)
    while stack:
        n = stack.pop(0)
        if isinstance(n, Element):
            if n.tag == "tr":
                rows.append(n)
            elif n.tag in ("thead", "tbody", "tfoot"):
                stack[0:0] = n.children
    grid: list[list[Element]] = [
        [c for c in r.children if isinstance(c, Element) and c.tag in ("td", "th")] for r in rows
    ]
    merged = any(
        c.attrs.get("colspan", "1") not in ("", "1") or c.attrs.get("rowspan", "1") not in ("", "1")
        for r in grid
        for c in r
    )
    blocky = any(
        c.find("table", "ul", "ol", "dl", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
        for r in grid
        for c in r
    )
    captioned = any(isinstance(n, Element) and n.tag == "caption" for n in el.children)
    # <th> anywhere but a whole first row: row headers, which GFM cannot mark
    row_heads = any(c.tag == "th" for r in grid[1:] for c in r) or (
        bool(grid) and any(c.tag == "th" for c in grid[0]) and not all(c.tag == "th" for c in grid[0])
    )
    blocky = blocky or row_heads
    if merged or blocky or captioned or not grid or not any(grid):
        why = (
            "merged cells"
            if merged
            else "row headers"
            if row_heads
            else "block content in cells"
            if blocky
            else "a caption"
            if captioned
            else "no rows"
        )
        conv.count("kept.table")
        conv.note("body.table-kept", "info", f"table with {why} kept as HTML", "<table")
        return [{"type": "block_html", "raw": serialize(el, conv.kept_text)}]
    conv.count("html.table")
    cells = [[_cell(conv, c) for c in r] for r in grid]
    width = max(len(r) for r in cells)
    head_is_th = bool(grid[0]) and all(c.tag == "th" for c in grid[0])
    if head_is_th:
        head, body = cells[0], cells[1:]
    else:
        head, body = [[] for _ in range(width)], cells
    return [
        {
            "type": "table",
            "children": [
                {"type": "table_head", "children": [_cell_tok(c, True) for c in _pad(head, width)]},
                {
                    "type": "table_body",
                    "children": [
                        {"type": "table_row", "children": [_cell_tok(c, False) for c in _pad(r, width)]} for r in body
                    ],
                },
            ],
        }
    ]


def _cell(conv: Converting, cell: Element) -> list[Token]:
    # p/div inside a cell: their content, a line break between them.
    nodes: list[Any] = []
    for n in cell.children:
        if isinstance(n, Element) and n.tag in BLOCK_WRAPPERS:
            if nodes:
                nodes.append(Element("br"))
            nodes.extend(n.children)
        else:
            nodes.append(n)
    return styled(styles_of(conv.opts, cell.tag, cell.attrs), trim(conv.inlines(dom_inline(conv, nodes))))


def _pad(cells: list[list[Token]], width: int) -> list[list[Token]]:
    return cells + [[] for _ in range(width - len(cells))]


def _cell_tok(children: list[Token], head: bool) -> Token:
    return {"type": "table_cell", "attrs": {"align": None, "head": head}, "children": children}


def _dom_text(raw: str) -> list[Token]:
    """A text node of HTML: whitespace collapsed as a browser does, Tiki markup read as tokens."""
    collapsed = SPACES.sub(" ", raw)
    if HINT.search(collapsed):
        return text_tokens(collapsed)
    return [text(collapsed)]
