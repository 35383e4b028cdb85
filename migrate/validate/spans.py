"""Where a token starting at (line, column) ends: the readers keep starts only; ends are needed on errors only."""

from __future__ import annotations

import re

from ..page import Position

_PLAIN_VALUE = re.compile(r"[^,\]}\n]*?(?=\s+#|\s*[,\]}]|\s*$)")
_PLAIN_KEY = re.compile(r"[^:=\n]*?(?=\s*[:=]|\s*$)")


class Spans:
    """End positions (exclusive column, 1-based) of keys and values in one file's text."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def end(self, line: int, column: int, *, key: bool = False) -> Position | None:
        if not 1 <= line <= len(self.lines):
            return None
        text = self.lines[line - 1]
        start = column - 1
        if start >= len(text):
            return None
        first = text[start]
        if first in "\"'":
            return line, _quoted_end(text, start) + 1
        if first in "{[":
            return line, column + 1
        if text.startswith(("---", "+++"), start):
            return line, column + 3
        m = (_PLAIN_KEY if key else _PLAIN_VALUE).match(text, start)
        size = len(m.group()) if m and m.group() else 1
        return line, column + size


def _quoted_end(text: str, start: int) -> int:
    """Index just past the closing quote (backslash escapes in "...", doubled quotes in '...')."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return len(text)
