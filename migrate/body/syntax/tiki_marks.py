"""Tiki's inline marks: ``~~#F00:coloured~~`` text, ``~tc~comments~/tc~`` and ``~hs~``-style tokens.

A colour becomes strong or emphasis where the config maps it (``body.colors``), else plain text;
a Tiki comment is the old wiki's editor note (removed, reported); ``~hs~`` is a space, ``~amp~``
``&`` and so on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from ..context import Converting
from ..inline_ops import clip, hoist
from ..tokens import Token, text

NAME = "tiki_marks"
# ~~#F00:text~~ colour; text may hold single ~ but not the closing pair.
COLOR = r"~~(#?[0-9A-Za-z]{3,8}):((?:(?!~~)[\s\S]){0,2000}?)~~"
COMMENT = r"~tc~[\s\S]{0,4000}?~/tc~"
TOKEN = r"~(?:hs|np|pp|/np|/pp|--|amp|lt|gt)~"
TRIGGER = r"~(?:hs|np|pp|/np|/pp|--|amp|lt|gt|tc|/tc)~|~~#?[0-9A-Za-z]{3,8}:"
HINT = r"~"
_COLOR_RE = re.compile(COLOR)
_TOKEN_TEXT = {"~hs~": " ", "~amp~": "&", "~lt~": "<", "~gt~": ">", "~--~": "—"}


def parse_color(inline: Any, m: Any, state: Any) -> int | None:
    own = _COLOR_RE.fullmatch(m.group(0))
    assert own is not None
    if own.group(2).count("]") != own.group(2).count("["):
        return None  # the colour run would cross an edge of a link: the link binds first (see straddling)
    child = state.copy()
    child.src = own.group(2)
    children = inline.render(child)
    state.append_token(
        {"type": "tiki_color", "raw": m.group(0), "attrs": {"color": own.group(1)}, "children": children}
    )
    return int(m.end())


def parse_comment(inline: Any, m: Any, state: Any) -> int:
    state.append_token({"type": "tiki_comment", "raw": m.group(0)})
    return int(m.end())


def parse_token(inline: Any, m: Any, state: Any) -> int:
    state.append_token({"type": "tiki_token", "raw": m.group(0)})
    return int(m.end())


def register(md: Any) -> None:
    md.inline.register("tiki_comment", COMMENT, parse_comment, before="link", start_chars="~")
    md.inline.register("tiki_token", TOKEN, parse_token, before="link", start_chars="~")
    md.inline.register("tiki_color", COLOR, parse_color, before="strikethrough", start_chars="~")


def color_text_token(raw: str, m: re.Match[str], read: Callable[[str], list[Token]]) -> Token:
    """A colour run found in literal text (inside HTML): its content read the same way."""
    own = _COLOR_RE.fullmatch(raw)
    assert own is not None
    return {"type": "tiki_color", "raw": raw, "attrs": {"color": own.group(1)}, "children": read(own.group(2))}


def raw_text_token(kind: str) -> Any:
    def make(raw: str, m: re.Match[str], read: Callable[[str], list[Token]]) -> Token:
        return {"type": kind, "raw": raw}

    return make


_MARK = re.compile(r"~~(#?[0-9A-Za-z]{3,8}:)?")
#: text tokens a straddling colour run is looked for in; deeper runs are left as they are
_STRADDLE_REACH = 4096


def straddling(children: list[Token]) -> list[Token]:
    """Colour runs the parse could not pair, read as TikiWiki did (it replaced them in the text before
    anything else): an opener ``~~#090:`` in a link's text closed by ``~~`` outside it (or the other
    way round) shows neither mark; a colour run holding half of a ``**`` pair is only text, so the
    ``**`` pair up around it (``**bold ~~red:coloured** text~~`` shows "bold coloured" bold)."""
    out: list[Token] = []
    for t in children:
        if t["type"] == "tiki_color" and _half_strong(t):
            out.extend(t["children"])
        else:
            out.append(t)
    texts: list[Token] = []
    stack = list(reversed(out))
    while stack and len(texts) < _STRADDLE_REACH:
        t = stack.pop()
        if t["type"] == "text" and "~~" in t["raw"]:
            texts.append(t)
        elif t["type"] in ("link", "strong", "emphasis", "strikethrough"):
            stack.extend(reversed(t.get("children") or []))
    if len(texts) < 2:
        return out
    opened: list[tuple[int, int, int]] = []  # (text index, start, end) of each opener not yet closed
    cuts: dict[int, list[tuple[int, int]]] = {}
    for k, t in enumerate(texts):
        for m in _MARK.finditer(t["raw"]):
            if m.group(1):
                opened.append((k, m.start(), m.end()))
            elif opened and opened[-1][0] < k:  # a pair inside one text is the parser's to read
                ok, start, end = opened.pop()
                cuts.setdefault(ok, []).append((start, end))
                cuts.setdefault(k, []).append((m.start(), m.end()))
    for k, spans in cuts.items():
        raw = texts[k]["raw"]
        for start, end in sorted(spans, reverse=True):
            raw = raw[:start] + raw[end:]
        texts[k]["raw"] = raw
    return out


def _half_strong(tok: Token) -> bool:
    return sum(str(c["raw"]).count("**") for c in tok["children"] if c["type"] == "text") % 2 == 1


def color(conv: Converting, tok: Token) -> list[Token]:
    children = conv.inlines(tok["children"])
    conv.count("tiki.color")
    style = conv.opts.color_style(tok["attrs"]["color"])
    return hoist({"type": style, "children": children}) if style else children


def comment(conv: Converting, tok: Token) -> list[Token]:
    conv.count("tiki.comment")
    conv.note("body.tiki-comment", "info", f"Tiki comment removed: {clip(tok['raw'])}", tok["raw"][:40])
    return []


def token(conv: Converting, tok: Token) -> list[Token]:
    conv.count("tiki.token")
    return [text(_TOKEN_TEXT.get(tok["raw"], ""))]


def color_reader_text(tok: Token, read: Callable[[Token], str]) -> str:
    return "".join(read(c) for c in tok["children"])


def token_reader_text(tok: Token, read: Callable[[Token], str]) -> str:
    return " "


def comment_reader_text(tok: Token, read: Callable[[Token], str]) -> str:
    return ""


def color_kept_html(conv: Converting, tok: Token) -> str:
    return html.escape(tok["raw"], quote=False)


def token_kept_html(conv: Converting, tok: Token) -> str:
    return " " if tok["raw"] == "~hs~" else ""


def comment_kept_html(conv: Converting, tok: Token) -> str:
    conv.count("tiki.comment")
    return ""
