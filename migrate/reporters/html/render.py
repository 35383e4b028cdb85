"""What the report reads of a page file: where its front matter ends, and its aliases.

The two sides themselves are rendered in the browser (``static/render.js``: markdown-it, the
CommonMark renderer behind markdown-it-py, with tables, strikethrough and footnotes like Hugo's
goldmark; then DOMPurify), so a page file carries each text once and writing a 2,466-page report
stays a small part of the convert.
"""

from __future__ import annotations

import json
import re

_FENCE = {"---": re.compile(r"^---[ \t]*(?=\r?$)", re.M), "+++": re.compile(r"^\+\+\+[ \t]*(?=\r?$)", re.M)}


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, 1-based line where the body starts) of a page file; JSON, YAML or TOML fences."""
    text = text.removeprefix("\ufeff")
    head = text[:3]
    end = -1
    if head in _FENCE and text[3:4] in ("\n", "\r", " ", "\t"):
        m = _FENCE[head].search(text, 4)
        end = m.end() if m else -1
    elif text.lstrip().startswith("{"):
        start = len(text) - len(text.lstrip())
        try:
            _, end = json.JSONDecoder().raw_decode(text, start)
        except ValueError:
            end = -1
    if end < 0:
        return "", text, 1
    front, body = text[:end], text[end:]
    line = front.count("\n") + 1
    if body.startswith("\r\n"):
        body, line = body[2:], line + 1
    elif body.startswith("\n"):
        body, line = body[1:], line + 1
    return front, body, line


_ALIASES = re.compile(r"^aliases:[ \t]*\n((?:[ \t]*-[ \t]+.*\n?)+)", re.M)


def yaml_aliases(front: str) -> list[str]:
    """The ``aliases`` list of front matter as our write stage emits it (block list of plain or quoted strings)."""
    m = _ALIASES.search(front)
    if not m:
        return []
    out = []
    for line in m.group(1).splitlines():
        value = line.strip()[1:].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1].replace("''", "'") if value[0] == "'" else json.loads(value)
        if value:
            out.append(value)
    return out
