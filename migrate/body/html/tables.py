"""HTML tables -> Markdown: unwrapped when used for layout, a GFM table when Markdown can hold the
data, else an HTML table stripped to its structure with Markdown in its cells.

**Layout or data.** A table is read as *layout* (its grid tells a reader nothing; only its content
does) when, going from the surest sign to the weakest:

1. it says so: ``role="presentation"`` or ``role="none"``;
2. it has no header cell (``<th>``), caption or ``<thead>``, and at most one column that holds
   anything (empty spacer cells do not count): a frame around content (a single cell) or a stack
   of blocks;
3. the same without header, caption or ``<thead>``, and some cell holds a heading or a nested
   table: a page region (an article column, a side bar), which a data cell never holds.

A layout table becomes its content in reading order: caption, then row by row, cell by cell, each
cell's blocks as Markdown (or, with the config's ``layout_tables: keep``, it is kept as a table
like the data tables below). Everything else is *data*. Paragraphs inside cells do not make a table
layout: Word and PDF converters wrap every data cell in ``<p>``.

A data table becomes a GFM table when Markdown can say all of it: no merged cells, no blocks
(lists, headings, quotes, code, nested tables) in cells, no caption, headers only as a whole first
row. Otherwise it stays an HTML table, but only its structure: ``table``, ``caption``, sections,
rows and cells, with ``colspan``/``rowspan``/``scope``/``headers``/``abbr`` and nothing
presentational (``style``, ``class``, ``width``, ``border``, ``bgcolor``, ``align`` ...: the theme's
job, as everywhere else in the output); ``colgroup``/``col`` go too (they carry only widths). Each
cell's content is Markdown, set between blank lines so every renderer reads it as Markdown, so the
kept table holds no other HTML than the table's own tags.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from ..context import Converting
from ..inline_ops import trim
from ..tokens import Token
from .style import styled, styled_blocks, styles_of
from .tree import Element

Blocks = Callable[[Converting, list[Any]], list[Token]]
Inlines = Callable[[Converting, list[Any]], list[Token]]

#: block wrappers whose content a GFM cell takes, a line break between them
CELL_WRAPPERS = frozenset("p div center section article header footer main aside figure figcaption address".split())
_BLOCKS_IN_CELL = ("table", "ul", "ol", "dl", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
_REGION_MARKS = ("table", "h1", "h2", "h3", "h4", "h5", "h6")
_SECTIONS = ("thead", "tbody", "tfoot")
#: attributes that say something about the data; every other one is presentation
_CELL_ATTRS = ("colspan", "rowspan", "scope", "headers", "abbr")


def rows_of(table: Element) -> list[tuple[Element | None, Element]]:
    """(section or None, row) for each row of ``table``, in order (not those of nested tables)."""
    rows: list[tuple[Element | None, Element]] = []
    for n in table.children:
        if isinstance(n, Element):
            if n.tag == "tr":
                rows.append((None, n))
            elif n.tag in _SECTIONS:
                rows.extend((n, r) for r in n.children if isinstance(r, Element) and r.tag == "tr")
    return rows


def cells_of(row: Element) -> list[Element]:
    return [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]


def _has_content(cell: Element) -> bool:
    return bool(cell.text().strip()) or cell.find("img", "iframe", "video", "object", "embed", "input", "hr")


def is_layout(table: Element, grid: list[list[Element]]) -> bool:
    """Is ``table`` used for layout (see the module's docstring for the rule)?"""
    if table.attrs.get("role", "").strip().lower() in ("presentation", "none"):
        return True
    if not any(grid) or any(c.tag == "th" for r in grid for c in r):
        return False
    if any(isinstance(n, Element) and n.tag in ("caption", "thead") for n in table.children):
        return False  # a caption or a header section: the author says it is data
    if max(sum(_has_content(c) for c in r) for r in grid) <= 1:
        return True
    return any(c.find(*_REGION_MARKS) for r in grid for c in r)


def dom_table(conv: Converting, el: Element, blocks: Blocks, inlines: Inlines) -> list[Token]:
    """One HTML table -> blocks (its content, a GFM table or a structural HTML table)."""
    rows = rows_of(el)
    grid = [cells_of(r) for _, r in rows]
    caption = next((n for n in el.children if isinstance(n, Element) and n.tag == "caption"), None)
    layout = is_layout(el, grid)
    if layout and conv.opts.layout_tables == "unwrap":
        conv.count("html.table-layout")
        conv.note("body.table-layout", "info", "table used for layout: replaced by its content, in order", "<table")
        out = blocks(conv, caption.children) if caption is not None else []
        for row in grid:
            for cell in row:
                out.extend(blocks(conv, cell.children))
        return out
    merged = any(
        c.attrs.get("colspan", "1").strip() not in ("", "1") or c.attrs.get("rowspan", "1").strip() not in ("", "1")
        for r in grid
        for c in r
    )
    blocky = any(c.find(*_BLOCKS_IN_CELL) for r in grid for c in r)
    # <th> anywhere but a whole first row: row headers, which GFM cannot mark
    row_heads = any(c.tag == "th" for r in grid[1:] for c in r) or (
        bool(grid) and any(c.tag == "th" for c in grid[0]) and not all(c.tag == "th" for c in grid[0])
    )
    if layout or merged or blocky or row_heads or caption is not None or not any(grid):
        why = (
            "layout"
            if layout
            else "merged cells"
            if merged
            else "row headers"
            if row_heads
            else "block content in cells"
            if blocky
            else "a caption"
            if caption is not None
            else "no rows"
        )
        conv.count("kept.table")
        conv.note("body.table-kept", "info", f"table with {why} kept as HTML", "<table")
        # a layout table kept says so (for screen readers, and so it reads as layout again)
        return [kept_table(conv, el, caption, rows, blocks, inlines, {"role": "presentation"} if layout else {})]
    conv.count("html.table")
    return [gfm_table(conv, grid, inlines)]


def gfm_table(conv: Converting, grid: list[list[Element]], inlines: Inlines) -> Token:
    cells = [[_cell_inlines(conv, c, inlines) for c in r] for r in grid]
    width = max(len(r) for r in cells)
    head_is_th = bool(grid[0]) and all(c.tag == "th" for c in grid[0])
    if head_is_th:
        head, body = cells[0], cells[1:]
    else:
        head, body = [[] for _ in range(width)], cells
    return {
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


def _cell_inlines(conv: Converting, cell: Element, inlines: Inlines) -> list[Token]:
    # p/div inside a cell: their content, a line break between them.
    nodes: list[Any] = []
    for n in cell.children:
        if isinstance(n, Element) and n.tag in CELL_WRAPPERS:
            if nodes:
                nodes.append(Element("br"))
            nodes.extend(n.children)
        else:
            nodes.append(n)
    return styled(styles_of(conv.opts, cell.tag, cell.attrs), trim(conv.inlines(inlines(conv, nodes))))


def _pad(cells: list[list[Token]], width: int) -> list[list[Token]]:
    return cells + [[] for _ in range(width - len(cells))]


def _cell_tok(children: list[Token], head: bool) -> Token:
    return {"type": "table_cell", "attrs": {"align": None, "head": head}, "children": children}


def kept_table(
    conv: Converting,
    el: Element,
    caption: Element | None,
    rows: list[tuple[Element | None, Element]],
    blocks: Blocks,
    inlines: Inlines,
    attrs: dict[str, str] | None = None,
) -> Token:
    """An ``html_block`` tree: the table's structure as HTML tags, Markdown blocks in its cells.

    Only the attributes chosen here are written; an attribute the sanitizer would have refused
    (an event handler, CSS that runs code) is still reported as the removal it is."""
    _report_unsafe(conv, el)
    parts: list[Token] = []
    if caption is not None:
        parts.append(html_block("caption", {}, blocks(conv, caption.children)))
    section: Element | None = None
    current: list[Token] = parts
    for sec, row in rows:
        if sec is not section:
            section = sec
            if sec is not None and sec.raw_open:  # a section the source wrote (not one the parser implied)
                current = []
                parts.append(html_block(sec.tag, {}, current))
            else:
                current = parts
        for part in (row, *cells_of(row)):
            _report_unsafe(conv, part)
        cells = [
            html_block(
                c.tag, _data_attrs(c), styled_blocks(styles_of(conv.opts, c.tag, c.attrs), blocks(conv, c.children))
            )
            for c in cells_of(row)
        ]  # a cell's CSS bold/italic outlives its style attribute
        current.append(html_block("tr", {}, cells))
    return html_block("table", attrs or {}, parts)


def _report_unsafe(conv: Converting, el: Element) -> None:
    if "=" not in el.raw_open:
        return
    from ..safety.sanitize import sanitize_fragment

    # the start tag where it belongs (a lone <td> is no cell to the sanitizer's parser)
    before, after = {"table": ("", ""), "tr": ("<table>", "</table>")}.get(el.tag, ("<table><tr>", "</tr></table>"))
    for what in sanitize_fragment(f"{before}{el.raw_open}</{el.tag}>{after}")[1]:
        if what.startswith("role="):
            continue  # not written anyway, and harmless (a kept layout table gets role="presentation")
        conv.count("unsafe.html")
        conv.note(
            "body.unsafe-html",
            "warning",
            f"{what} removed from kept HTML: not on the allow-list of safe HTML",
            el.raw_open,
        )


def _data_attrs(cell: Element) -> dict[str, str]:
    out = {}
    for name in _CELL_ATTRS:
        value = cell.attrs.get(name, "").strip()
        if value and (name not in ("colspan", "rowspan") or value != "1"):
            out[name] = value
    return out


def html_block(tag: str, attrs: dict[str, str], children: list[Token]) -> Token:
    """An HTML element written around Markdown blocks (``writer.b_html_block``): structure only."""
    attrs_text = "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items())
    return {"type": "html_block", "tag": tag, "open": f"<{tag}{attrs_text}>", "children": children}
