"""HTML elements that span several Markdown blocks (``<h3>`` in one HTML block, ``</h3>`` two
paragraphs later). A browser sees one element; so do we: the blocks in between are rendered to
HTML and the whole region is converted as one fragment.
"""

from __future__ import annotations

import html
import re
from typing import Any

import mistune

from .html.document import split_document_end

Token = dict[str, Any]

# Containers whose end matters to what a reader sees; li/td/p/... end implicitly.
_HARD = frozenset("h1 h2 h3 h4 h5 h6 ul ol table blockquote pre dl a b strong em i sup sub code s strike del".split())
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?>")
_MAX_BLOCKS = 3000  # a long HTML table in the wiki spans over a thousand blocks


_INCOMPLETE = "<"  # stack entry: a tag whose ">" has not come yet
_COMMENT = "<!--"  # stack entry: a comment whose "-->" has not come yet
#: elements whose content is text up to their end tag: a "<p>" in between is text to a browser
_RAW_TEXT = frozenset("style script title textarea xmp iframe noembed noframes".split())
_UNFINISHED_TAG = re.compile(r"<[A-Za-z/][^<>]*$")
_SCAN = re.compile(r"<!--|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?>")
_COMMENT_END = re.compile(r"--!?>")


def _pending_end(raw: str, pending: str, pos: int) -> int:
    """Where the comment, raw-text element or tag left open before ``raw`` ends in it (-1: not yet)."""
    if pending == _INCOMPLETE:
        end = raw.find(">", pos)
        return end + 1 if end >= 0 else -1
    if pending == _COMMENT:
        m = _COMMENT_END.search(raw, pos)
        return m.end() if m else -1
    m = re.compile(rf"</{pending}[\s/>]", re.I).search(raw, pos)
    if m is None:
        return -1
    end = raw.find(">", m.end() - 1)
    return end + 1 if end >= 0 else len(raw)


def swallowing(stack: list[str]) -> bool:
    """Is the region open in a comment or a raw-text element? A browser shows nothing until its end."""
    return bool(stack) and stack[-1] not in _HARD and stack[-1] != _INCOMPLETE


def open_containers(raw: str, stack: list[str] | None = None) -> list[str]:
    """The hard containers still open after ``raw`` (continuing ``stack``).

    A tag broken over blank lines (Office HTML does this) is one tag to a browser: until its ``>``
    comes, everything in between is inside it. So is a comment (Office's ``<!--[if gte mso 9]>``)
    until its ``-->``, and a ``<style>`` until its ``</style>``, whatever Markdown blocks lie between:
    the blocks in between are rendered as a browser gets them (their text escaped, so only real
    HTML can end it).
    """
    stack = list(stack or [])
    pos = 0
    while True:
        if stack and (stack[-1] == _INCOMPLETE or swallowing(stack)):
            end = _pending_end(raw, stack[-1], pos)
            if end < 0:
                return stack
            stack.pop()
            pos = end
            continue
        m = _SCAN.search(raw, pos)
        if m is None:
            break
        if m.group(0) == _COMMENT:
            if raw.startswith(("<!-->", "<!--->"), m.start()):  # an empty comment, already ended
                pos = raw.index(">", m.start()) + 1
            else:
                stack.append(_COMMENT)
                pos = m.end()
            continue
        pos = m.end()
        tag = m.group(2).lower()
        if m.group(0).endswith("/>"):
            continue
        if tag in _RAW_TEXT and not m.group(1):
            stack.append(tag)
            continue
        if tag not in _HARD:
            continue
        if m.group(1):
            if tag in stack:
                del stack[len(stack) - 1 - stack[::-1].index(tag) :]
        else:
            stack.append(tag)
    if _UNFINISHED_TAG.search(raw, pos):
        stack.append(_INCOMPLETE)
    return stack


_BLOCK_TAG = re.compile(r"<(?:table|ul|ol|dl|blockquote|pre|h[1-6]|p|div)\b", re.I)


def opens_block(tok: Token) -> bool:
    """A paragraph whose inline HTML opens a block element (a table, a list): HTML, not Markdown, shapes it."""
    return any(c["type"] == "inline_html" and _BLOCK_TAG.match(c["raw"]) for c in tok.get("children") or ())


