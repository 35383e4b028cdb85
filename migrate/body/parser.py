"""The one mistune parser every body goes through, with each construct's rules (``syntax/``) added.

Tiki and shortcode constructs become tokens of their own at parse time (mistune inline rules), so
later steps work on a tree, never on regexes over the whole text.
"""

from __future__ import annotations

from typing import Any

import mistune

from .mistune_patches import raw_urls
from .tokens import Token

# CommonMark lets "<div>" (tag name, then ">") start an HTML block that ends a list item or a
# quote; mistune's pattern wants a space after the name. This parser's own copy is corrected.
_BLOCK_HTML_NAME_END = r"(?:[ \t]+|\n|$)"
_BLOCK_HTML_NAME_END_FIXED = r"(?:[ \t]+|\n|$|(?=/?>))"


def _inline_html(inline: Any, m: Any, state: Any) -> int | None:
    # mistune stops reading Markdown links after an inline <a> until </a>; CommonMark (and so Hugo
    # and every browser-facing renderer) does not, so neither do we.
    in_link = state.in_link
    end = mistune.InlineParser.parse_inline_html(inline, m, state)
    state.in_link = in_link
    return end


def make_parser() -> mistune.Markdown:
    """A fresh parser: tokens out (no renderer), GFM tables and strikethrough on, as Hugo reads Markdown."""
    from .syntax import gfm_table, register

    md = mistune.create_markdown(renderer=None, plugins=["strikethrough", "footnotes"])
    spec = md.block.specification
    if _BLOCK_HTML_NAME_END not in spec["block_html"]:
        raise RuntimeError("mistune's block_html pattern changed: update parser._BLOCK_HTML_NAME_END")
    spec["block_html"] = spec["block_html"].replace(_BLOCK_HTML_NAME_END, _BLOCK_HTML_NAME_END_FIXED, 1)
    gfm_table.register(md)
    md.inline.register("inline_html", md.inline.specification["inline_html"], _inline_html)
    register(md)
    return md


def parse(md: mistune.Markdown, text: str) -> tuple[list[Token], Any]:
    with raw_urls():
        tokens, state = md.parse(text)
    assert isinstance(tokens, list)  # renderer=None: mistune hands back the tokens
    return tokens, state
