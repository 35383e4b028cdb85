"""TOML front matter between ``+++`` fences; tomllib has no positions, so keys are located by line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..page import FrontMatter, Pointer, Position
from .errors import FrontMatterError
from .limits import DIGITS_MESSAGE, is_digit_limit, too_deep

_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.M)
_KEY = re.compile(r'^([ \t]*)("(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)[ \t]*=[ \t]*(\S?)')
_TABLE = re.compile(r"^[ \t]*\[([^\[\]]+)\][ \t]*(?:#.*)?$")
_ARRAY_TABLE = re.compile(r"^[ \t]*\[\[([^\[\]]+)\]\][ \t]*(?:#.*)?$")


def parse_toml(text: str, start: int) -> tuple[FrontMatter, int]:
    import tomllib

    open_end = text.find("\n", start)
    if open_end < 0 or text[start:open_end].strip() != "+++":
        raise FrontMatterError("fm.toml", "the opening '+++' must stand alone on its line", *_line_col(text, start))
    m = _CLOSE.search(text, open_end + 1)
    if not m:
        raise FrontMatterError("fm.unclosed", "TOML front matter has no closing '+++'", *_line_col(text, start))
    first_line = text.count("\n", 0, open_end + 1)
    source = text[open_end + 1 : m.start()]
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        lm = re.search(r"line (\d+), column (\d+)", msg)
        line, col = (int(lm.group(1)) + first_line, int(lm.group(2))) if lm else (first_line + 1, 1)
        if "Cannot overwrite a value" in msg or "Cannot declare" in msg:
            # tomllib's words for a key written twice; YAML and JSON say it this way
            src_line = text.split("\n")[line - 1] if lm else ""
            key, table = _KEY.match(src_line), _TABLE.match(src_line)
            name = key.group(2).strip("\"'") if key else table.group(1).strip() if table else "?"
            raise FrontMatterError("fm.duplicate-key", f"duplicate key {name!r} in front matter", line, 1) from None
        raise FrontMatterError("fm.toml", f"broken TOML front matter: {msg.split(' (at')[0]}", line, col) from None
    except RecursionError:
        raise FrontMatterError("fm.too-deep", "TOML front matter is nested too deeply", first_line + 1, 1) from None
    except ValueError as exc:  # TOMLDecodeError is caught above: this is the int digit limit
        message = DIGITS_MESSAGE if is_digit_limit(exc) else str(exc)
        raise FrontMatterError("fm.toml", message, first_line + 1, 1) from None
    if too_deep(data):
        raise FrontMatterError("fm.too-deep", "TOML front matter is nested too deeply", first_line + 1, 1)
    front = FrontMatter(data=_plain(data), format="toml", start=_line_col(text, start))
    _locate(source, first_line, front.keys, front.values)
    return front, m.end()


def _line_col(text: str, offset: int) -> Position:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _plain(value: Any) -> Any:
    """Dates become the ISO text a JSON or YAML page would hold."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def _locate(source: str, first_line: int, keys: dict[Pointer, Position], values: dict[Pointer, Position]) -> None:
    table: Pointer = ()
    seen: dict[Pointer, int] = {}
    for n, line in enumerate(source.split("\n")):
        lineno = first_line + n + 1
        a = _ARRAY_TABLE.match(line)
        if a:  # [[links]]: the next element of the array "links"
            name = tuple(p.strip().strip("\"'") for p in a.group(1).split("."))
            index = seen[name] = seen.get(name, -1) + 1
            table = (*name, index)
            keys.setdefault(name, (lineno, line.index("[") + 1))
            values.setdefault(table, (lineno, line.index("[") + 1))
            continue
        t = _TABLE.match(line)
        if t:
            table = tuple(p.strip().strip("\"'") for p in t.group(1).split("."))
            keys.setdefault(table, (lineno, line.index("[") + 2))
            continue
        k = _KEY.match(line)
        if k:
            key_name = k.group(2).strip("\"'")
            path = (*table, key_name)
            keys.setdefault(path, (lineno, len(k.group(1)) + 1))
            values.setdefault(path, (lineno, k.start(3) + 1))
