"""Hugo shortcodes, ``{{< name args >}}`` and ``{{% name %}}``: kept byte for byte.

Hugo processes shortcodes before Markdown, so they are opaque to us: an inline token, and a
block token for a ``{{< name >}} ... {{< /name >}}`` pair whose inner text Hugo hands over as is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..context import Converting
from ..tokens import Token

NAME = "shortcode"
# bounded: an unclosed one must not cost O(n^2)
PATTERN = r"\{\{<[\s\S]{0,4000}?>\}\}|\{\{%[\s\S]{0,4000}?%\}\}"
#: text that would read as a shortcode on the next conversion (the writer escapes it in literal text)
TRIGGER = r"\{\{[<%]"
HINT = r"\{\{[<%]"

BLOCK_PATTERN = r"^ {0,3}\{\{<\s*(?P<sc_name>[A-Za-z][\w.-]*)[^\n]*?>\}\}[^\n]*(?:\n|$)"
_BLOCK_RE = re.compile(BLOCK_PATTERN, re.M)


def parse_inline(inline: Any, m: Any, state: Any) -> int:
    state.append_token({"type": "shortcode", "raw": m.group(0)})
    return int(m.end())


def parse_block(block: Any, m: Any, state: Any) -> int | None:
    """``{{< name >}} ... {{< /name >}}``: Hugo hands the inner text to the shortcode as it is, so do we."""
    own = _BLOCK_RE.match(state.src, m.start())
    if own is None:
        return None
    closer = re.compile(r"\{\{<\s*/\s*" + re.escape(own.group("sc_name")) + r"\s*>\}\}[^\n]*(?:\n|$)")
    end = closer.search(state.src, own.end())
    if end is None or end.start() == own.start():
        return None
    state.append_token({"type": "shortcode_block", "raw": state.src[own.start() : end.end()].rstrip("\n")})
    return int(end.end())


def register(md: Any) -> None:
    md.block.register("shortcode_block", BLOCK_PATTERN, parse_block, before="paragraph")
    md.inline.register(NAME, PATTERN, parse_inline, before="link", start_chars="{")


def text_token(raw: str, m: re.Match[str], read: Callable[[str], list[Token]]) -> Token:
    """The token for a shortcode found in literal text (inside HTML)."""
    return {"type": NAME, "raw": raw}


def transform(conv: Converting, tok: Token) -> list[Token]:
    return [tok]


def reader_text(tok: Token, read: Callable[[Token], str]) -> str:
    """Hugo renders it: not text a reader sees in the source."""
    return ""


def kept_html(conv: Converting, tok: Token) -> str:
    """Inside HTML we keep: as written (Hugo still renders it there)."""
    return str(tok["raw"])
