"""Footnotes: Markdown's ``[^1]`` (mistune's plugin reads them) and Tiki's ``{FOOTNOTE()}text{FOOTNOTE}``.

A Tiki footnote becomes a Markdown footnote appended to the page's own; the writer numbers all of
them in order of first reference. ``{FOOTNOTE(sameas=N)}{FOOTNOTE}`` is Tiki's second mark of its
note N (counted in page order): a reference to that note again, no new note.
"""

from __future__ import annotations

import re

from ..context import Converting
from ..inline_ops import trim
from ..tokens import Token

#: indexes of footnotes made here start above any the page's own Markdown could hold
_FIRST_INDEX = 1000
_SAMEAS = re.compile(r"""(?:^|[\s,])sameas\s*=\s*["']?(\d{1,6})""", re.I)


def _sameas(conv: Converting, el: Token) -> int | None:
    """N of an empty ``{FOOTNOTE(sameas=N)}{FOOTNOTE}`` naming a note already made, else None."""
    m = _SAMEAS.search(el.get("args") or "")
    if m is None or any(c["type"] != "text" or c["raw"].strip() for c in el["children"]):
        return None
    n = int(m.group(1))
    if 1 <= n <= conv.footnote_index:
        return n
    message = f"footnote sameas={n} names no earlier footnote: a note of its own"
    conv.note("body.tiki-plugin", "info", message, el["raw_open"])
    return None


def from_tiki(conv: Converting, el: Token) -> list[Token]:
    same = _sameas(conv, el)
    if same is not None:
        return [{"type": "footnote_ref", "attrs": {"index": _FIRST_INDEX + same}}]
    conv.footnote_index += 1
    index = _FIRST_INDEX + conv.footnote_index  # renumbered by the writer in order of use
    conv.footnotes.append(
        {
            "type": "footnote_item",
            "attrs": {"index": index},
            "children": [{"type": "paragraph", "children": trim(conv.inlines(el["children"]))}],
        }
    )
    return [{"type": "footnote_ref", "attrs": {"index": index}}]


def append_notes(blocks: list[Token], notes: list[Token]) -> None:
    """The footnotes made from Tiki plugins, after the page's own (a footnotes block made if none)."""
    if not notes:
        return
    block = next((b for b in blocks if b["type"] == "footnotes"), None)
    if block is None:
        block = {"type": "footnotes", "children": []}
        blocks.append(block)
    block["children"].extend(notes)
