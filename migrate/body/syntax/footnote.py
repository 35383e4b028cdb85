"""Footnotes: Markdown's ``[^1]`` (mistune's plugin reads them) and Tiki's ``{FOOTNOTE()}text{FOOTNOTE}``.

A Tiki footnote becomes a Markdown footnote appended to the page's own; the writer numbers all of
them in order of first reference.
"""

from __future__ import annotations

from ..context import Converting
from ..inline_ops import trim
from ..tokens import Token

#: indexes of footnotes made here start above any the page's own Markdown could hold
_FIRST_INDEX = 1000


def from_tiki(conv: Converting, el: Token) -> list[Token]:
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
