"""Point every reference at the moved file, and write sized images the target's way.

References that were not moved keep their old URL. Replacements are applied from the end of the
text to its start, so offsets found by one scan stay right.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict, deque

from .inventory import _ATTR, _TAG, Ref

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TIKI_IMG = re.compile(r"\{img\s([^{}]*)\}", re.I)
_TIKI_ARG = re.compile(r"""(\w+)\s*=\s*("[^"]*"|'[^']*'|[^\s,}]+)""")
_NUMBER = re.compile(r"^\s*(\d{1,5})\s*(?:px)?\s*$")

Sizes = dict[str, deque[tuple[str, str]]]


def source_sizes(body: str) -> Sizes:
    """Image sizes written in the legacy body (``<img width>``, ``{img width=}``), by src, in order."""
    found: Sizes = defaultdict(deque)
    for m in _TAG.finditer(body):
        if m.group(1).lower() != "img":
            continue
        attrs = {a.group(1).lower(): html.unescape(a.group(2).strip("\"'")) for a in _ATTR.finditer(m.group(2))}
        _add(found, attrs)
    for m in _TIKI_IMG.finditer(body):
        attrs = {a.group(1).lower(): a.group(2).strip("\"'") for a in _TIKI_ARG.finditer(m.group(1))}
        _add(found, attrs)
    return found


def _add(found: Sizes, attrs: dict[str, str]) -> None:
    src = attrs.get("src", "").strip()
    width = _NUMBER.match(attrs.get("width", ""))
    height = _NUMBER.match(attrs.get("height", ""))
    if src and (width or height):
        found[src].append((width.group(1) if width else "", height.group(1) if height else ""))


def _quote(value: str) -> str:
    """A shortcode parameter value: Go string rules, so quotes and backslashes survive."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def sized_image(ref: Ref, url: str, width: str, height: str, mode: str) -> str | None:
    """A Markdown image with a size, written as a Hugo ``figure`` or as ``<img>``."""
    alt = _MD_ESCAPE.sub(r"\1", ref.alt)
    title = _MD_ESCAPE.sub(r"\1", ref.title)
    if mode == "figure" and not title:
        # (figure's own "title" is a visible caption, not a tooltip: a titled image is written as <img>)
        params = [("src", url), ("alt", alt)]
        params += [(k, v) for k, v in (("width", width), ("height", height)) if v]
        return "{{< figure " + " ".join(f"{k}={_quote(v)}" for k, v in params) + " >}}"
    if mode in ("html", "figure"):
        attrs = [("src", url), ("alt", alt)] + ([("title", title)] if title else [])
        attrs += [(k, v) for k, v in (("width", width), ("height", height)) if v]
        return "<img " + " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs) + ">"
    return None


def rewrite(text: str, refs: list[Ref], moved: dict[str, str], sizes: Sizes | None = None, mode: str = "none") -> str:
    """``text`` with each reference in ``moved`` pointing at its new URL; sized images per ``mode``."""
    edits: list[tuple[int, int, str]] = []
    for ref in refs:
        new = moved.get(ref.url)
        size = None
        if sizes and ref.kind == "image" and not ref.html and mode != "none":
            queue = sizes.get(ref.url)
            if queue:
                size = queue.popleft()
        if size is not None:
            out = sized_image(ref, new or ref.url, size[0], size[1], mode)
            if out is not None:
                edits.append((ref.span[0], ref.span[1], out))
                continue
        if new is not None:
            edits.append((ref.start, ref.end, html.escape(new) if ref.html else new))
    if not edits:
        return text
    edits.sort()
    parts: list[str] = []
    pos = 0
    for start, end, new in edits:
        if start < pos:
            continue  # an edit inside one already made (an image inside a sized image's span)
        parts += [text[pos:start], new]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
