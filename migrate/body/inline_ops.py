"""Helpers over runs of inline tokens: spaces at the edges of markup, merged text, ``** text **``.

Shared by the block and element rules; none of them knows a construct, only token shapes.
"""

from __future__ import annotations

import re

from .tokens import Token, text

RUN_OF_SPACES = re.compile(r" {2,}")
BREAKS = ("linebreak", "softbreak")


def plain_text(tokens: list[Token]) -> str:
    out: list[str] = []
    stack = list(reversed(tokens))
    while stack:
        t = stack.pop()
        if t["type"] in ("text", "codespan"):
            out.append(t["raw"])
        elif t["type"] in ("softbreak", "linebreak"):
            out.append(" ")
        elif "children" in t:
            stack.extend(reversed(t["children"]))
    return "".join(out)


def one_line(children: list[Token]) -> list[Token]:
    """A heading is one line: its breaks become spaces, and spaces that meet collapse."""
    return merge_text([text(" ") if c["type"] in BREAKS else c for c in children])


def repair_strong(children: list[Token]) -> list[Token]:
    """`** text **` left literal by the parser (spaces inside the markers) -> strong, as the author meant."""
    hits = [i for i, t in enumerate(children) if t["type"] == "text" and not t.get("escaped") and "**" in t["raw"]]
    if not hits:
        return children
    # Split text tokens at each ** so markers become separate tokens.
    pieces: list[Token] = []
    for t in children:
        if t["type"] == "text" and not t.get("escaped") and "**" in t["raw"]:
            parts = re.split(r"(\*\*+)", t["raw"])
            for p in parts:
                if p == "**":
                    pieces.append({"type": "_marker"})
                elif p:
                    pieces.append(text(p))
        else:
            pieces.append(t)
    out: list[Token] = []
    open_at: int | None = None
    for i, t in enumerate(pieces):
        if t["type"] != "_marker":
            out.append(t)
            continue
        before = _last_char(out)
        after = _first_char_tok(pieces[i + 1]) if i + 1 < len(pieces) else ""
        can_open = before == "" or not before.isalnum()
        can_close = after == "" or not after.isalnum()
        if open_at is None and can_open and after not in ("",):
            open_at = len(out)
            out.append(t)
        elif open_at is not None and can_close:
            inner = out[open_at + 1 :]
            del out[open_at:]
            if plain_text(inner).strip():
                out.extend(hoist({"type": "strong", "children": inner}))
            else:
                out.extend([text("**"), *inner, text("**")])
            open_at = None
        else:
            out.append(text("**"))
    if open_at is not None:
        out[open_at] = text("**")
    return merge_text(out)


def _last_char(tokens: list[Token]) -> str:
    for t in reversed(tokens):
        if t["type"] == "text" and t["raw"]:
            return str(t["raw"][-1])
        if t["type"] != "text":
            return "a" if t["type"] not in ("softbreak", "linebreak") else " "
    return ""


def _first_char_tok(t: Token) -> str:
    if t["type"] == "text":
        return str(t["raw"][:1])
    return " " if t["type"] in ("softbreak", "linebreak") else "a"


def hoist(tok: Token) -> list[Token]:
    """Move spaces and line breaks at the edges of a container's content outside it; drop it when empty.

    ``**bold **`` and ``<b>words<br></b>`` become ``**bold** `` and ``**words**\\``: markers next to a
    space or a break would not be read as markers.
    """
    children = tok["children"]
    if tok["type"] in ("strong", "emphasis", "strikethrough"):
        # <b>a<i><b>b</b></i></b>: bold inside bold reads as bold; one pair of markers
        children = _unwrap_nested(children, tok["type"])
    before: list[Token] = []
    after: list[Token] = []
    while children and (
        children[0]["type"] in BREAKS or (children[0]["type"] == "text" and not children[0]["raw"].strip())
    ):
        before.append(children.pop(0))
    while children and (
        children[-1]["type"] in BREAKS or (children[-1]["type"] == "text" and not children[-1]["raw"].strip())
    ):
        after.insert(0, children.pop())
    if children and children[0]["type"] == "text":
        raw = children[0]["raw"]
        if raw != raw.lstrip():
            before.append(text(" "))
            children[0] = {**children[0], "raw": raw.lstrip()}
    if children and children[-1]["type"] == "text":
        raw = children[-1]["raw"]
        if raw != raw.rstrip():
            after.insert(0, text(" "))
            children[-1] = {**children[-1], "raw": raw.rstrip()}
    tok["children"] = children
    before = [b if b["type"] in BREAKS else text(" ") for b in before]
    after = [a if a["type"] in BREAKS else text(" ") for a in after]
    if children or tok["type"] in ("link", "image"):
        return [*before, tok, *after]
    return [*before, *after]


def _unwrap_nested(children: list[Token], kind: str) -> list[Token]:
    out: list[Token] = []
    for c in children:
        if c["type"] == kind:
            out.extend(_unwrap_nested(c["children"], kind))
        else:
            if c["type"] in ("strong", "emphasis", "strikethrough", "link"):
                c["children"] = _unwrap_nested(c["children"], kind)
            out.append(c)
    return out


