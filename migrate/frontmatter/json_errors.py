"""Broken JSON front matter explained where the mistake is, in an editor's words.

Python's json module reports where it gave up, which is often a line after the mistake: a
trailing comma is found at the ``}`` on the next line ("Expecting property name"), a missing comma
at the start of the next key. This module looks back from that spot and names the real cause.
"""

from __future__ import annotations

import json

Where = tuple[str, int]  # message, offset in the text


def _skip_back(text: str, pos: int) -> int:
    """Offset of the last non-blank character before ``pos`` (-1 when none)."""
    pos -= 1
    while pos >= 0 and text[pos] in " \t\r\n":
        pos -= 1
    return pos


def _cause(text: str, exc: json.JSONDecodeError, start: int) -> Where:
    pos, msg = exc.pos, exc.msg
    here = text[pos] if pos < len(text) else ""
    before = _skip_back(text, pos)
    prev = text[before] if before >= 0 else ""
    if msg.startswith("Expecting property name") or (msg == "Expecting value" and here in "]}" and here):
        if prev == "," and here in "]}":
            closing = "list" if here == "]" else "object"
            return f"trailing comma before the '{here}' that closes the {closing}: remove it", before
        if here == "'":
            return 'keys and text need double quotes ("..."), not single quotes', pos
        if here == "/":
            return "JSON has no comments: remove the '//' or '/*' text", pos
        if here and (here.isalpha() or here == "_"):
            return 'a key must be in double quotes ("key": value)', pos
        if not here:
            return "the front matter ends before its closing '}'", max(before + 1, start)
    if msg == "Expecting value":
        if here == "'":
            return 'text must be in double quotes ("..."), not single quotes', pos
        if here == "/":
            return "JSON has no comments: remove the '//' or '/*' text", pos
        if not here:
            return "the front matter ends before its closing '}'", max(before + 1, start)
        for word, spelled in (("True", "true"), ("False", "false"), ("None", "null"), ("TRUE", "true")):
            if text.startswith(word, pos):
                return f"JSON spells this value {spelled}", pos
        return "expected a value (text in double quotes, a number, true, false, null, a list or an object)", pos
    if msg.startswith("Expecting ',' delimiter"):
        if not here:
            return "the front matter ends before its closing '}'", before + 1
        if here == '"' and prev not in ",[{:":
            # A key or item follows a value with no comma between: the comma is missing after ``prev``.
            return "missing ',' after this value", before + 1
        if here not in '"{[-0123456789tfn':
            opener = text.count("\n", 0, start) + 1
            return (
                f"the front matter object opened on line {opener} is not closed: add '}}' after this value "
                "(or a ',' if more keys follow)",
                before + 1,
            )
        return "missing ',' after this value", before + 1
    if msg.startswith("Expecting ':' delimiter"):
        return "missing ':' between this key and its value", before + 1 if prev == '"' else pos
    if msg.startswith("Invalid control character"):
        return "a text value holds a raw line break or tab: write it as \\n or \\t, or close the quote", pos
    if msg.startswith("Unterminated string"):
        return "text value is not closed: add the closing double quote", pos
    if msg.startswith("Invalid \\escape"):
        return "a backslash that JSON does not know: write a literal backslash as \\\\", pos
    return msg, pos


def explain(text: str, exc: json.JSONDecodeError, start: int) -> tuple[str, int, int]:
    """(message, line, column) of the mistake behind ``exc``, for front matter starting at ``start``."""
    try:
        message, offset = _cause(text, exc, start)
    except IndexError:  # never let the explanation hide the error itself
        message, offset = exc.msg, exc.pos
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return message, line, col
