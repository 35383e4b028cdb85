"""JSON front matter (``{...}`` at the top of the file), with the position of every key and value."""

from __future__ import annotations

import json
import re
from typing import Any

from ..page import FrontMatter, Pointer, Position
from .errors import FrontMatterError
from .limits import DIGITS_MESSAGE, is_digit_limit, too_deep

#: strings (unrolled: faster in ``re`` than an alternation per character), brackets, literals. Commas and
#: colons are skipped: in valid JSON an object alternates key and value, which is all we need to know.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]|[^\s{}\[\],:"]+')


def parse_json(text: str, start: int) -> tuple[FrontMatter, int]:
    """Parse the object at ``start``; return it and the offset just past its closing brace."""
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
        from .json_errors import explain

        message, line, col = explain(text, exc, start)
        raise FrontMatterError("fm.json", f"broken JSON front matter: {message}", line, col) from None
    except RecursionError:
        raise FrontMatterError("fm.too-deep", "JSON front matter is nested too deeply", *_at(text, start)) from None
    except ValueError as exc:  # json.JSONDecodeError is caught above: this is the int digit limit
        message = DIGITS_MESSAGE if is_digit_limit(exc) else str(exc)
        raise FrontMatterError("fm.json", message, *_at(text, start)) from None
    if too_deep(data):
        raise FrontMatterError("fm.too-deep", "JSON front matter is nested too deeply", *_at(text, start))
    front = FrontMatter(data=data, format="json", start=_at(text, start))
    _locate(text, start, end, front.keys, front.values)
    for key in duplicates:
        line, col = front.keys.get((key,), front.start)
        raise FrontMatterError("fm.duplicate-key", f"duplicate key '{key}' in front matter", line, col)
    return front, end


def _at(text: str, offset: int) -> Position:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _locate(text: str, start: int, end: int, keys: dict[Pointer, Position], values: dict[Pointer, Position]) -> None:
    """Record positions with an explicit stack, so deep nesting cannot overflow Python's.

    The text between ``start`` and ``end`` is valid JSON (json parsed it), so a flat token scan suffices;
    lines are counted as we go rather than indexed, because the body after the front matter can be large.
    """
    line = text.count("\n", 0, start) + 1
    line_start = text.rfind("\n", 0, start) + 1
    last = start
    # Each frame: [path, is_object, next list index]
    stack: list[list[Any]] = []
    expecting_key = False
    pending_key = ""
    for m in _TOKEN.finditer(text, start, end):
        pos = m.start()
        newlines = text.count("\n", last, pos)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", last, pos) + 1
        last = pos
        tok = m.group()
        first = tok[0]
        if expecting_key and first == '"':
            pending_key = json.loads(tok) if "\\" in tok else tok[1:-1]
            keys[(*stack[-1][0], pending_key)] = (line, pos - line_start + 1)
            expecting_key = False
            continue
        if first in "}]":
            stack.pop()
            # the container was a value: in an object, a key comes next
            expecting_key = bool(stack) and stack[-1][1]
            continue
        if not stack:
            here: Pointer = ()
        elif stack[-1][1]:
            here = (*stack[-1][0], pending_key)
        else:
            here = (*stack[-1][0], stack[-1][2])
            stack[-1][2] += 1
        values[here] = (line, pos - line_start + 1)
        if first == "{":
            stack.append([here, True, 0])
            expecting_key = True
        elif first == "[":
            stack.append([here, False, 0])
        else:
            expecting_key = bool(stack) and stack[-1][1]
