"""Tiki wiki links, ``((Page))`` and ``((Page|label))``: a link to the page of that title in the batch.

A title that names no page in the batch keeps its text (a guessed URL would be a broken link that
looks fine) with a warning; a title several pages share links the first, with a warning.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from mistune.util import unescape

from ..context import Converting
from ..inline_ops import plain_text
from ..tokens import Token, text

NAME = "wikilink"
# The label may hold spaces around the bar, and a title one level of parentheses:
# ((Nettle (stinging) soup))
PATTERN = (
    r"\(\((?!\()((?:[^()\n|]|\([^()\n|]{0,100}\)){1,300}?)"
    r"(?:\|((?:[^()\n]|\([^()\n]{0,100}\)){0,300}?))?\)\)"
)
TRIGGER = r"\(\("
HINT = r"\(\("
_RE = re.compile(PATTERN)


def _attrs(raw: str) -> dict[str, str]:
    own = _RE.fullmatch(raw)
    assert own is not None
    target = own.group(1).strip()
    return {"target": target, "label": (own.group(2) or "").strip() or target}


def parse_inline(inline: Any, m: Any, state: Any) -> int:
    # mistune joins all rules in one regex, so our own group numbers are re-read here.
    attrs = _attrs(m.group(0))
    # the label is Markdown like any link text: ((Page|**bold** label))
    child = state.copy()
    child.src = attrs["label"]
    children = inline.render(child)
    state.append_token({"type": NAME, "raw": m.group(0), "attrs": attrs, "children": children})
    return int(m.end())


def register(md: Any) -> None:
    md.inline.register(NAME, PATTERN, parse_inline, before="link", start_chars="(")


def text_token(raw: str, m: re.Match[str], read: Callable[[str], list[Token]]) -> Token:
    """The token for a wiki link found in literal text (inside HTML): its label is text there."""
    return {"type": NAME, "raw": raw, "attrs": _attrs(raw)}


def transform(conv: Converting, tok: Token) -> list[Token]:
    target = unescape(tok["attrs"]["target"])  # ((Sun &amp; Shade)) names "Sun & Shade"
    children = conv.inlines(tok["children"]) if tok.get("children") else [text(unescape(tok["attrs"]["label"]))]
    conv.count("tiki.wikilink")
    found = conv.opts.resolve_title(target)
    urls = [found] if isinstance(found, str) else list(found or [])
    if not urls:
        # No page of that name in the batch: a guessed URL would be a broken link that looks fine.
        conv.note(
            "body.wikilink",
            "warning",
            f"wiki link (({target})) names no page in this batch; kept its text",
            tok["raw"],
        )
        return children
    if len(urls) > 1:
        conv.note(
            "body.wikilink-ambiguous",
            "warning",
            f"wiki link (({target})) could mean {', '.join(urls)}; linked to the first: check it",
            tok["raw"],
        )
    return [{"type": "link", "attrs": {"url": urls[0]}, "children": children}]


def reader_text(tok: Token, read: Callable[[Token], str]) -> str:
    return str(tok["attrs"]["label"])


def kept_html(conv: Converting, tok: Token) -> str:
    """Inside HTML we keep: an ``<a>`` to the page (Tiki would have made one), else the label."""
    link = transform(conv, tok)
    if link and link[0]["type"] == "link":
        url = html.escape(link[0]["attrs"]["url"])
        return f'<a href="{url}">{html.escape(plain_text(link[0]["children"]))}</a>'
    return html.escape(plain_text(link))
