"""Tiki plugins: ``{NAME(args)}`` alone, ``{NAME(args)}...{NAME}`` around content, ``{img src=...}``.

Paired plugins are folded around what they wrap (``fold``), then each name has its rule:
``SUB``/``SUP`` stay HTML, ``ANAME`` names an anchor (its whole body, shown nowhere), ``FOOTNOTE``
becomes a Markdown footnote, ``SPLIT`` columns are read one after another; other pairs are removed,
their content kept. A layout plugin (``{TOC}``) means nothing on the new site (removed); an unknown one is left as text
and reported.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from ..context import Converting
from ..inline_ops import clip, plain_text
from ..tokens import Token, element, inline_html, text
from . import footnote

NAME = "tiki_plugin"
PATTERN = r"\{(?:[A-Z][A-Z0-9_]{1,20})(?:\([^(){}\n]{0,1000}\))?\}|\{img\s[^{}\n]{0,1000}\}"
TRIGGER = r"\{[A-Za-z]"
HINT = r"\{[A-Za-z]"
_PLUGIN = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)(?:\((.*)\))?\}$|\{img\s(.*)\}$", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]+)""")
_ANAME = re.compile(r"\s*([\w:.\-]+)")
#: Tiki plugins that wrap content
PAIRED = frozenset("SUB SUP FONT ANAME FOOTNOTE DIV BOX REMARKSBOX CENTER QUOTE HTML SPLIT".split())
#: plugins that only lay out the old wiki's page
LAYOUT = frozenset("SPLIT TOC MAKETOC LIST CATEGORY CATORPHANS TITLESEARCH BACKLINKS".split())
#: open plugins at once; deeper ones are dropped (their content kept), so hostile nesting cannot recurse
MAX_OPEN = 48


def parse_inline(inline: Any, m: Any, state: Any) -> int:
    state.append_token({"type": NAME, "raw": m.group(0)})
    return int(m.end())


def register(md: Any) -> None:
    md.inline.register(NAME, PATTERN, parse_inline, before="link", start_chars="{")


def text_token(raw: str, m: re.Match[str], read: Callable[[str], list[Token]]) -> Token:
    return {"type": NAME, "raw": raw}


# ---- pairs ------------------------------------------------------------------------------
def fold(conv: Converting, children: list[Token]) -> list[Token]:
    """Paired plugins (``{SUP()}...{SUP}``) in one run of inlines -> ``tiki`` elements with children."""
    root: list[Token] = []
    stack: list[Token] = []

    def current() -> list[Token]:
        return stack[-1]["children"] if stack else root

    def close_to(index: int) -> None:
        while len(stack) > index:
            el = stack.pop()
            if len(stack) > index:
                el["closed"] = False
            current().append(el)

    for tok in children:
        kind = tok["type"]
        if kind == NAME:
            m = _PLUGIN.match(tok["raw"])
            name = (m.group(1) or "").upper() if m else ""
            args = m.group(2) if m else None
            opener = bool(m and m.group(1) and args is not None and name in PAIRED)
            at = None
            if m and m.group(1) and args is None:
                at = next((i for i in range(len(stack) - 1, -1, -1) if stack[i]["tag"] == name), None)
            if opener and len(stack) >= MAX_OPEN:
                conv.too_deep(name)
            elif opener:
                stack.append(element("tiki", name, {}, tok["raw"]) | {"args": args})
            elif at is not None:
                close_to(at)
            else:
                current().append(tok)
        else:
            if "children" in tok and kind not in ("image",):
                tok["children"] = conv.fold(tok["children"])
            current().append(tok)
    for el in stack:  # still open at the end of the run of inlines
        el["closed"] = False
    close_to(0)
    return root


def _sub_sup(conv: Converting, el: Token) -> list[Token]:
    tag = el["tag"].lower()
    return [inline_html(f"<{tag}>"), *conv.inlines(el["children"]), inline_html(f"</{tag}>")]


def _aname(conv: Converting, el: Token) -> list[Token]:
    # {ANAME()}name{ANAME}: TikiWiki takes the whole body as the anchor's name and shows none of it.
    # Unclosed, the pair has no body: the first word names the anchor, the rest is page content.
    children = conv.inlines(el["children"])
    if el.get("closed", True):
        name = " ".join(plain_text(children).split())
        return [{"type": "anchor", "name": name}] if name else []
    first = children[0] if children and children[0]["type"] == "text" else None
    m = _ANAME.match(first["raw"]) if first else None
    if m and first is not None:
        first["raw"] = first["raw"][m.end() :]
        return [{"type": "anchor", "name": m.group(1)}, *children]
    return children


def _split(conv: Converting, el: Token) -> list[Token]:
    # Tiki columns (--- between columns, @@@ between rows) read one after another
    conv.note("body.tiki-plugin", "info", "Tiki SPLIT columns laid out one after another", el["raw_open"])
    out: list[Token] = []
    for t in conv.inlines(el["children"]):
        if t["type"] == "text" and ("---" in t["raw"] or "@@@" in t["raw"]):
            for k, part in enumerate(re.split(r"-{3,}|@{3,}", t["raw"])):
                if k:
                    out += [{"type": "linebreak"}, {"type": "linebreak"}]
                out.append(text(part))
        else:
            out.append(t)
    return out


