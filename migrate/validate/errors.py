"""jsonschema errors -> diagnostics placed on the offending key or value, in words an editor can act on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..page import Diagnostic, FrontMatter, Pointer, json_pointer
from .spans import Spans

#: jsonschema keyword -> our code when the keyword's name would not say it.
CODES = {"additionalProperties": "unknown-key", "unevaluatedProperties": "unknown-key", "uniqueItems": "duplicate"}
_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true/false",
    type(None): "null",
    list: "a list",
    dict: "a mapping",
}
_MAX_SHOWN = 5


def display_path(path: Pointer) -> str:
    """``categories[1]``, ``links[0].url``; empty for the front matter itself."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier() or part.replace("-", "_").isidentifier():
            out += f".{part}" if out else part
        else:
            out += f"[{quoted(part)}]"
    return out


_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quoted(text: str) -> str:
    """``'text'`` as an editor wrote it: no Python escaping, only control characters made visible."""
    out = "".join(_ESCAPES.get(c, f"\\u{ord(c):04x}") if ord(c) < 32 or ord(c) == 127 else c for c in text)
    return f"'{out}'"


def show(value: Any) -> str:
    """A front matter value in the words of the file (JSON/YAML spelling), never a Python repr."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = quoted(value)
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    options = [c for c in choices if isinstance(c, str)]
    if not options or not isinstance(word, str):
        return ""
    from rapidfuzz import fuzz, process

    got = process.extractOne(word, options, scorer=fuzz.ratio, processor=str.lower, score_cutoff=60)
    return f" (did you mean {quoted(got[0])}?)" if got else ""


def custom_message(error: Any) -> str | None:
    """The schema's own ``errorMessage`` for this failure: one text, or one per keyword."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    spec = schema.get("errorMessage")
    if isinstance(spec, dict):
        spec = spec.get(error.validator, spec.get("*"))
    if not isinstance(spec, str):
        return None
    return spec.replace("{value}", show(error.instance))


class Converter:
    """Turns the errors of one front matter into diagnostics for the file ``name``."""

    def __init__(self, front: FrontMatter, name: str, spans: Spans | None = None) -> None:
        self.front, self.name, self.spans = front, name, spans

    def diagnostics(self, errors: Iterable[Any]) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for error in errors:
            out.extend(self.convert(error))
        out.sort(key=lambda d: (d.line, d.column))
        return out

    def convert(self, error: Any, note: str = "") -> Iterator[Diagnostic]:
        path: Pointer = tuple(error.absolute_path)
        keyword = error.validator
        custom = custom_message(error)
        if custom is not None:
            yield self.make(keyword, path, (f"{display_path(path)}: " if path else "") + custom + note)
            return
        if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
            yield from self.unknown_keys(error, path, note)
        elif keyword in ("anyOf", "oneOf") and error.context:
            yield from self.closest_branch(error, note)
        elif keyword == "required":
            missing = error.message.split("'")[1] if error.message.count("'") >= 2 else error.message
            where = f"{display_path(path)} needs" if path else "front matter needs"
            yield self.make(
                keyword, path, f"{where} the key {quoted(missing)}{note}", opening=not path, pointer=(*path, missing)
            )
        elif keyword == "uniqueItems" and isinstance(error.instance, list):
            yield self.duplicate_item(error, path, note)
        else:
            yield self.make(keyword, path, self.message(error, path) + note)

    def message(self, error: Any, path: Pointer) -> str:
        keyword, value, expected = error.validator, error.instance, error.validator_value
        prefix = f"{display_path(path)}: " if path else "front matter: "
        if keyword == "enum" and isinstance(expected, list):
            shown = ", ".join(show(v) for v in expected[:_MAX_SHOWN]) + (", ..." if len(expected) > _MAX_SHOWN else "")
            return f"{prefix}{show(value)} is not one of {shown}{did_you_mean(value, expected)}"
        if keyword == "type":
            wanted = expected if isinstance(expected, list) else [expected]
            got = _TYPE_NAMES.get(type(value), "a value")
            # null, true/false, a list, a mapping say it all; a string or number is shown too.
            if not (value is None or isinstance(value, (bool, dict, list))):
                got += f" {show(value)}"
            elif isinstance(value, bool):
                got = show(value)
            return f"{prefix}expected {' or '.join(map(str, wanted))}, got {got}"
        if keyword == "pattern":
            return f"{prefix}{show(value)} does not match the pattern {expected}"
        if keyword == "format":
            return f"{prefix}{show(value)} is not a valid {expected}"
        if keyword == "minLength" and expected == 1:
            return f"{prefix}must not be empty"
        return prefix + str(error.message)

    def unknown_keys(self, error: Any, path: Pointer, note: str) -> Iterator[Diagnostic]:
        schema = error.schema if isinstance(error.schema, dict) else {}
        known = list(schema.get("properties") or {})
        patterns = list(schema.get("patternProperties") or {})
        import re

        for key in error.instance:
            if key in known or any(re.search(p, key) for p in patterns):
                continue
            unused = [k for k in known if k not in error.instance] or known
            hint = did_you_mean(key, unused)
            where = f" in {display_path(path)}" if path else ""
            yield self.make(
                error.validator, (*path, key), f"unknown key {quoted(str(key))}{where}{hint}{note}", key=True
            )

    def closest_branch(self, error: Any, note: str) -> Iterator[Diagnostic]:
        """Report the errors of the ``anyOf``/``oneOf`` branch that came closest, not of a random one."""
        branches: dict[int, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0] if sub.schema_path else 0, []).append(sub)
        depth = len(error.absolute_path)

        def distance(item: tuple[int, list[Any]]) -> tuple[int, int, int, int]:
            _, errs = item
            # A branch that fails on the very type of the value is farther than one that fails inside it.
            wrong_type = any(e.validator == "type" and len(e.absolute_path) == depth for e in errs)
            deepest = max(len(e.absolute_path) for e in errs)
            return (wrong_type, len(errs), -deepest, item[0])

        index, errs = min(branches.items(), key=distance)
        tag = f" (closest {error.validator} branch: {index + 1} of {len(error.validator_value)})"
        for sub in errs:
            yield from self.convert(sub, tag + note)

    def duplicate_item(self, error: Any, path: Pointer, note: str) -> Diagnostic:
        seen: dict[str, int] = {}
        import json

        for i, item in enumerate(error.instance):
            fingerprint = json.dumps(item, sort_keys=True, default=str)
            if fingerprint in seen:
                first = (*path, seen[fingerprint])
                return self.make(
                    "uniqueItems",
                    (*path, i),
                    f"{display_path((*path, i))}: {show(item)} is already listed as {display_path(first)}{note}",
                )
            seen[fingerprint] = i
        return self.make("uniqueItems", path, f"{display_path(path)}: {error.message}{note}")

    def make(
        self,
        keyword: str,
        path: Pointer,
        message: str,
        *,
        key: bool = False,
        opening: bool = False,
        pointer: Pointer | None = None,
    ) -> Diagnostic:
        """A diagnostic at ``path`` (its key with ``key``; the opening delimiter with ``opening``)."""
        line, col = self.front.start if opening else self.front.where(path, key=key)
        end = self.spans.end(line, col, key=key) if self.spans else None
        return Diagnostic(
            f"schema.{CODES.get(keyword, keyword)}",
            "error",
            message,
            line,
            col,
            self.name,
            json_pointer(path if pointer is None else pointer),
            *(end or (None, None)),
        )
