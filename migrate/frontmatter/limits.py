"""Limits that keep one hostile page from stopping the batch: nesting depth, and numbers too long to read.

Front matter is a handful of keys; anything nested deeper than ``MAX_DEPTH`` is an error on that
page, found without recursion, so later stages (schema checks, writers) that walk it recursively are
never handed a tree that overflows Python's stack.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 100
#: Python refuses to turn more digits than this into an int (CVE-2020-10735); the readers raise ValueError
DIGITS_MESSAGE = "a number in the front matter has more than 4,300 digits; write it as a string"


def too_deep(data: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``data`` nests lists or mappings more than ``limit`` levels deep."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def is_digit_limit(exc: ValueError) -> bool:
    return "integer string conversion" in str(exc)
