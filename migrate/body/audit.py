"""The "nothing lost" audit: what a reader gets from the source and from our output, compared.

Each side is one parse, walked once into a reader's view: visible words, link targets and image
sources (raw HTML read with an HTML parser). Markup may change; those may not go missing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from mistune.util import unescape

Token = dict[str, Any]

_SEPARATING = frozenset(
    [
        "br",
        "p",
        "div",
        "li",
        "td",
        "th",
        "tr",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "section",
        "center",
        "img",
    ]
)
_MARKS = "*_~#`\\"


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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
        if tag in _SEPARATING:
            self.buf.append(" ")

    def handle_data(self, data: str) -> None:
        self.buf.append(data)


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


def reader_view(tokens: list[Token]) -> View:
    view = View()
    buf: list[str] = []
    html = _HTMLText(view, buf)
    skip_name = False
    stack: list[Token] = list(reversed(tokens))
    while stack:
        t = stack.pop()
        kind = t["type"]
        if kind == "_sep":
            buf.append(" ")
            continue
        if kind == "text":
            raw = t["raw"] if t.get("literal") else unescape(t["raw"])
            if skip_name:
                # {ANAME()}name{ANAME}: the name is an anchor, not text a reader sees.
                parts = raw.lstrip().split(None, 1)
                raw = parts[1] if len(parts) > 1 else ""
                skip_name = False
            buf.append(raw)
        elif kind in ("codespan", "block_code"):
            buf.append(" " + t["raw"] + " ")
        elif kind == "inline_html":
            _inline_tag(t["raw"], view, buf, html)
        elif kind == "block_html":
            html.feed(t["raw"])
            html.close()
            html.reset()
            buf.append(" ")
        elif kind in ("softbreak", "linebreak"):
            buf.append(" ")
        elif kind == "link":
            view.links[t["attrs"].get("url", "").strip()] += 1
        elif kind == "image":
            view.images[t["attrs"].get("url", "").strip()] += 1
        elif kind == "tiki_plugin":
            skip_name = t["raw"].upper().startswith("{ANAME(")
            continue
        elif kind == "tiki_token":
            buf.append(" ")
        elif kind in ("tiki_comment", "shortcode", "wikilink"):
            if kind == "wikilink":
                buf.append(" " + t["attrs"]["label"] + " ")
            continue
        children = t.get("children")
        if children and kind not in ("tiki_comment",):
            stack.append({"type": "_sep"})
            stack.extend(reversed(children))
        if kind not in ("text", "inline_html", "link", "image", "emphasis", "strong", "strikethrough", "codespan"):
            buf.append(" ")
    html.close()
    text = "".join(buf).replace("\xa0", " ")
    view.words.update(w.strip(_MARKS) for w in text.split())
    view.words.pop("", None)
    return view


def compare(source: View, output: View) -> dict[str, Counter[str]]:
    """What the source has that the output lacks, by kind."""
    return {
        "words": source.words - output.words,
        "links": source.links - output.links,
        "images": source.images - output.images,
    }
