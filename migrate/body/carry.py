"""Style left open across Markdown blocks, kept as a browser keeps it.

Markdown ends a paragraph at a blank line; HTML does not end a ``<b>`` there. A browser reading
``<p>Intro <b>bold</p><p>still bold</p>`` rebuilds the ``<b>`` in every later block until its
``</b>`` (the parsing algorithm's "reconstruct the active formatting elements"), so the next
paragraphs show bold. A ``<span style="color:red">`` alone on a line, then paragraphs, then
``</span>`` holds those paragraphs. :class:`Carry` follows the tags of the blocks in document
order and says what style each block inherits; the converter applies it (an open tag put before
a paragraph's inlines, so its own ``</b>`` ends it where the browser does; the style applied to
an HTML block's blocks).

Tracked: the formatting elements a browser rebuilds (``b strong i em s strike font``), and the
styled containers (``span div center font``) left open by an HTML block, which hold what follows
until their end tag. A Markdown paragraph ends the containers opened inside it (its ``</p>``
does), not the formatting elements.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .html.style import styles_of

Token = dict[str, Any]

FORMATTING = frozenset("b strong i em s strike font".split())
CONTAINERS = frozenset("span div center".split())
#: a table cell is a scope of its own: what opens inside it ends with it (the browser's "marker")
CELLS = frozenset("td th caption".split())
_CELL_ENDS = frozenset("td th caption tr table".split())
# the tags followed here, and only those (HTML blocks are scanned whole); no "<" inside a tag, so a try
# never runs past the next tag (linear time whatever the quotes)
_TAG = re.compile(
    r"<(/?)(b|strong|i|em|s|strike|font|span|div|center|p|td|th|caption|tr|table)\b"
    r"((?:[^<>\"']++|\"[^<\"]*+\"|'[^<']*+')*+)>",
    re.I,
)
# what can leave a style open: a formatting start tag, or a styled element (anything else closes or is plain)
_MAY_OPEN = re.compile(r"<(?:b|strong|i|em|s|strike|font)\b|\b(?:style|color)\s*=", re.I)
_FORMATTING_OPEN = re.compile(r"<(?:b|strong|i|em|s|strike|font)\b", re.I)
_ATTR = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))")


@dataclass
class _Open:
    tag: str
    raw: str
    styles: dict[str, bool]
    #: the block that opened it (a Markdown paragraph's </p> ends the containers it opened)
    block: int


@dataclass
class Carry:
    opts: Any
    stack: list[_Open] = field(default_factory=list)
    _block: int = 0

    @property
    def active(self) -> bool:
        return bool(self.stack)

    def styles(self) -> dict[str, bool]:
        """The style the open elements give a block (inner ones win)."""
        out: dict[str, bool] = {}
        for e in self.stack:
            out.update(e.styles)
        return out

    def open_tags(self) -> list[str]:
        """The open styled elements as start tags to put before a paragraph's inlines (containers as spans)."""
        return [e.raw if e.tag in FORMATTING else "<span" + e.raw[1 + len(e.tag) :] for e in self.stack if e.styles]

    def closes(self, raw: str) -> bool:
        """Does this HTML end one of the open elements?"""
        names = {e.tag for e in self.stack}
        return any(m.group(1) and m.group(2).lower() in names for m in _TAG.finditer(raw))

    def cells(self) -> bool:
        """Do table cells take the style too? A container's CSS reaches them; a rebuilt <b> does not."""
        return any(e.styles and e.tag not in FORMATTING for e in self.stack)

    def paragraph(self, raws: list[str]) -> None:
        """A Markdown block (paragraph, heading) with these inline tags: its end closes its containers."""
        if not self.stack and not any(_FORMATTING_OPEN.match(r) for r in raws):
            return  # nothing open, and only a formatting element outlives the paragraph
        self._block += 1
        self._scan(raws)
        self.stack = [e for e in self.stack if e.tag in FORMATTING or e.block != self._block]
        self._settle()

    def html_block(self, raw: str) -> None:
        """An HTML block: what it leaves open stays open; an open <p> ends at the next block."""
        if not self.stack and not _MAY_OPEN.search(raw):
            return
        self._block += 1
        self._scan(m.group(0) for m in _TAG.finditer(raw))
        if self.stack:
            while any(e.tag in CELLS for e in self.stack):  # a table left open: its cells' content stays in it
                self._end_cell()
            self._close_p()
            self._settle()

    def _scan(self, raws: Iterator[str] | list[str]) -> None:
        for raw in raws:
            m = _TAG.match(raw)
            if m is None or raw.endswith("/>"):
                continue
            tag = m.group(2).lower()
            if tag in _CELL_ENDS:
                if m.group(1) or tag in CELLS or tag == "tr":  # an end, or the next cell or row, ends the cell
                    self._end_cell()
                if m.group(1) or tag not in CELLS:
                    continue
            elif m.group(1):
                self._end(tag)
                continue
            if tag == "p":
                self._close_p()
            styles: dict[str, bool] = {}
            if tag != "p" and tag not in CELLS:  # an open <p> ends at the next block: its style never reaches one
                attrs = {k.lower(): html.unescape(a or b or c) for k, a, b, c in _ATTR.findall(m.group(3))}
                styles = styles_of(self.opts, tag, attrs)
            self.stack.append(_Open(tag, raw, styles, self._block))

    def _end(self, tag: str) -> None:
        at = next((k for k in range(len(self.stack) - 1, -1, -1) if self.stack[k].tag == tag), None)
        if at is None:
            return
        if tag in FORMATTING:  # the adoption agency ends it alone; the others stay open
            del self.stack[at]
        else:  # a container's end tag ends what is open inside it, formatting aside (rebuilt later)
            self.stack = self.stack[:at] + [e for e in self.stack[at + 1 :] if e.tag in FORMATTING]

    def _end_cell(self) -> None:
        at = next((k for k in range(len(self.stack) - 1, -1, -1) if self.stack[k].tag in CELLS), None)
        if at is not None:
            del self.stack[at:]

    def _close_p(self) -> None:
        if any(e.tag == "p" for e in self.stack):
            self._end("p")

    def _settle(self) -> None:
        if not any(e.styles for e in self.stack):
            self.stack.clear()  # nothing open shows: plain containers left open do not matter


def inline_tags(children: list[Token]) -> list[str]:
    """The raw tags of a run of inline tokens, nested ones included, in document order."""
    out: list[str] = []
    stack = list(reversed(children))
    while stack:
        t = stack.pop()
        if t["type"] == "inline_html":
            out.append(t["raw"])
        elif t.get("children") and t["type"] != "image":
            stack.extend(reversed(t["children"]))
    return out
