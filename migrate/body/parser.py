"""The one mistune parser every body goes through, with our readers for Hugo shortcodes and Tiki syntax.

Tiki and shortcode constructs become tokens of their own at parse time (mistune inline rules), so
later steps work on a tree, never on regexes over the whole text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import mistune
from mistune import util as _mu

Token = dict[str, Any]

# Hugo processes shortcodes before Markdown, so they are opaque to us: kept byte for byte.
SHORTCODE = r"\{\{<[\s\S]{0,4000}?>\}\}|\{\{%[\s\S]{0,4000}?%\}\}"  # bounded: an unclosed one must not cost O(n^2)
# Tiki: ((Page)) and ((Page|label)); the label may hold spaces around the bar.
WIKILINK = (
    r"\(\((?!\()((?:[^()\n|]|\([^()\n|]{0,100}\)){1,300}?)"
    r"(?:\|((?:[^()\n]|\([^()\n]{0,100}\)){0,300}?))?\)\)"
)  # one level of parentheses inside a title: ((Nettle (stinging) soup))
# ~~#F00:text~~ colour; text may hold single ~ but not the closing pair.
TIKI_COLOR = r"~~(#?[0-9A-Za-z]{3,8}):((?:(?!~~)[\s\S]){0,2000}?)~~"
TIKI_COMMENT = r"~tc~[\s\S]{0,4000}?~/tc~"
TIKI_TOKEN = r"~(?:hs|np|pp|/np|/pp|--|amp|lt|gt)~"
# {NAME(args)} ... {NAME} plugins, and {img ...} the Tiki image shorthand.
TIKI_PLUGIN = r"\{(?:[A-Z][A-Z0-9_]{1,20})(?:\([^(){}\n]{0,1000}\))?\}|\{img\s[^{}\n]{0,1000}\}"

_WIKILINK_RE = re.compile(WIKILINK)
_TIKI_COLOR_RE = re.compile(TIKI_COLOR)


def _shortcode(inline: Any, m: Any, state: Any) -> int:
    state.append_token({"type": "shortcode", "raw": m.group(0)})
    return int(m.end())


def _wikilink(inline: Any, m: Any, state: Any) -> int:
    # mistune joins all rules in one regex, so our own group numbers are re-read here.
    own = _WIKILINK_RE.fullmatch(m.group(0))
    assert own is not None
    target = own.group(1).strip()
    label = (own.group(2) or "").strip() or target
    # the label is Markdown like any link text: ((Page|**bold** label))
    child = state.copy()
    child.src = label
    children = inline.render(child)
    state.append_token(
        {"type": "wikilink", "raw": m.group(0), "attrs": {"target": target, "label": label}, "children": children}
    )
    return int(m.end())


def _tiki_color(inline: Any, m: Any, state: Any) -> int | None:
    own = _TIKI_COLOR_RE.fullmatch(m.group(0))
    assert own is not None
    if own.group(2).count("]") > own.group(2).count("["):
        return None  # the colour run would cross the end of a link: the link binds first
    child = state.copy()
    child.src = own.group(2)
    children = inline.render(child)
    state.append_token(
        {"type": "tiki_color", "raw": m.group(0), "attrs": {"color": own.group(1)}, "children": children}
    )
    return int(m.end())


def _tiki_comment(inline: Any, m: Any, state: Any) -> int:
    state.append_token({"type": "tiki_comment", "raw": m.group(0)})
    return int(m.end())


def _tiki_token(inline: Any, m: Any, state: Any) -> int:
    state.append_token({"type": "tiki_token", "raw": m.group(0)})
    return int(m.end())


def _tiki_plugin(inline: Any, m: Any, state: Any) -> int:
    state.append_token({"type": "tiki_plugin", "raw": m.group(0)})
    return int(m.end())


def _inline_html(inline: Any, m: Any, state: Any) -> int | None:
    # mistune stops reading Markdown links after an inline <a> until </a>; CommonMark (and so Hugo
    # and every browser-facing renderer) does not, so neither do we.
    in_link = state.in_link
    end = mistune.InlineParser.parse_inline_html(inline, m, state)
    state.in_link = in_link
    return end


SHORTCODE_PAIR = r"^ {0,3}\{\{<\s*(?P<sc_name>[A-Za-z][\w.-]*)[^\n]*?>\}\}[^\n]*(?:\n|$)"
_SHORTCODE_PAIR_RE = re.compile(SHORTCODE_PAIR, re.M)


def _shortcode_pair(block: Any, m: Any, state: Any) -> int | None:
    """``{{< name >}} ... {{< /name >}}``: Hugo hands the inner text to the shortcode as it is, so do we."""
    own = _SHORTCODE_PAIR_RE.match(state.src, m.start())
    if own is None:
        return None
    closer = re.compile(r"\{\{<\s*/\s*" + re.escape(own.group("sc_name")) + r"\s*>\}\}[^\n]*(?:\n|$)")
    end = closer.search(state.src, own.end())
    if end is None or end.start() == own.start():
        return None
    state.append_token({"type": "shortcode_block", "raw": state.src[own.start() : end.end()].rstrip("\n")})
    return int(end.end())


def _plugins(md: mistune.Markdown) -> None:
    md.block.register("shortcode_block", SHORTCODE_PAIR, _shortcode_pair, before="paragraph")
    reg = md.inline.register
    reg("inline_html", md.inline.specification["inline_html"], _inline_html)
    reg("shortcode", SHORTCODE, _shortcode, before="link", start_chars="{")
    reg("tiki_plugin", TIKI_PLUGIN, _tiki_plugin, before="link", start_chars="{")
    reg("wikilink", WIKILINK, _wikilink, before="link", start_chars="(")
    reg("tiki_comment", TIKI_COMMENT, _tiki_comment, before="link", start_chars="~")
    reg("tiki_token", TIKI_TOKEN, _tiki_token, before="link", start_chars="~")
    reg("tiki_color", TIKI_COLOR, _tiki_color, before="strikethrough", start_chars="~")
    from .tiki_links import register

    register(md)


def make_parser() -> mistune.Markdown:
    """A fresh parser: tokens out (no renderer), GFM tables and strikethrough on, as Hugo reads Markdown."""
    from .gfm_table import gfm_table

    md = mistune.create_markdown(renderer=None, plugins=["strikethrough", "footnotes"])
    # CommonMark lets "<div>" (tag name, then ">") start an HTML block that ends a list item or a
    # quote; mistune's pattern wants a space after the name. This parser's own copy is corrected.
    spec = md.block.specification
    spec["block_html"] = spec["block_html"].replace(r"(?:[ \t]+|\n|$)", r"(?:[ \t]+|\n|$|(?=/?>))", 1)
    gfm_table(md)
    _plugins(md)
    return md


_TIKI_ANY = re.compile(
    "|".join(
        f"(?P<{name}>{pattern})"
        for name, pattern in (
            ("shortcode", SHORTCODE),
            ("tiki_plugin", TIKI_PLUGIN),
            ("wikilink", WIKILINK),
            ("tiki_comment", TIKI_COMMENT),
            ("tiki_token", TIKI_TOKEN),
            ("tiki_color", TIKI_COLOR),
        )
    )
)


#: a cheap test before tokenizing text for Tiki markup and shortcodes
TIKI_HINT = re.compile(r"\{[A-Za-z]|\{\{[<%]|\(\(|~")


def tiki_inline(text: str) -> list[Token]:
    """Tiki and shortcode tokens in literal text (text inside HTML, where Markdown does not apply)."""
    out: list[Token] = []
    last = 0
    for m in _TIKI_ANY.finditer(text):
        if m.start() > last:
            out.append({"type": "text", "raw": text[last : m.start()], "literal": True})
        kind, raw = m.lastgroup or "", m.group(0)
        if kind == "wikilink":
            own = _WIKILINK_RE.fullmatch(raw)
            assert own is not None
            target = own.group(1).strip()
            label = (own.group(2) or "").strip() or target
            out.append({"type": kind, "raw": raw, "attrs": {"target": target, "label": label}})
        elif kind == "tiki_color":
            own = _TIKI_COLOR_RE.fullmatch(raw)
            assert own is not None
            out.append(
                {"type": kind, "raw": raw, "attrs": {"color": own.group(1)}, "children": tiki_inline(own.group(2))}
            )
        else:
            out.append({"type": kind, "raw": raw})
        last = m.end()
    if last < len(text):
        out.append({"type": "text", "raw": text[last:], "literal": True})
    return out


def _identity_url(link: str) -> str:
    return _mu.unescape(link)


_DELIMITER = re.compile(r"[*_]")


def _next_delimiter_run(text: str, pos: int) -> int:
    found = _DELIMITER.search(text, pos)
    return found.start() if found else len(text)


@contextlib.contextmanager
def raw_urls() -> Iterator[None]:
    """Keep link and image URLs exactly as written (entities decoded, nothing percent-encoded).

    mistune percent-encodes URLs while parsing (`"` -> `%22`, non-ASCII -> UTF-8 escapes), which
    cannot be undone; we promise URLs come out as they went in. While we are at it, mistune's scan
    for the next emphasis marker walks the text a character at a time in Python: the same search
    as one regex makes a whole parse about 8% faster.
    """
    import mistune.block_parser as bp
    import mistune.helpers as hp
    import mistune.inline_parser as ip

    try:
        import mistune._inline.emphasis as em
    except ImportError:  # another mistune 3 release: keep its own scan
        em = None
    saved = (hp.escape_url, ip.escape_url, bp.escape_url)
    hp.escape_url = ip.escape_url = bp.escape_url = _identity_url
    scan = getattr(em, "_next_delimiter_run", None)
    if scan is not None:
        em._next_delimiter_run = _next_delimiter_run  # type: ignore[union-attr]
    try:
        yield
    finally:
        hp.escape_url, ip.escape_url, bp.escape_url = saved
        if scan is not None:
            em._next_delimiter_run = scan  # type: ignore[union-attr]


def parse(md: mistune.Markdown, text: str) -> tuple[list[Token], Any]:
    with raw_urls():
        tokens, state = md.parse(text)
    return tokens, state  # type: ignore[return-value]