_SPLIT_OPEN = re.compile(r"\{SPLIT\(", re.I)
_SPLIT_CLOSE = re.compile(r"\{SPLIT\}", re.I)
_ROW_BREAK = re.compile(r"\s*@{3,}\s*")


def _split_depth(tok: Token) -> int:
    """How many ``{SPLIT(...)}`` a block opens and leaves open (closes count against)."""
    depth = 0
    stack = list(tok.get("children") or [])
    while stack:
        t = stack.pop()
        if t["type"] == NAME:
            depth += bool(_SPLIT_OPEN.match(t["raw"])) - bool(_SPLIT_CLOSE.match(t["raw"]))
        stack.extend(t.get("children") or [])
    return depth


def split_columns(tokens: list[Token], body: str) -> list[Token]:
    """Blocks between a ``{SPLIT(...)}`` and its ``{SPLIT}`` in separate paragraphs: a ``---`` line
    there is Tiki's column break, ``@@@`` its row break, not a rule or a heading's underline (each
    column is read after the one before, as ``_split`` does inside one paragraph)."""
    if not _SPLIT_OPEN.search(body):
        return tokens
    out: list[Token] = []
    depth = 0
    for tok in tokens:
        kind = tok["type"]
        if depth > 0 and kind == "thematic_break":
            out.append({"type": "blank_line"})
            continue
        if depth > 0 and kind == "paragraph":
            kids = tok["children"]
            if all(t["type"] == "text" and _ROW_BREAK.fullmatch(t["raw"]) for t in kids):
                out.append({"type": "blank_line"})
                continue
        if kind in ("paragraph", "heading"):
            before, depth = depth, max(depth + _split_depth(tok), 0)
            # its underline is a column break when the heading is inside a split or opens one
            underline = kind == "heading" and tok.get("style") == "setext" and tok["attrs"].get("level") == 2
            if underline and (before > 0 or depth > 0):
                tok = {"type": "paragraph", "children": tok["children"]}
        out.append(tok)
    return out


#: paired plugin name -> its rule; a pair not listed is removed, its content kept
PAIR_RULES = {"SUB": _sub_sup, "SUP": _sub_sup, "ANAME": _aname, "FOOTNOTE": footnote.from_tiki, "SPLIT": _split}


def pair(conv: Converting, el: Token) -> list[Token]:
    name = el["tag"]
    conv.count(f"tiki.{name.lower()}")
    rule = PAIR_RULES.get(name)
    if rule is not None:
        return rule(conv, el)
    conv.note("body.tiki-plugin", "info", f"Tiki plugin {name} removed, its content kept", el["raw_open"])
    return conv.inlines(el["children"])


# ---- single plugins ---------------------------------------------------------------------
def transform(conv: Converting, tok: Token) -> list[Token]:
    raw = tok["raw"]
    m = _PLUGIN.match(raw)
    if m and m.group(3) is not None:
        return _img(conv, raw, m.group(3))
    name = (m.group(1) or "").upper() if m else ""
    if name in LAYOUT or name in PAIRED:
        conv.count(f"tiki.{name.lower()}")
        conv.note("body.tiki-plugin", "info", f"Tiki plugin {clip(raw)} has no meaning in the new site; removed", raw)
        return []
    verbatim = {"type": "text", "raw": raw, "literal": True, "escaped": True, "tiki_left": True}
    if m and m.group(2) is None:
        return [verbatim]  # "{OH}" with no (...) and no known name: braces in prose, not a plugin
    conv.count("tiki.unknown")
    conv.note("body.tiki-left", "warning", f"Tiki plugin {clip(raw)} has no Markdown form; left as text", raw)
    return [verbatim]


def _img(conv: Converting, raw: str, args: str) -> list[Token]:
    from ..html.elements import image

    attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(args)}
    src = attrs.get("src") or attrs.get("fileid") or ""
    conv.count("tiki.img")
    el = {"type": "html", "tag": "img", "attrs": attrs | {"src": src}, "raw_open": raw, "children": []}
    out = image(conv, el)
    if attrs.get("link"):
        return [{"type": "link", "attrs": {"url": attrs["link"]}, "children": out}]
    return out


def tiki_img_alt(raw: str) -> str:
    """The alt text of ``{img ... alt="..."}``: words a reader is given, as with ``<img alt>``."""
    attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(raw)}
    return str(attrs.get("alt", ""))


def reader_text(tok: Token, read: Callable[[Token], str]) -> str:
    """A footnote's text moves to the end of the page: a word boundary where it was."""
    return " " if tok["raw"].upper().startswith("{FOOTNOTE") else ""


def kept_html(conv: Converting, tok: Token) -> str:
    return html.escape(tok["raw"], quote=False)
