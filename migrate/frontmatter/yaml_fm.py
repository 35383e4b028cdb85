"""YAML front matter between ``---`` fences.

Composed, not constructed: we build plain data from ruamel's node tree ourselves so every key and
value keeps its line, dates stay the text the user wrote (the schema judges them), and duplicate
keys are errors rather than silent overwrites.
"""

from __future__ import annotations

import re
from typing import Any

from ..page import FrontMatter, Pointer, Position
from .errors import FrontMatterError

_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_MAX_NODES = 100_000
#: text the front matter may expand to through aliases: far above any real page, far below a stall
_MAX_EXPANDED = 16_000_000


def parse_yaml(text: str, start: int) -> tuple[FrontMatter, int]:
    open_end = text.find("\n", start)
    if open_end < 0 or text[start:open_end].strip() != "---":
        raise FrontMatterError("fm.yaml", "the opening '---' must stand alone on its line", *_at(text, start))
    m = _CLOSE.search(text, open_end + 1)
    if not m:
        raise FrontMatterError("fm.unclosed", "YAML front matter has no closing '---'", *_at(text, start))
    first_line = text.count("\n", 0, open_end + 1)  # 0-based line of the first YAML line
    source = text[open_end + 1 : m.start()]
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        node = YAML(typ="safe", pure=True).compose(source)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + first_line + 1, mark.column + 1) if mark else (first_line + 1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise FrontMatterError("fm.yaml", f"broken YAML front matter: {problem}", line, col) from None
    except YAMLError as exc:
        raise FrontMatterError("fm.yaml", f"broken YAML front matter: {exc}", first_line + 1, 1) from None
    except RecursionError:
        raise FrontMatterError("fm.too-deep", "YAML front matter is nested too deeply", first_line + 1, 1) from None
    front = FrontMatter(data={}, format="yaml", start=_at(text, start))
    if node is None:
        return front, m.end()
    builder = _Builder(first_line, front.keys, front.values)
    try:
        front.data = builder.build(node, ())
    except RecursionError:
        raise FrontMatterError("fm.too-deep", "YAML front matter is nested too deeply", first_line + 1, 1) from None
    return front, m.end()


def _at(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset)
    return line + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _Builder:
    def __init__(self, first_line: int, keys: dict[Pointer, Position], values: dict[Pointer, Position]) -> None:
        self.first_line, self.keys, self.values, self.count = first_line, keys, values, 0
        self.size = 0  # characters of every scalar as expanded, aliases counted each time

    def pos(self, node: Any) -> Position:
        return node.start_mark.line + self.first_line + 1, node.start_mark.column + 1

    def build(self, node: Any, path: Pointer) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            raise FrontMatterError(
                "fm.too-large", "YAML front matter has too many values (alias bomb?)", *self.pos(node)
            )
        self.values[path] = self.pos(node)
        kind = node.id
        if kind == "mapping":
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                key = self.scalar(knode) if knode.id == "scalar" else None
                if key is None or isinstance(key, (list, dict)):
                    raise FrontMatterError("fm.yaml", "front matter keys must be plain text", *self.pos(knode))
                key = str(key)
                if key in out:
                    raise FrontMatterError(
                        "fm.duplicate-key", f"duplicate key {key!r} in front matter", *self.pos(knode)
                    )
                self.keys[(*path, key)] = self.pos(knode)
                out[key] = self.build(vnode, (*path, key))
            return out
        if kind == "sequence":
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        self.size += len(node.value)
        if self.size > _MAX_EXPANDED:
            raise FrontMatterError(
                "fm.too-large",
                f"YAML front matter expands to more than {_MAX_EXPANDED // 1_000_000} MB of text (aliases repeating "
                "a long value?)",
                *self.pos(node),
            )
        return self.scalar(node)

    @staticmethod
    def scalar(node: Any) -> Any:
        tag = str(getattr(node.tag, "value", node.tag) or "")
        value = node.value
        if node.style:  # quoted or block scalars are text
            return value
        if tag.endswith(":int"):
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if tag.endswith(":float"):
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        if tag.endswith(":bool"):
            return value.lower() == "true"
        if tag.endswith(":null"):
            return None
        return value
