"""HTML elements that span several Markdown blocks (``<h3>`` in one HTML block, ``</h3>`` two
paragraphs later). A browser sees one element; so do we: the blocks in between are rendered to
HTML and the whole region is converted as one fragment.
"""

from __future__ import annotations

import html
import re
from typing import Any

import mistune

Token = dict[str, Any]

# Containers whose end matters to what a reader sees; li/td/p/... end implicitly.
_HARD = frozenset("h1 h2 h3 h4 h5 h6 ul ol table blockquote pre dl a b strong em i sup sub code s strike del".split())
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?>")
_MAX_BLOCKS = 3000  # a long HTML table in the wiki spans over a thousand blocks


_INCOMPLETE = "<"  # stack entry: a tag whose ">" has not come yet
_UNFINISHED_TAG = re.compile(r"<[A-Za-z/][^<>]*$")


def open_containers(raw: str, stack: list[str] | None = None) -> list[str]:
    """The hard containers still open after ``raw`` (continuing ``stack``).

    A tag broken over blank lines (Office HTML does this) is one tag to a browser: until its ``>``
    comes, everything in between is inside it.
    """
    stack = list(stack or [])
    if stack and stack[-1] == _INCOMPLETE:
        end = raw.find(">")
        if end < 0:
            return stack
        stack.pop()
        raw = raw[end + 1 :]
    last = 0
    for m in _TAG.finditer(raw):
        last = m.end()
        tag = m.group(2).lower()
        if tag not in _HARD or m.group(0).endswith("/>"):
            continue
        if m.group(1):
            if tag in stack:
                del stack[len(stack) - 1 - stack[::-1].index(tag) :]
        else:
            stack.append(tag)
    if _UNFINISHED_TAG.search(raw, last):
        stack.append(_INCOMPLETE)
    return stack


_BLOCK_TAG = re.compile(r"<(?:table|ul|ol|dl|blockquote|pre|h[1-6]|p|div)\b", re.I)


def opens_block(tok: Token) -> bool:
    """A paragraph whose inline HTML opens a block element (a table, a list): HTML, not Markdown, shapes it."""
    return any(c["type"] == "inline_html" and _BLOCK_TAG.match(c["raw"]) for c in tok.get("children") or ())


def region_end(tokens: list[Token], start: int, html: RegionHTML) -> int:
    """Index of the last token of the region opened at ``tokens[start]``, or ``start`` if none."""
    first = tokens[start]
    stack = open_containers(first["raw"] if first["type"] == "block_html" else html.one(first))
    if not stack:
        return start
    for j in range(start + 1, min(len(tokens), start + _MAX_BLOCKS)):
        if tokens[j]["type"] == "blank_line":
            continue
        stack = open_containers(html.one(tokens[j]), stack)
        if not stack:
            return j
    return start


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
