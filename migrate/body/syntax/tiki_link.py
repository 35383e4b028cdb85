"""Tiki bracket links: ``[https://...|label]``, ``[tiki-index.php?page=X|label]``, ``[url]``, ``[url|label|nocache]``.

What TikiWiki showed as a link becomes an ordinary Markdown link token (at parse time in Markdown,
from literal text inside HTML), so the writer gives ``[label](url)`` and the links stage resolves
it like any other (a ``tiki-index.php?page=X`` to a page of the batch gets that page's new URL).
A link is an absolute ``http(s)`` URL, ``mailto:``, Tiki's own ``tiki-*.php`` address or a
``/`` path (those two with a label; bare, only ``tiki-index.php``), then ``|label`` and Tiki's
optional ``|nocache``/``|rel``. A bracket followed by ``(``, ``[`` or ``:`` is Markdown's own link
syntax, left to mistune.

Forms Tiki did not show as a link, or that would be a broken one, stay text and are reported as
Tiki leftovers (``body.tiki-link-left``): an empty label (``[url|]``: Tiki's patterns need one, so
readers saw the brackets), ``www.`` with no scheme, and other ``tiki-*.php`` pages given bare.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from ..context import Converting
from ..inline_ops import clip, plain_text
from ..tokens import Token, text

NAME = "tiki_link"
_SCHEME = r"[Hh][Tt][Tt][Pp][Ss]?://[^\]\[|\s<>]{1,2000}|[Mm][Aa][Ii][Ll][Tt][Oo]:[^\]\[|\s<>]{1,500}"
_TIKI_PAGE = r"(?:\.?/)?tiki-[\w-]{1,40}\.php(?:\?[^\]\[|\n<>]{0,2000})?"
_ROOTED = r"/[^\]\[|\s<>]{0,2000}"
_WWW = r"[Ww][Ww][Ww]\.[^\]\[|\s<>]{1,500}"
#: the URL, then an optional |label (and |nocache etc.); not Markdown's own ``[x](`` ``[x][`` ``[x]:``
PATTERN = (
    rf"\[(?P<tl_url>{_SCHEME}|{_TIKI_PAGE}|{_ROOTED}|{_WWW})"
    r"(?:\|(?P<tl_label>[^\]\[\n]{0,500}))?\](?![(\[:])"
)
#: literal text that would read as a Tiki link: the writer escapes its "["
TRIGGER = (
    rf"\[(?:(?:{_SCHEME}|{_TIKI_PAGE}|{_WWW})(?:\|[^\]\[\n]{{0,500}})?|(?:{_ROOTED})\|[^\]\[\n]{{0,500}})"
    r"\](?![(\[:])"
)
HINT = r"\[[hHmMwWt/.]"
_RE = re.compile(PATTERN)
_INDEX = re.compile(r"(?:\.?/)?tiki-index\.php(?:\?|$)", re.I)


def classify(raw: str) -> tuple[str, str, str] | None:
    """``("link", url, label)``, ``("left", url, why)`` for a Tiki leftover, or None: not a Tiki link."""
    own = _RE.fullmatch(raw)
    if own is None:
        return None
    url, rest = own.group("tl_url"), own.group("tl_label")
    label = None if rest is None else rest.split("|", 1)[0].strip()
    low = url.lower()
    if low.startswith("www."):
        return "left", url, "has no scheme (a relative link on the old wiki too)"
    if label == "":
        return "left", url, "has an empty label: TikiWiki showed it as text"
    tiki_page = low.lstrip("./").startswith("tiki-")
    if label is None and tiki_page and not _INDEX.match(url):
        return "left", url, "names a page of the old wiki's software, not a page of this one"
    if label is None and url.startswith("/"):
        return None  # "[/usr/lib]": brackets in prose
    return "link", url, label or url


def link_at(text: str, i: int) -> int:
    """The end of a Tiki link (shown as a link) starting at ``text[i]``, else 0."""
    m = _RE.match(text, i)
    if m is None:
        return 0
    found = classify(m.group(0))
    return m.end() if found and found[0] == "link" else 0


def _link(url: str, children: list[Token]) -> Token:
    return {"type": "link", "attrs": {"url": url}, "children": children}


def parse_inline(inline: Any, m: Any, state: Any) -> int | None:
    if state.in_link:
        return None  # a link inside a link's text is text
    raw = m.group(0)
    found = classify(raw)
    if found is None:
        return None
    kind, url, label = found
    if kind == "left":
        state.append_token({"type": NAME, "raw": raw, "attrs": {"kind": kind, "url": url, "why": label}})
        return int(m.end())
    child = state.copy()
    child.src = label
    child.in_link = True
    state.append_token(_link(url, inline.render(child)))
    return int(m.end())


def register(md: Any) -> None:
    """Add the rule to a mistune parser, ahead of Markdown links."""
    md.inline.register(NAME, PATTERN, parse_inline, before="link", start_chars="[")


def text_token(raw: str, m: re.Match[str], read: Callable[[str], list[Token]]) -> Token:
    """A Tiki link found in literal text (inside HTML): its label is text there."""
    found = classify(raw) or ("text", "", raw)
    return {"type": NAME, "raw": raw, "attrs": {"kind": found[0], "url": found[1], "why": found[2]}}


def transform(conv: Converting, tok: Token) -> list[Token]:
    """A leftover: its text as written, reported; one found inside HTML may be a link."""
    kind = tok["attrs"].get("kind", "left")
    if kind == "link":
        conv.count("tiki.link")
        return [_link(tok["attrs"]["url"], [text(tok["attrs"]["why"])])]
    if kind == "left":
        conv.count("tiki.link-left")
        why = tok["attrs"]["why"]
        conv.note("body.tiki-link-left", "warning", f"Tiki link {clip(tok['raw'])} {why}; left as text", tok["raw"])
    return [text(tok["raw"]) | {"escaped": True, "tiki_left": True}]


def reader_text(tok: Token, read: Callable[[Token], str]) -> str:
    return str(tok["attrs"]["why"] if tok["attrs"].get("kind") == "link" else tok["raw"])


def kept_html(conv: Converting, tok: Token) -> str:
    """Inside HTML we keep: an ``<a>`` (Tiki made one), else the text as written."""
    out = transform(conv, tok)[0]
    if out["type"] == "link":
        url = html.escape(out["attrs"]["url"])
        return f'<a href="{url}">{html.escape(plain_text(out["children"]))}</a>'
    return html.escape(out["raw"], quote=False)