def split_nested_link(link: Token) -> list[Token]:
    """A link inside a link: browsers end the outer one where the inner one starts."""
    children = link["children"]
    at = next((k for k, c in enumerate(children) if c["type"] == "link"), None)
    if at is None:
        return hoist(link)
    link["children"] = _flatten_links(children[:at])
    return [*hoist(link), *children[at:]]


def _flatten_links(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    for c in children:
        if c["type"] == "link":
            out.extend(_flatten_links(c["children"]))
        else:
            if "children" in c and c["type"] != "image":
                c["children"] = _flatten_links(c["children"])
            out.append(c)
    return out


_SCHEME = re.compile(r"^(?:mailto:|https?://)", re.I)


def shows_nothing(tokens: list[Token]) -> bool:
    """No text, code, image or HTML in ``tokens``: a link around them has nothing to click."""
    stack = list(tokens)
    while stack:
        t = stack.pop()
        if (t["type"] in ("text", "codespan") and t["raw"].strip()) or t["type"] in ("image", "inline_html"):
            return False
        stack.extend(t.get("children") or [])
    return True


def empty_link_before_its_address(children: list[Token]) -> list[Token]:
    """``[](mailto:x)x``: a link with nothing to click, right before its own address as text (a label
    moved out of its link when the page was pasted), is nothing to a reader: the link goes, the text
    stays as it read."""
    out: list[Token] = []
    for i, t in enumerate(children):
        nxt = children[i + 1] if i + 1 < len(children) else None
        if t["type"] == "link" and nxt is not None and nxt["type"] == "text" and shows_nothing(t["children"]):
            url = str(t["attrs"].get("url", "")).strip()
            shown = nxt["raw"].lstrip()
            if url and (shown.startswith(url) or (_SCHEME.match(url) and shown.startswith(_SCHEME.sub("", url)))):
                continue
        out.append(t)
    return out


def strong_across_link_edge(children: list[Token]) -> list[Token]:
    """``[__Click here](/x) for more__``: a bold run opened at the start of a link's text and closed
    after the link (a pasted page's ``__[Click here|/x] for more__``, its bracket moved). Markdown
    pairs neither ``__``; a reader of the old page saw all of it bold, so both parts are strong."""
    out = list(children)
    i = 0
    while i < len(out):
        t = out[i]
        kids = t.get("children") or []
        first = kids[0] if t["type"] == "link" and kids and kids[0]["type"] == "text" else None
        mark = first["raw"][:2] if first is not None else ""
        if mark not in ("__", "**") or sum(str(c.get("raw", "")).count(mark) for c in kids) % 2 == 0:
            i += 1
            continue
        j = next((k for k in range(i + 1, len(out)) if out[k]["type"] == "text" and mark in out[k]["raw"]), None)
        if j is None or first is None:
            i += 1
            continue
        first["raw"] = first["raw"][2:]
        t["children"] = hoist({"type": "strong", "children": kids})
        at = out[j]["raw"].index(mark)
        middle = [*out[i + 1 : j], text(out[j]["raw"][:at])]
        rest = out[j]["raw"][at + 2 :]
        out[i + 1 : j + 1] = [*hoist({"type": "strong", "children": middle}), *([text(rest)] if rest else [])]
        i += 1
    return out


def merge_text(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    pending: list[str] = []  # text pieces to join once: repeated concatenation is quadratic

    def flush() -> None:
        if pending:
            joined = "".join(pending)
            # spaces moved out of markup meet the text's own: one space, as a reader sees it
            out.append(text(RUN_OF_SPACES.sub(" ", joined) if "  " in joined else joined))
            pending.clear()

    for t in tokens:
        if t["type"] == "text" and not t.get("escaped"):
            if t["raw"]:
                pending.append(t["raw"])
            continue
        flush()
        if t["type"] == "text" and not t["raw"]:
            continue
        last = out[-1] if out else None
        if last is not None and last["type"] == t["type"] == "codespan":
            # `a``b` would read as one span holding the backticks
            out[-1] = {"type": "codespan", "raw": last["raw"] + t["raw"]}
        elif last is not None and last["type"] == t["type"] and t["type"] in ("strong", "emphasis", "strikethrough"):
            out[-1] = {"type": t["type"], "children": merge_text(last["children"] + t["children"])}
        else:
            out.append(t)
    flush()
    return out


def trim(tokens: list[Token]) -> list[Token]:
    """No spaces or line breaks at the edges of a paragraph or cell."""
    tokens = list(tokens)
    while tokens and (
        tokens[0]["type"] in ("linebreak", "softbreak")
        or (tokens[0]["type"] == "text" and not tokens[0]["raw"].strip())
    ):
        tokens.pop(0)
    while tokens and (
        tokens[-1]["type"] in ("linebreak", "softbreak")
        or (tokens[-1]["type"] == "text" and not tokens[-1]["raw"].strip())
    ):
        tokens.pop()
    if tokens and tokens[0]["type"] == "text":
        tokens[0] = {**tokens[0], "raw": tokens[0]["raw"].lstrip()}
    if tokens and tokens[-1]["type"] == "text":
        tokens[-1] = {**tokens[-1], "raw": tokens[-1]["raw"].rstrip()}
    return tokens


def clip(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def attr_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
