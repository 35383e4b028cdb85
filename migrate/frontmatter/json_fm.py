"""JSON front matter (``{...}`` at the top of the file), with the position of every key and value."""

from __future__ import annotations

import json
import re
from typing import Any

from ..page import FrontMatter, Pointer, Position
from .errors import FrontMatterError
from .positions import LineIndex

_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|(-?[0-9][0-9.eE+-]*|true|false|null))', re.S)


def parse_json(text: str, start: int) -> tuple[FrontMatter, int]:
    """Parse the object at ``start``; return it and the offset just past its closing brace."""
    index = LineIndex(text)
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out:
                duplicates.append(k)
            out[k] = v
        return out

    try:
        data, end = json.JSONDecoder(object_pairs_hook=pairs).raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise FrontMatterError("fm.json", f"broken JSON front matter: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise FrontMatterError("fm.too-deep", "JSON front matter is nested too deeply", *index.at(start)) from None
    front = FrontMatter(data=data, format="json", start=index.at(start))
    _locate(text, start, end, index, front.keys, front.values)
    for key in duplicates:
        line, col = front.keys.get((key,), front.start)
        raise FrontMatterError("fm.duplicate-key", f"duplicate key {key!r} in front matter", line, col)
    return front, end


def _locate(
    text: str, start: int, end: int, index: LineIndex, keys: dict[Pointer, Position], values: dict[Pointer, Position]
) -> None:
    """Record positions with an explicit stack, so deep nesting cannot overflow Python's."""
    # Each frame: [path, is_object, next index or pending key, expecting_key]
    stack: list[list[Any]] = []
    path: Pointer = ()
    pos = start
    pending_key: str | None = None
    while pos < end:
        m = _TOKEN.match(text, pos)
        if not m:
            break
        tok_start = m.start(m.lastindex or 0)
        pos = m.end()
        string, punct = m.group(1), m.group(2)
        if stack and stack[-1][1] and stack[-1][3] and string is not None:
            pending_key = json.loads(string)
            keys[stack[-1][0] + (pending_key,)] = index.at(tok_start)
            stack[-1][3] = False
            continue
        if punct == ",":
            if stack and stack[-1][1]:
                stack[-1][3] = True
            continue
        if punct == ":":
            continue
        if punct in ("}", "]"):
            stack.pop()
            continue
        # A value: where does it go?
        if not stack:
            here: Pointer = ()
        elif stack[-1][1]:
            here = stack[-1][0] + (pending_key,)
        else:
            here = stack[-1][0] + (stack[-1][2],)
            stack[-1][2] += 1
        values[here] = index.at(tok_start)
        if punct == "{":
            stack.append([here, True, 0, True])
        elif punct == "[":
            stack.append([here, False, 0, False])
    del path
