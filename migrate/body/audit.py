"""The "nothing lost" audit: what a reader gets from the source and from our output, compared.

Each side is one parse, walked once into a reader's view: visible words, link targets and image
sources (raw HTML read with an HTML parser). Markup may change; those may not go missing, and no
word may appear that a reader of the source never saw (``added``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from mistune.util import unescape

from .inline_ops import shows_nothing
from .syntax import HINT, reader_text, text_tokens
from .syntax.tiki_marks import straddling
from .syntax.tiki_plugin import tiki_img_alt

Token = dict[str, Any]

_SEPARATING = frozenset(
    "br p div li td th tr hr h1 h2 h3 h4 h5 h6 table ul ol dl dt dd blockquote pre section center img".split()
)
_MARKS = "*_~#`\\"
#: what a browser never shows: stylesheets, scripts, the head, and the fallback content of embeds
_UNSEEN = frozenset("style script head title xml iframe template noscript noembed noframes".split())
# Inline tokens: no word boundary around them.
_INLINE = frozenset(
    "text inline_html link image emphasis strong strikethrough codespan softbreak linebreak tiki_color "
    "tiki_plugin tiki_token tiki_comment tiki_link shortcode wikilink footnote_ref".split()
)  # fmt: skip


@dataclass
class View:
    words: Counter[str] = field(default_factory=Counter)
    links: Counter[str] = field(default_factory=Counter)
    images: Counter[str] = field(default_factory=Counter)


class _HTMLText(HTMLParser):
    """Collects text, hrefs and srcs from raw HTML pieces fed in document order."""

    def __init__(self, view: View, buf: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.view, self.buf = view, buf
        self.pending: list[str] = []
        self.unseen = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush()
        if tag in _UNSEEN:
            self.unseen += 1
        a = dict(attrs)
        if tag == "a" and a.get("href") is not None:
            self.view.links[(a["href"] or "").strip()] += 1
        elif tag == "img":
            self.view.images[(a.get("src") or "").strip()] += 1
            if a.get("alt"):
                self.buf.append(" " + str(a["alt"]) + " ")
        if tag in _SEPARATING:
            self.buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        if tag in _UNSEEN and self.unseen:
            self.unseen -= 1
        if tag in _SEPARATING:
            self.buf.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.unseen:  # a stylesheet or a script is not text a reader sees
            self.pending.append(data)  # the parser hands text over in pieces (at each "<")

    def flush(self) -> None:
        if not self.pending:
            return
        data = "".join(self.pending)
        self.pending.clear()
        if HINT.search(data):
            # Tiki markup (and shortcodes) inside HTML were Tiki's and Hugo's to render, not a reader's to see.
            data = "".join(reader_text(t) for t in text_tokens(data))
        self.buf.append(data)

    def close(self) -> None:
        super().close()
        self.flush()


_ANAME = re.compile(r"\s*[\w:.\-]+")
_COLUMN_BREAK = re.compile(r"-{3,}|@{3,}")
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def _inline_tag(raw: str, view: View, buf: list[str], html: _HTMLText) -> None:
    """One inline tag: only links, images and separating tags matter to a reader."""
    m = _TAG_NAME.match(raw)
    name = m.group(1).lower() if m else ""
    if name in ("a", "img") and not raw.startswith("</"):
        html.feed(raw)  # attribute decoding is the HTML parser's job
        html.close()
        html.reset()
    elif name in _SEPARATING:
        buf.append(" ")


#: how far ahead an {ANAME()} looks for its {ANAME}: hostile runs of openers stay linear
_ANAME_REACH = 256


def _hide_anchor_body(stack: list[Token]) -> bool:
    """{ANAME()}name{ANAME}: the whole body names the anchor and shows nowhere. Drop what lies between
    the opener just read and its close from the walk's ``stack`` (siblings on top, the block's end
    below ``_sep``); False when it has no close in its run of inlines."""
    for k in range(len(stack) - 1, max(len(stack) - _ANAME_REACH, 0) - 1, -1):
        t = stack[k]
        if t["type"] == "_sep":
            return False
        if t["type"] == "tiki_plugin" and t["raw"].upper() == "{ANAME}":
            del stack[k:]
            return True
    return False


def reader_view(tokens: list[Token], tildes: bool = True) -> View:
    """What a reader gets of a page's tokens; ``tildes``: the text has ``~~`` (Tiki colour marks)."""
    view = View()
    buf: list[str] = []
    html = _HTMLText(view, buf)
    skip_name = in_split = False
    stack: list[Token] = list(reversed(tokens))
    while stack:
        t = stack.pop()
        kind = t["type"]
        if kind == "_sep":
            buf.append(" ")
            continue
        if kind == "text":
            raw = t["raw"] if t.get("literal") else unescape(t["raw"])
            if in_split:
                raw = _COLUMN_BREAK.sub(" ", raw)  # Tiki's column and row separators
            if skip_name:
                # an unclosed {ANAME()}: its first word names the anchor, not text a reader sees
                name = _ANAME.match(raw)
                raw = raw[name.end() :] if name else raw
                skip_name = in_split = False
            buf.append(raw)
        elif kind in ("codespan", "block_code"):
            buf.append(" " + t["raw"] + " ")
        elif kind == "inline_html":
            closed_at_once = stack and stack[-1]["type"] == "inline_html" and stack[-1]["raw"].lower() == "</a>"
            if not (closed_at_once and t["raw"][:3].lower() == "<a "):  # <a href></a>: nothing to see or click
                _inline_tag(t["raw"], view, buf, html)
        elif kind == "block_html":
            html.feed(t["raw"])
            html.close()
            html.reset()
            buf.append(" ")
        elif kind in ("softbreak", "linebreak"):
            buf.append(" ")
        elif kind == "link" and not shows_nothing(t.get("children") or []):  # an empty link is nothing
            view.links[t["attrs"].get("url", "").strip()] += 1
        elif kind == "image":
            view.images[t["attrs"].get("url", "").strip()] += 1
            # alt text stands apart from the words around it, as <img alt> does in raw HTML
            buf.append(" " + "".join(c.get("raw", "") for c in t.get("children") or [] if "raw" in c) + " ")
            continue
        elif kind == "tiki_plugin":
            skip_name = t["raw"].upper().startswith("{ANAME(")
            if skip_name and _hide_anchor_body(stack):
                skip_name = False
            if t["raw"].upper().startswith("{SPLIT"):
                in_split = t["raw"].upper().startswith("{SPLIT(")
            if t["raw"].upper().startswith("{FOOTNOTE"):
                buf.append(" ")  # the note moves to the end of the page
            elif t["raw"].startswith("{img"):
                buf.append(" " + tiki_img_alt(t["raw"]) + " ")  # an image's alt text, as <img alt>
        elif kind == "footnote_ref" or kind == "tiki_token":
            buf.append(" ")
        elif kind == "tiki_link":  # a Tiki link form shown as text (a link is a "link" token)
            buf.append(t["raw"])
        elif kind == "wikilink" and not t.get("children"):
            buf.append(t["attrs"]["label"])
        children = t.get("children")
        block = kind not in _INLINE
        if block:
            buf.append(" ")
        if children and kind != "tiki_comment":
            if block:
                stack.append({"type": "_sep"})
                if tildes:  # colour marks across a link edge: Tiki showed neither
                    children = straddling(children)
            stack.extend(reversed(children))
    html.close()
    text = "".join(buf).replace("\xa0", " ")
    words = Counter(text.split())
    # most words carry no Markdown marks at their edges: count first, fix the few that do
    for w in [w for w in words if w[0] in _MARKS or w[-1] in _MARKS]:
        n = words.pop(w)
        bare = w.strip(_MARKS)
        if bare:
            words[bare] += n
    view.words = words
    return view


def added(source: View, output: View) -> Counter[str]:
    """Words a reader of the output sees that a reader of the source never saw (markup of the source
    made visible: escaped junk, a marker left as text). Links, images and footnote marks we create
    carry words the source showed too, so they add nothing here."""
    return output.words - source.words


def compare(source: View, output: View) -> dict[str, Counter[str]]:
    """What the source has that the output lacks, by kind."""
    return {
        "words": source.words - output.words,
        "links": source.links - output.links,
        "images": source.images - output.images,
    }