def region_end(tokens: list[Token], start: int, html: RegionHTML) -> tuple[int, str]:
    """Index of the last token of the region opened at ``tokens[start]`` (``start`` if none), and
    what a comment or raw-text element left open does there: ``"hides"`` blocks up to its end,
    ``"unclosed"``: it never ends, and hides the rest of the page ("" if neither)."""
    first = tokens[start]
    stack = open_containers(first["raw"] if first["type"] == "block_html" else html.one(first))
    if not stack:
        return start, ""
    hides = ""
    last = start
    j = start + 1
    # a comment or a <style> left open hides the rest of the page from a browser, however long
    while j < len(tokens) and (j < start + _MAX_BLOCKS or swallowing(stack)):
        if tokens[j]["type"] != "blank_line":
            if swallowing(stack):
                hides = "hides"
            last = j
            stack = open_containers(html.one(tokens[j]), stack)
            if not stack:
                return j, hides
        j += 1
    if swallowing(stack) and j == len(tokens):
        return last, "unclosed"
    return start, ""


def visible_blocks(tokens: list[Token], html: RegionHTML, markdown: Any) -> list[Token]:
    """``tokens`` (one level of blocks) without what a comment or a ``<style>`` left open in an HTML
    block hides from a browser (the block that ends it keeps what follows the end, as HTML), and
    with the Markdown after a pasted page's ``</html>`` read as Markdown (``markdown``: text ->
    tokens): the source as the audit must read it, by the rules the converter applies."""
    out: list[Token] = []
    pending = ""
    for tok in tokens:
        if tok["type"] == "block_html" and not pending:
            raw, after = split_document_end(tok["raw"])
            if after:
                out.append({"type": "block_html", "raw": raw})
                out.extend(visible_blocks(markdown(after), html, markdown))
                continue
        kind = tok["type"]
        if pending:
            if kind == "blank_line":
                continue
            raw = tok["raw"] if kind == "block_html" else html.one(tok)
            end = _pending_end(raw, pending, 0)
            if end < 0:
                continue
            tok, kind, pending = {"type": "block_html", "raw": raw[end:]}, "block_html", ""
        if kind == "block_html":
            stack = open_containers(tok["raw"])
            pending = stack[-1] if swallowing(stack) else ""
            if pending:  # ended here for the HTML reader, which would show an unended comment as text
                tok = {"type": "block_html", "raw": tok["raw"] + ("-->" if pending == _COMMENT else f"</{pending}>")}
        out.append(tok)
    return out


def _raw_text(renderer: Any, text: str) -> str:
    return html.escape(text, quote=False)


class RegionHTML(mistune.HTMLRenderer):
    """Source tokens -> HTML as a browser would get it from the source (raw HTML passed through)."""

    def __init__(self, resolve: Any) -> None:
        super().__init__(escape=False)
        self.resolve = resolve
        self._cache: dict[int, str] = {}
        from mistune.plugins.footnotes import render_footnote_item, render_footnotes
        from mistune.plugins.table import (
            render_table,
            render_table_body,
            render_table_cell,
            render_table_head,
            render_table_row,
        )

        for name, fn in (
            ("footnotes", render_footnotes),
            ("footnote_item", render_footnote_item),
            ("table", render_table),
            ("table_head", render_table_head),
            ("table_body", render_table_body),
            ("table_row", render_table_row),
            ("table_cell", render_table_cell),
        ):
            self.register(name, fn)
        self.register("strikethrough", lambda r, text: "<del>" + text + "</del>")
        self.register("shortcode", _raw_text)
        self.register("shortcode_block", lambda r, text: _raw_text(r, text) + "\n")
        self.register("tiki_plugin", _raw_text)
        self.register("tiki_comment", lambda r, text: "")
        self.register("tiki_token", lambda r, text: " " if text == "~hs~" else "")

    def safe_url(self, url: str) -> str:
        return html.escape(url)

    def footnote_ref(self, key: str, index: int = 0) -> str:
        # a marker the converter turns back into the same footnote reference
        return f'<sup data-migrate-footnote="{index}"></sup>'

    def tiki_color(self, text: str, color: str = "") -> str:
        return text

    def wikilink(self, text: str, target: str = "", label: str = "") -> str:
        found = self.resolve(html.unescape(target))
        url = found if isinstance(found, str) else (found or [None])[0]
        return f'<a href="{html.escape(url)}">{html.escape(label)}</a>' if url else html.escape(label)

    def render(self, tokens: list[Token]) -> str:
        return "".join(self.one(t) for t in tokens)

    def one(self, tok: Token) -> str:
        """One block as HTML; remembered, since unclosed regions may scan the same blocks again."""
        key = id(tok)
        html = self._cache.get(key)
        if html is None:
            html = self._cache[key] = self.render_tokens([tok], mistune.BlockState())
        return html
