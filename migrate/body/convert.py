"""The body transform: mistune tokens in, clean Markdown tokens out.

Inline HTML arrives from mistune as loose open/close tags; we fold them (and Tiki's paired
plugins) into elements first, then convert each element by tag. Block HTML is parsed into a
small tree (``dom.py``) and converted by the same element rules, so a ``<b>`` means the same in
both places. What has no Markdown form stays HTML and is counted in the report.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mistune.util import unescape

from .dom import Comment, Element, parse_fragment, parse_tag, serialize
from .options import BodyOptions, BodyReport
from .parser import TIKI_HINT, tiki_inline
from .regions import RegionHTML, opens_block, region_end
from .safety.rawtext import raw_text_runs

Token = dict[str, Any]

WRAPPERS = frozenset(
    "span font small big div p center section article nobr abbr acronym cite label header footer main "
    "aside figure figcaption address tbody thead tfoot bdi bdo time data wbr".split()
)
BLOCK_WRAPPERS = frozenset("p div center section article header footer main aside figure figcaption address".split())
KEEP_BLOCK = frozenset("dl iframe form video audio object embed script style canvas svg math details select".split())
# A whole HTML document (often Microsoft Office's) pasted into a page: its head shows nothing.
INVISIBLE = frozenset(["head", "meta", "link", "xml", "title", "style", "base"])
DOCUMENT = frozenset(["html", "body"])
_CONDITIONAL = re.compile(r"<!--\[if |<!\[endif\]|<!--<!\[endif")
# Every element of HTML (living standard, plus the old ones wiki pages still carry).
HTML_ELEMENTS = frozenset(
    """a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
    embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i
    iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noframes noscript
    object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select
    slot small source span strike strong style sub summary sup svg math table tbody td template textarea tfoot th
    thead time title tr track tt u ul var video wbr xml""".split()
)
HEADINGS = {f"h{i}": i for i in range(1, 7)}
PLACEHOLDER_ALTS = frozenset("image img picture photo graphic pic screenshot untitled".split())
_FA_STYLE = re.compile(r"^(?:fa[srlbdt]?|fa-(?:solid|regular|light|thin|duotone|brands|sharp))$")
_FA_MODIFIER = re.compile(
    r"^fa-(?:fw|lg|xs|sm|[0-9]+x|spin|pulse|border|pull-(?:left|right)|inverse|stack(?:-[12]x)?|li|ul|rotate-\d+|flip-\w+)$"
)
_COLOR = re.compile(r"(?:^|;)\s*color\s*:\s*([^;]+)", re.I)
_TIKI_PLUGIN = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)(?:\((.*)\))?\}$|\{img\s(.*)\}$", re.S)
_TIKI_ATTR = re.compile(r"""(\w+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]+)""")
_TIKI_IN_COMMENT = re.compile(r"~/?tc~|\{[A-Z][A-Z0-9_]*(?:\(|\})|~np~|\(\(")
#: open inline elements at once; deeper tags are dropped (their text kept), so hostile nesting cannot recurse
_MAX_OPEN = 48
_RUN_OF_SPACES = re.compile(r" {2,}")
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_ANAME = re.compile(r"\s*([\w:.\-]+)")
# Tiki plugins that wrap content and what to do with it.
PAIRED_TIKI = frozenset("SUB SUP FONT ANAME FOOTNOTE DIV BOX REMARKSBOX CENTER QUOTE HTML SPLIT".split())
LAYOUT_TIKI = frozenset("SPLIT TOC MAKETOC LIST CATEGORY CATORPHANS TITLESEARCH BACKLINKS".split())


def _dom_text(raw: str) -> list[Token]:
    """A text node of HTML: whitespace collapsed as a browser does, Tiki markup read as tokens."""
    text = _SPACES.sub(" ", raw)
    if TIKI_HINT.search(text):
        return tiki_inline(text)
    return [_text(text)]


def _text(raw: str) -> Token:
    return {"type": "text", "raw": raw, "literal": True}


def _html(raw: str) -> Token:
    return {"type": "inline_html", "raw": raw}


def plain_text(tokens: list[Token]) -> str:
    out: list[str] = []
    stack = list(reversed(tokens))
    while stack:
        t = stack.pop()
        if t["type"] in ("text", "codespan"):
            out.append(t["raw"])
        elif t["type"] in ("softbreak", "linebreak"):
            out.append(" ")
        elif "children" in t:
            stack.extend(reversed(t["children"]))
    return "".join(out)


def _icon_name(attrs: dict[str, str]) -> str | None:
    classes = attrs.get("class", "").split()
    if not any(_FA_STYLE.match(c) for c in classes):
        return None
    names = [c[3:] for c in classes if c.startswith("fa-") and not _FA_STYLE.match(c) and not _FA_MODIFIER.match(c)]
    return names[0] if names else ""


class Locator:
    """Lines for findings (mistune tokens carry no positions): each block is found in the body text
    from where the previous one was, and a construct inside a block from where the last one was."""

    def __init__(self, text: str) -> None:
        self.text, self.cursor, self.line = text, 0, 0
        self.within = 0  # where the last construct inside the current block was found
        self.after = 0  # where the next block may start: past a leaf block, so a twin is not found again

    def find(self, tok: Token, min_len: int = 1, leaf: bool = True) -> int:
        snippet = _snippet(tok)
        if len(snippet) >= min_len:
            at = self.text.find(snippet, self.after)
            if at >= 0:
                self.line += self.text.count("\n", self.cursor, at)
                self.cursor = self.within = at
                self.after = at + len(snippet) if leaf else at
        return self.line

    def locate(self, needle: str) -> int | None:
        """Line of ``needle`` at or after the last construct found in this block; None if not there."""
        if not needle:
            return None
        # bounded: a needle written differently in the source (<PUBMED> for <pubmed>) must not cost
        # a scan to the end of the page each time, which made big pages quadratic
        at = self.text.find(needle, self.within, self.within + 65536)
        if at < 0:
            return None
        self.within = at + 1
        return self.line + self.text.count("\n", self.cursor, at)


def _snippet(tok: Token) -> str:
    if "raw" in tok and tok["type"] != "blank_line":
        return str(tok["raw"]).strip()[:40]
    for child in tok.get("children") or []:
        s = _snippet(child)
        if s:
            return s
    return ""


class Converter:
    def __init__(self, opts: BodyOptions, report: BodyReport, body: str) -> None:
        self.opts, self.report = opts, report
        self.locator = Locator(body)
        self.line = 0
        self.in_table = 0
        self.region_html = RegionHTML(opts.resolve_title)
        #: footnotes made from Tiki {FOOTNOTE} plugins, appended to the page's footnotes
        self.footnotes: list[Token] = []
        self.footnote_index = 0

    # ---- reporting ----------------------------------------------------------------------
    def note(self, code: str, severity: str, message: str, needle: str = "", line: int | None = None) -> None:
        """A finding at ``line``, or the line of ``needle`` (source text of the construct), else of its block."""
        if line is None:
            line = self.locator.locate(needle)
        self.report.add(code, severity, message, self.line if line is None else line)

    def count(self, key: str, n: int = 1) -> None:
        self.report.stats[key] += n

    # ---- blocks -------------------------------------------------------------------------
    def document(self, tokens: list[Token]) -> list[Token]:
        out = self.blocks(tokens, top=True)
        self._settle_anchors(out)
        if self.footnotes:
            notes = next((b for b in out if b["type"] == "footnotes"), None)
            if notes is None:
                notes = {"type": "footnotes", "children": []}
                out.append(notes)
            notes["children"].extend(self.footnotes)
        return out

    def blocks(self, tokens: list[Token], top: bool = False) -> list[Token]:
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            i += 1
            # nested blocks too, but only by a snippet long enough not to be found too early
            self.line = self.locator.find(tok, 1 if top else 8, tok["type"] not in _CONTAINERS)
            kind = tok["type"]
            if kind == "blank_line":
                continue
            if kind == "block_html" or (kind == "paragraph" and opens_block(tok)):
                end = region_end(tokens, i - 1, self.region_html)
                first = tok["raw"] if kind == "block_html" else self.region_html.render([tok])
                if end >= i:
                    first += "\n" + self.region_html.render(tokens[i : end + 1])
                    self.count("html.region")
                    i = end + 1
                out.extend(self.block_html(first))
            elif kind in ("paragraph", "block_text"):
                out.extend(self.paragraph(tok))
            elif kind == "heading":
                tok["children"] = _one_line(self.inlines(tok["children"]))
                out.append(tok)
            elif kind == "table":
                self.md_table(tok)
                out.append(tok)
            elif kind in ("list", "list_item", "task_list_item", "block_quote", "footnotes", "footnote_item"):
                tok["children"] = self.blocks(tok["children"])
                out.append(tok)
            else:
                out.append(tok)
        return out

    def paragraph(self, tok: Token) -> list[Token]:
        children = self.inlines(tok["children"])
        return self.split_paragraphs(children, tok["type"])

    def split_paragraphs(self, children: list[Token], kind: str = "paragraph") -> list[Token]:
        """Two or more line breaks in a row are a paragraph break; empty paragraphs vanish."""
        groups: list[list[Token]] = [[]]
        i = 0
        while i < len(children):
            t = children[i]
            if t["type"] == "linebreak":
                j = i
                breaks = 0
                while j < len(children) and (
                    children[j]["type"] in ("linebreak", "softbreak")
                    or (children[j]["type"] == "text" and not children[j]["raw"].strip())
                ):
                    breaks += children[j]["type"] == "linebreak"
                    j += 1
                if breaks >= 2 or j == len(children) or not groups[-1]:
                    groups.append([])
                    i = j
                    continue
            groups[-1].append(t)
            i += 1
        out = []
        for g in groups:
            g = _trim(g)
            if g:
                out.append({"type": kind, "children": g})
        return out

    def md_table(self, tok: Token) -> None:
        self.in_table += 1
        try:
            for part in tok["children"]:
                rows = [part] if part["type"] == "table_head" else part["children"]
                for row in rows:
                    for cell in row["children"]:
                        cell["children"] = _trim(self.inlines(cell["children"]))
        finally:
            self.in_table -= 1

    # ---- block HTML ---------------------------------------------------------------------
    def block_html(self, raw: str) -> list[Token]:
        stripped = raw.strip()
        if stripped.startswith("<!--") and stripped.endswith("-->") and stripped.count("<!--") == 1:
            return [{"type": "block_html", "raw": stripped}] if self.comment(stripped) else []
        root, stray = parse_fragment(raw)
        for tag in stray:
            self.count(f"html.stray-close.{tag}")
        return self.dom_blocks(root.children, raw)

    def dom_blocks(self, nodes: list[Any], src: str) -> list[Token]:
        out: list[Token] = []
        cur: list[Token] = []

        def flush() -> None:
            if cur:
                out.extend(self.split_paragraphs(self.inlines(list(cur))))
                cur.clear()

        for node in nodes:
            if isinstance(node, str):
                cur.extend(_dom_text(node))
            elif isinstance(node, Comment):
                cur.append({"type": "html_comment", "raw": f"<!--{node.text}-->"})
            elif node.tag in INVISIBLE or ":" in node.tag:
                self.invisible(node.tag)
                if ":" in node.tag:  # Office's <o:p> and friends may wrap text
                    cur.extend(self.dom_inline(node.children))
            elif node.tag in BLOCK_WRAPPERS or node.tag in DOCUMENT:
                flush()
                self.count(f"html.{node.tag}")
                out.extend(self._colored_blocks(node, self.dom_blocks(node.children, src)))
            elif node.tag in HEADINGS:
                flush()
                children = _trim(_one_line(self.inlines(self.dom_inline(node.children))))
                if children:
                    out.append({"type": "heading", "attrs": {"level": HEADINGS[node.tag]}, "children": children})
                self.count(f"html.{node.tag}")
            elif node.tag == "hr":
                flush()
                out.append({"type": "thematic_break"})
                self.count("html.hr")
            elif node.tag in ("ul", "ol"):
                flush()
                out.extend(self.dom_list(node, src))
            elif node.tag == "table":
                flush()
                out.extend(self.dom_table(node, src))
            elif node.tag == "blockquote":
                flush()
                out.append({"type": "block_quote", "children": self.dom_blocks(node.children, src)})
                self.count("html.blockquote")
            elif node.tag == "pre":
                flush()
                if any(isinstance(c, Element) and c.tag != "code" for c in node.descendants()):
                    # links, bold, images inside preformatted text: a code block would lose them
                    out.append({"type": "block_html", "raw": serialize(node, self.kept_text)})
                    self.count("kept.pre")
                    self.note("body.html-kept", "info", "<pre> holding markup kept as HTML", "<pre")
                else:
                    code = node.text()
                    out.append({"type": "block_code", "raw": code[1:] if code.startswith("\n") else code, "attrs": {}})
                    self.count("html.pre")
            elif node.tag in KEEP_BLOCK or node.tag in ("li", "tr", "td", "th", "dt", "dd"):
                flush()
                out.append({"type": "block_html", "raw": serialize(node, self.kept_text)})
                self.count(f"kept.{node.tag}")
                self.note(
                    "body.html-kept", "info", f"<{node.tag}> has no Markdown form here; kept as HTML", f"<{node.tag}"
                )
            else:
                cur.append(self.dom_token(node))
        flush()
        return out

    def _colored_blocks(self, node: Element, blocks: list[Token]) -> list[Token]:
        style = self._color_style_attrs(node.attrs)
        if not style:
            return blocks
        for b in blocks:
            if b["type"] == "paragraph":
                b["children"] = [{"type": style, "children": b["children"]}]
        return blocks

    def dom_inline(self, nodes: list[Any]) -> list[Token]:
        out: list[Token] = []
        for node in nodes:
            if isinstance(node, str):
                out.extend(_dom_text(node))
            elif isinstance(node, Comment):
                out.append({"type": "html_comment", "raw": f"<!--{node.text}-->"})
            else:
                out.append(self.dom_token(node))
        return out

    def dom_token(self, el: Element) -> Token:
        if el.tag == "pre":
            return {"type": "codespan", "raw": el.text()}
        return {
            "type": "html",
            "tag": el.tag,
            "attrs": el.attrs,
            "raw_open": el.raw_open,
            "closed": True,
            "children": self.dom_inline(el.children),
        }

    def dom_list(self, el: Element, src: str) -> list[Token]:
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
                        lists.append(self._list(items, ordered, start))
                        items, start = [], int(value)
                items.append({"type": "list_item", "children": self.dom_blocks(child.children, src)})
            elif isinstance(child, str) and not child.strip():
                continue
            else:
                blocks = self.dom_blocks([child], src)
                if items:
                    items[-1]["children"].extend(blocks)
                elif blocks:
                    items.append({"type": "list_item", "children": blocks})
        self.count(f"html.{el.tag}")
        return [*lists, self._list(items, ordered, start)]

    @staticmethod
    def _list(items: list[Token], ordered: bool, start: int) -> Token:
        tight = all(sum(b["type"] == "paragraph" for b in it["children"]) <= 1 for it in items)
        return {
            "type": "list",
            "children": items,
            "tight": tight,
            "bullet": "." if ordered else "-",
            "attrs": {"ordered": ordered, "start": start, "depth": 0},
        }

    def dom_table(self, el: Element, src: str) -> list[Token]:
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
            self.count("kept.table")
            self.note("body.table-kept", "info", f"table with {why} kept as HTML", "<table")
            return [{"type": "block_html", "raw": serialize(el, self.kept_text)}]
        self.count("html.table")
        self.in_table += 1
        try:
            cells = [[self._cell(c) for c in r] for r in grid]
        finally:
            self.in_table -= 1
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
                            {"type": "table_row", "children": [_cell_tok(c, False) for c in _pad(r, width)]}
                            for r in body
                        ],
                    },
                ],
            }
        ]

    def _cell(self, cell: Element) -> list[Token]:
        # p/div inside a cell: their content, a line break between them.
        nodes: list[Any] = []
        for n in cell.children:
            if isinstance(n, Element) and n.tag in BLOCK_WRAPPERS:
                if nodes:
                    nodes.append(Element("br"))
                nodes.extend(n.children)
            else:
                nodes.append(n)
        return _trim(self.inlines(self.dom_inline(nodes)))

    # ---- inlines ------------------------------------------------------------------------
    def inlines(self, children: list[Token]) -> list[Token]:
        children = raw_text_runs(self.normalize(children))
        children = repair_strong(children)
        children = self.fold(children)
        out: list[Token] = []
        for tok in children:
            out.extend(self.inline(tok))
        return _merge_text(out)

    def normalize(self, children: list[Token]) -> list[Token]:
        for t in children:
            if t["type"] == "text":
                raw = t["raw"]
                if not t.get("literal"):
                    if t.get("_emphasis") is False:
                        t["escaped"] = True
                    else:
                        raw = unescape(raw) if "&" in raw else raw
                    t["literal"] = True
                if "\xa0" in raw:
                    self.count("text.nbsp", raw.count("\xa0"))
                    raw = raw.replace("\xa0", " ")
                if "  " in raw:
                    raw = _RUN_OF_SPACES.sub(" ", raw)
                t["raw"] = raw
        return children

    def fold(self, children: list[Token]) -> list[Token]:
        """Loose open/close tags and Tiki plugin pairs -> elements with children."""
        root: list[Token] = []
        stack: list[Token] = []

        def current() -> list[Token]:
            return stack[-1]["children"] if stack else root

        def close_to(index: int) -> None:
            while len(stack) > index:
                el = stack.pop()
                if len(stack) > index:
                    el["closed"] = False
                current().append(el)

        def close(tag: str, kind: str) -> bool:
            """Close the innermost open ``tag`` (and whatever is still open inside it)."""
            at = next(
                (i for i in range(len(stack) - 1, -1, -1) if stack[i].get("tag") == tag and stack[i]["type"] == kind),
                None,
            )
            if at is None:
                return False
            close_to(at)
            return True

        for tok in children:
            kind = tok["type"]
            if kind == "inline_html":
                parsed = parse_tag(tok["raw"])
                if parsed is None:
                    current().append(tok)
                    continue
                name, attrs, how = parsed
                if how == "comment":
                    current().append({"type": "html_comment", "raw": tok["raw"]})
                elif how == "void":
                    current().append(_element("html", name, attrs, tok["raw"]))
                elif how == "open" and len(stack) >= _MAX_OPEN:
                    self.too_deep(name)
                elif how == "open":
                    if name == "a" and any(s.get("tag") == "a" for s in stack):
                        close("a", "html")  # a link opened inside a link ends the first one, as in every browser
                    stack.append(_element("html", name, attrs, tok["raw"]))
                elif not close(name, "html"):
                    current().append({"type": "html_stray", "tag": name, "raw": tok["raw"]})
            elif kind == "tiki_plugin":
                m = _TIKI_PLUGIN.match(tok["raw"])
                name = (m.group(1) or "").upper() if m else ""
                args = m.group(2) if m else None
                opener = bool(m and m.group(1) and args is not None and name in PAIRED_TIKI)
                if opener and len(stack) >= _MAX_OPEN:
                    self.too_deep(name)
                elif opener:
                    stack.append(_element("tiki", name, {}, tok["raw"]) | {"args": args})
                elif m and m.group(1) and args is None and close(name, "tiki"):
                    pass
                else:
                    current().append(tok)
            else:
                if "children" in tok and kind not in ("image",):
                    tok["children"] = self.fold(tok["children"])
                current().append(tok)
        for el in stack:  # still open at the end of the run of inlines
            el["closed"] = False
        close_to(0)
        return root

    def inline(self, tok: Token) -> list[Token]:
        kind = tok["type"]
        if kind == "text":
            return [tok]
        if kind == "html":
            return self.element(tok)
        if kind == "tiki":
            return self.tiki_element(tok)
        if kind in ("strong", "emphasis", "strikethrough"):
            tok["children"] = self.inlines(tok["children"])
            return _hoist(tok)
        if kind == "link":
            tok["children"] = self.inlines(tok["children"])
            return _split_nested_link(tok)
        if kind == "image":
            self.normalize(tok["children"])
            self.check_alt(plain_text(tok["children"]), tok["attrs"].get("url", ""))
            self.count("md.image")
            return [tok]
        if kind == "html_comment":
            return [_html(tok["raw"])] if self.comment(tok["raw"]) else []
        if kind == "html_stray":
            self.count(f"html.stray-close.{tok['tag']}")
            return []
        if kind == "inline_html":
            self.count("kept.inline-html")
            self.note("body.html-kept", "warning", f"unrecognised HTML kept as is: {tok['raw'][:60]}", tok["raw"])
            return [tok]
        if kind == "tiki_plugin":
            return self.tiki_single(tok)
        if kind == "footnote_ref":
            return [tok]
        if kind == "wikilink":
            return self.wikilink(tok)
        if kind == "tiki_color":
            children = self.inlines(tok["children"])
            self.count("tiki.color")
            style = self.opts.color_style(tok["attrs"]["color"])
            return _hoist({"type": style, "children": children}) if style else children
        if kind == "tiki_comment":
            self.count("tiki.comment")
            self.note("body.tiki-comment", "info", f"Tiki comment removed: {_clip(tok['raw'])}", tok["raw"][:40])
            return []
        if kind == "tiki_token":
            self.count("tiki.token")
            return [_text({"~hs~": " ", "~amp~": "&", "~lt~": "<", "~gt~": ">", "~--~": "—"}.get(tok["raw"], ""))]
        return [tok]

    def comment(self, raw: str) -> bool:
        """Keep an HTML comment? Comments that only wrap Tiki markup are editor notes of the old wiki."""
        if _TIKI_IN_COMMENT.search(raw):
            self.count("tiki.comment")
            self.note("body.tiki-comment", "info", f"HTML comment holding Tiki markup removed: {_clip(raw)}", raw[:40])
            return False
        if _CONDITIONAL.match(raw):
            self.invisible("conditional comment")
            return False
        self.count("kept.comment")
        return True

    def kept_text(self, text: str) -> str:
        """A text node of HTML we keep: escaped, with its wiki links made links (Tiki would have)."""
        if not TIKI_HINT.search(text):
            return html.escape(text, quote=False)
        out = []
        for tok in tiki_inline(text):
            kind = tok["type"]
            if kind == "wikilink":
                link = self.wikilink(tok)
                if link and link[0]["type"] == "link":
                    url = html.escape(link[0]["attrs"]["url"])
                    out.append(f'<a href="{url}">{html.escape(plain_text(link[0]["children"]))}</a>')
                else:
                    out.append(html.escape(plain_text(link)))
            elif kind == "shortcode":
                out.append(tok["raw"])
            elif kind == "tiki_token":
                out.append(" " if tok["raw"] == "~hs~" else "")
            elif kind == "tiki_comment":
                self.count("tiki.comment")
            else:
                out.append(html.escape(tok["raw"], quote=False))
        return "".join(out)

    def too_deep(self, what: str) -> None:
        self.count("html.too-deep")
        if self.report.stats["html.too-deep"] == 1:
            self.note(
                "body.too-deep",
                "warning",
                f"markup nested more than {_MAX_OPEN} deep: inner <{what}> and deeper tags dropped, their text kept",
            )

    def invisible(self, what: str) -> None:
        self.count("html.invisible")
        if self.report.stats["html.invisible"] == 1:
            self.note(
                "body.html-document",
                "info",
                f"markup of a whole HTML document (<{what}>, ...) removed: a browser shows none of it",
            )

    # ---- elements -----------------------------------------------------------------------
    def element(self, el: Token) -> list[Token]:
        tag, attrs = el["tag"], el["attrs"]
        if not el.get("closed", True) and tag not in WRAPPERS:
            self.count(f"html.unclosed.{tag}")
        if tag in ("i", "em") or (tag == "span" and _icon_name(attrs) is not None):
            icon = _icon_name(attrs)
            if icon is not None:
                self.count(f"icon.{icon or 'unnamed'}")
                inner = self.inlines(el["children"])
                repl = self.opts.icons.get(icon)
                return ([_text(repl)] if repl else []) + inner
        if tag in INVISIBLE:
            self.invisible(tag)
            return []
        if tag in WRAPPERS or tag in DOCUMENT or ":" in tag:
            self.count(f"html.{tag}")
            children = self.inlines(el["children"])
            style = self._color_style_attrs(attrs)
            if style and plain_text(children).strip():
                return _hoist({"type": style, "children": children})
            return children
        handler = getattr(self, "el_" + tag, None)
        if handler is not None:
            self.count(f"html.{tag}")
            return handler(el)  # type: ignore[no-any-return]
        if tag not in HTML_ELEMENTS:
            # <x>, <pubmed>: not HTML. A browser shows only the content, and so do we.
            self.count("html.unknown")
            self.note(
                "body.html-unknown", "info", f"<{tag}> is not an HTML element: tag removed, content kept", f"<{tag}"
            )
            return self.inlines(el["children"])
        return self.keep(el)

    def keep(self, el: Token, severity: str = "warning") -> list[Token]:
        tag = el["tag"]
        self.count(f"kept.{tag}")
        if severity != "none":
            self.note("body.html-kept", severity, f"<{tag}> has no Markdown form; kept as HTML", el["raw_open"])
        children = self.inlines(el["children"])
        from .dom import VOID

        if tag in VOID:
            return [_html(el["raw_open"])]
        return [_html(el["raw_open"]), *children, _html(f"</{tag}>")]

    def _color_style_attrs(self, attrs: dict[str, str]) -> str | None:
        if not self.opts.colors:
            return None
        m = _COLOR.search(attrs.get("style", ""))
        color = m.group(1).strip() if m else attrs.get("color", "")
        return self.opts.color_style(color) if color else None

    def el_b(self, el: Token) -> list[Token]:
        return _hoist({"type": "strong", "children": self.inlines(el["children"])})

    el_strong = el_b

    def el_i(self, el: Token) -> list[Token]:
        return _hoist({"type": "emphasis", "children": self.inlines(el["children"])})

    el_em = el_var = el_dfn = el_i

    def el_s(self, el: Token) -> list[Token]:
        return _hoist({"type": "strikethrough", "children": self.inlines(el["children"])})

    el_strike = el_del = el_s

    def el_br(self, el: Token) -> list[Token]:
        return [{"type": "linebreak"}]

    def el_hr(self, el: Token) -> list[Token]:
        return [_html("<hr>")]

    def el_sup(self, el: Token) -> list[Token]:
        tag = el["tag"]
        marker = el["attrs"].get("data-migrate-footnote", "")
        if tag == "sup" and marker.isdigit():  # a footnote reference that went through a region's HTML
            return [{"type": "footnote_ref", "attrs": {"index": int(marker)}}]
        self.count(f"kept.{tag}")
        return [_html(f"<{tag}>"), *self.inlines(el["children"]), _html(f"</{tag}>")]

    el_sub = el_sup

    def el_code(self, el: Token) -> list[Token]:
        children = self.inlines(el["children"])
        if all(c["type"] in ("text", "softbreak") for c in children):
            code = plain_text(children)
            return [{"type": "codespan", "raw": code}] if code else []
        return self.keep(el, "info")

    el_tt = el_samp = el_code

    def el_a(self, el: Token) -> list[Token]:
        attrs = el["attrs"]
        href = attrs.get("href")
        children = self.inlines(el["children"])
        anchor = attrs.get("name") or (attrs.get("id") if href is None else None)
        out: list[Token] = []
        if anchor:
            out.append({"type": "anchor", "name": anchor})
        if href is None:
            return out + children
        link = {"type": "link", "attrs": {"url": href.strip()}, "children": children}
        if attrs.get("title"):
            link["attrs"]["title"] = attrs["title"]
        return out + _split_nested_link(link)

    def el_img(self, el: Token) -> list[Token]:
        attrs = el["attrs"]
        src = attrs.get("src", "").strip()
        alt = _SPACES.sub(" ", attrs.get("alt", "")).strip()
        line = self.locator.locate(src)
        self.check_alt(alt, src, line)
        size = " ".join(f"{k}={attrs[k]}" for k in ("width", "height") if attrs.get(k))
        if size:
            self.count("img.sized")
            if self.opts.keep_sized_images:
                self.count("kept.img")
                return [_html(el["raw_open"])]
            self.note("body.img-size", "info", f"image {src} had {size}; sizing is left to the theme", line=line)
        image: Token = {"type": "image", "attrs": {"url": src}, "children": [_text(alt)] if alt else []}
        if attrs.get("title"):
            image["attrs"]["title"] = attrs["title"]
        return [image]

    def check_alt(self, alt: str, src: str, line: int | None = None) -> None:
        name = src.rsplit("/", 1)[-1].split("?", 1)[0]
        stem = name.rsplit(".", 1)[0]
        low = alt.strip().lower()
        if not low or low in PLACEHOLDER_ALTS or low in (name.lower(), stem.lower()):
            self.count("img.alt-missing")
            what = "no alt text" if not low else f"placeholder alt text {alt!r}"
            if line is None:
                line = self.locator.locate(src)
            self.note("body.img-alt", "warning", f"image {src} has {what}: describe it for screen readers", line=line)

    # ---- Tiki ---------------------------------------------------------------------------
    def tiki_element(self, el: Token) -> list[Token]:
        name = el["tag"]
        self.count(f"tiki.{name.lower()}")
        if name in ("SUB", "SUP"):
            tag = name.lower()
            return [_html(f"<{tag}>"), *self.inlines(el["children"]), _html(f"</{tag}>")]
        if name == "ANAME":
            # {ANAME()}name{ANAME}: the content names the anchor; anything after the name is page content.
            children = self.inlines(el["children"])
            first = children[0] if children and children[0]["type"] == "text" else None
            m = _ANAME.match(first["raw"]) if first else None
            if m and first is not None:
                first["raw"] = first["raw"][m.end() :]
                return [{"type": "anchor", "name": m.group(1)}, *children]
            return children
        if name == "FOOTNOTE":
            self.footnote_index += 1
            index = 1000 + self.footnote_index  # renumbered by the writer in order of use
            self.footnotes.append(
                {
                    "type": "footnote_item",
                    "attrs": {"index": index},
                    "children": [{"type": "paragraph", "children": _trim(self.inlines(el["children"]))}],
                }
            )
            return [{"type": "footnote_ref", "attrs": {"index": index}}]
        if name == "SPLIT":
            # Tiki columns (--- between columns, @@@ between rows) read one after another
            self.note("body.tiki-plugin", "info", "Tiki SPLIT columns laid out one after another", el["raw_open"])
            out: list[Token] = []
            for t in self.inlines(el["children"]):
                if t["type"] == "text" and ("---" in t["raw"] or "@@@" in t["raw"]):
                    for k, part in enumerate(re.split(r"-{3,}|@{3,}", t["raw"])):
                        if k:
                            out += [{"type": "linebreak"}, {"type": "linebreak"}]
                        out.append(_text(part))
                else:
                    out.append(t)
            return out
        self.note("body.tiki-plugin", "info", f"Tiki plugin {name} removed, its content kept", el["raw_open"])
        return self.inlines(el["children"])

    def tiki_single(self, tok: Token) -> list[Token]:
        raw = tok["raw"]
        m = _TIKI_PLUGIN.match(raw)
        if m and m.group(3) is not None:
            return self.tiki_img(raw, m.group(3))
        name = (m.group(1) or "").upper() if m else ""
        if name in LAYOUT_TIKI or name in PAIRED_TIKI:
            self.count(f"tiki.{name.lower()}")
            self.note(
                "body.tiki-plugin", "info", f"Tiki plugin {_clip(raw)} has no meaning in the new site; removed", raw
            )
            return []
        verbatim = {"type": "text", "raw": raw, "literal": True, "escaped": True, "tiki_left": True}
        if m and m.group(2) is None:
            return [verbatim]  # "{OH}" with no (...) and no known name: braces in prose, not a plugin
        self.count("tiki.unknown")
        self.note("body.tiki-left", "warning", f"Tiki plugin {_clip(raw)} has no Markdown form; left as text", raw)
        return [verbatim]

    def tiki_img(self, raw: str, args: str) -> list[Token]:
        attrs = {k.lower(): v.strip("\"'") for k, v in _TIKI_ATTR.findall(args)}
        src = attrs.get("src") or attrs.get("fileid") or ""
        self.count("tiki.img")
        el = {"type": "html", "tag": "img", "attrs": attrs | {"src": src}, "raw_open": raw, "children": []}
        out = self.el_img(el)
        if attrs.get("link"):
            return [{"type": "link", "attrs": {"url": attrs["link"]}, "children": out}]
        return out

    def wikilink(self, tok: Token) -> list[Token]:
        target = unescape(tok["attrs"]["target"])  # ((Sun &amp; Shade)) names "Sun & Shade"
        children = self.inlines(tok["children"]) if tok.get("children") else [_text(unescape(tok["attrs"]["label"]))]
        self.count("tiki.wikilink")
        found = self.opts.resolve_title(target)
        urls = [found] if isinstance(found, str) else list(found or [])
        if not urls:
            # No page of that name in the batch: a guessed URL would be a broken link that looks fine.
            self.note(
                "body.wikilink",
                "warning",
                f"wiki link (({target})) names no page in this batch; kept its text",
                tok["raw"],
            )
            return children
        if len(urls) > 1:
            self.note(
                "body.wikilink-ambiguous",
                "warning",
                f"wiki link (({target})) could mean {', '.join(urls)}; linked to the first: check it",
                tok["raw"],
            )
        return [{"type": "link", "attrs": {"url": urls[0]}, "children": children}]

    # ---- anchors ------------------------------------------------------------------------
    def _settle_anchors(self, blocks: list[Token]) -> None:
        """Keep an anchor as ``<a id>`` only when the page links to it; else it is dead markup."""
        targets: set[str] = set()
        anchors: list[Token] = []
        stack = list(blocks)
        while stack:
            t = stack.pop()
            if t["type"] == "link":
                url = t["attrs"].get("url", "")
                if "#" in url:
                    targets.add(url.split("#", 1)[1])
            elif t["type"] == "anchor":
                anchors.append(t)
            stack.extend(t.get("children") or [])
        for a in anchors:
            name = a.pop("name")
            if name and name in targets:
                a.update({"type": "inline_html", "raw": f'<a id="{_attr(name)}"></a>'})
                self.count("kept.anchor")
            else:
                a.update({"type": "text", "raw": "", "literal": True})
                self.count("anchor.unused")


def _one_line(children: list[Token]) -> list[Token]:
    """A heading is one line: its breaks become spaces, and spaces that meet collapse."""
    return _merge_text([_text(" ") if c["type"] in _BREAKS else c for c in children])


def _element(kind: str, tag: str, attrs: dict[str, str], raw: str) -> Token:
    return {"type": kind, "tag": tag, "attrs": attrs, "raw_open": raw, "closed": True, "children": []}


def repair_strong(children: list[Token]) -> list[Token]:
    """`** text **` left literal by the parser (spaces inside the markers) -> strong, as the author meant."""
    hits = [i for i, t in enumerate(children) if t["type"] == "text" and not t.get("escaped") and "**" in t["raw"]]
    if not hits:
        return children
    # Split text tokens at each ** so markers become separate tokens.
    pieces: list[Token] = []
    for t in children:
        if t["type"] == "text" and not t.get("escaped") and "**" in t["raw"]:
            parts = re.split(r"(\*\*+)", t["raw"])
            for p in parts:
                if p == "**":
                    pieces.append({"type": "_marker"})
                elif p:
                    pieces.append(_text(p))
        else:
            pieces.append(t)
    out: list[Token] = []
    open_at: int | None = None
    for i, t in enumerate(pieces):
        if t["type"] != "_marker":
            out.append(t)
            continue
        before = _last_char(out)
        after = _first_char_tok(pieces[i + 1]) if i + 1 < len(pieces) else ""
        can_open = before == "" or not before.isalnum()
        can_close = after == "" or not after.isalnum()
        if open_at is None and can_open and after not in ("",):
            open_at = len(out)
            out.append(t)
        elif open_at is not None and can_close:
            inner = out[open_at + 1 :]
            del out[open_at:]
            if plain_text(inner).strip():
                out.extend(_hoist({"type": "strong", "children": inner}))
            else:
                out.extend([_text("**"), *inner, _text("**")])
            open_at = None
        else:
            out.append(_text("**"))
    if open_at is not None:
        out[open_at] = _text("**")
    return _merge_text(out)


def _last_char(tokens: list[Token]) -> str:
    for t in reversed(tokens):
        if t["type"] == "text" and t["raw"]:
            return str(t["raw"][-1])
        if t["type"] != "text":
            return "a" if t["type"] not in ("softbreak", "linebreak") else " "
    return ""


def _first_char_tok(t: Token) -> str:
    if t["type"] == "text":
        return str(t["raw"][:1])
    return " " if t["type"] in ("softbreak", "linebreak") else "a"


_BREAKS = ("linebreak", "softbreak")
_CONTAINERS = frozenset(["list", "list_item", "task_list_item", "block_quote", "footnotes", "footnote_item"])


def _hoist(tok: Token) -> list[Token]:
    """Move spaces and line breaks at the edges of a container's content outside it; drop it when empty.

    ``**bold **`` and ``<b>words<br></b>`` become ``**bold** `` and ``**words**\\``: markers next to a
    space or a break would not be read as markers.
    """
    children = tok["children"]
    if tok["type"] in ("strong", "emphasis", "strikethrough"):
        # <b>a<i><b>b</b></i></b>: bold inside bold reads as bold; one pair of markers
        children = _unwrap_nested(children, tok["type"])
    before: list[Token] = []
    after: list[Token] = []
    while children and (
        children[0]["type"] in _BREAKS or (children[0]["type"] == "text" and not children[0]["raw"].strip())
    ):
        before.append(children.pop(0))
    while children and (
        children[-1]["type"] in _BREAKS or (children[-1]["type"] == "text" and not children[-1]["raw"].strip())
    ):
        after.insert(0, children.pop())
    if children and children[0]["type"] == "text":
        raw = children[0]["raw"]
        if raw != raw.lstrip():
            before.append(_text(" "))
            children[0] = {**children[0], "raw": raw.lstrip()}
    if children and children[-1]["type"] == "text":
        raw = children[-1]["raw"]
        if raw != raw.rstrip():
            after.insert(0, _text(" "))
            children[-1] = {**children[-1], "raw": raw.rstrip()}
    tok["children"] = children
    before = [b if b["type"] in _BREAKS else _text(" ") for b in before]
    after = [a if a["type"] in _BREAKS else _text(" ") for a in after]
    if children or tok["type"] in ("link", "image"):
        return [*before, tok, *after]
    return [*before, *after]


def _unwrap_nested(children: list[Token], kind: str) -> list[Token]:
    out: list[Token] = []
    for c in children:
        if c["type"] == kind:
            out.extend(_unwrap_nested(c["children"], kind))
        else:
            if c["type"] in ("strong", "emphasis", "strikethrough", "link"):
                c["children"] = _unwrap_nested(c["children"], kind)
            out.append(c)
    return out


def _split_nested_link(link: Token) -> list[Token]:
    """A link inside a link: browsers end the outer one where the inner one starts."""
    children = link["children"]
    at = next((k for k, c in enumerate(children) if c["type"] == "link"), None)
    if at is None:
        return _hoist(link)
    link["children"] = _flatten_links(children[:at])
    return [*_hoist(link), *children[at:]]


def _flatten_links(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    for c in children:
        if c["type"] == "link":
            out.extend(_flatten_links(c["children"]))
        else:
            if "children" in c and c["type"] != "image":
                c["children"] = _flatten_links(c["children"])
            out.append(c)
    return out


def _merge_text(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    pending: list[str] = []  # text pieces to join once: repeated concatenation is quadratic

    def flush() -> None:
        if pending:
            joined = "".join(pending)
            # spaces moved out of markup meet the text's own: one space, as a reader sees it
            out.append(_text(_RUN_OF_SPACES.sub(" ", joined) if "  " in joined else joined))
            pending.clear()

    for t in tokens:
        if t["type"] == "text" and not t.get("escaped"):
            if t["raw"]:
                pending.append(t["raw"])
            continue
        flush()
        if t["type"] == "text" and not t["raw"]:
            continue
        last = out[-1] if out else None
        if last is not None and last["type"] == t["type"] == "codespan":
            # `a``b` would read as one span holding the backticks
            out[-1] = {"type": "codespan", "raw": last["raw"] + t["raw"]}
        elif last is not None and last["type"] == t["type"] and t["type"] in ("strong", "emphasis", "strikethrough"):
            out[-1] = {"type": t["type"], "children": _merge_text(last["children"] + t["children"])}
        else:
            out.append(t)
    flush()
    return out


def _trim(tokens: list[Token]) -> list[Token]:
    """No spaces or line breaks at the edges of a paragraph or cell."""
    tokens = list(tokens)
    while tokens and (
        tokens[0]["type"] in ("linebreak", "softbreak")
        or (tokens[0]["type"] == "text" and not tokens[0]["raw"].strip())
    ):
        tokens.pop(0)
    while tokens and (
        tokens[-1]["type"] in ("linebreak", "softbreak")
        or (tokens[-1]["type"] == "text" and not tokens[-1]["raw"].strip())
    ):
        tokens.pop()
    if tokens and tokens[0]["type"] == "text":
        tokens[0] = {**tokens[0], "raw": tokens[0]["raw"].lstrip()}
    if tokens and tokens[-1]["type"] == "text":
        tokens[-1] = {**tokens[-1], "raw": tokens[-1]["raw"].rstrip()}
    return tokens


def _pad(cells: list[list[Token]], width: int) -> list[list[Token]]:
    return cells + [[] for _ in range(width - len(cells))]


def _cell_tok(children: list[Token], head: bool) -> Token:
    return {"type": "table_cell", "attrs": {"align": None, "head": head}, "children": children}


def _clip(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _attr(s: str) -> str:
    return s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
