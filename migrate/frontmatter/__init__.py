"""Readers for page files: bytes -> text -> front matter (with positions) + body.

Bad input is a value, not an exception: :func:`read_text` returns a :class:`Page` or a
:class:`Diagnostic` saying why the file was skipped. Finding and reading files is
``migrate.sources``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..page import Diagnostic, FrontMatter, Page
from .errors import FrontMatterError

_SURROGATE = re.compile("[\ud800-\udfff]")

__all__ = ["FrontMatterError", "decode", "parse_front_matter", "read_text"]


def decode(raw: bytes) -> str:
    """UTF-8 (BOM optional) to text with LF line ends; FrontMatterError for binary or other encodings."""
    if b"\x00" in raw[:8192] or b"\x00" in raw:
        raise FrontMatterError("read.binary", "binary file (NUL bytes), not a text page")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FrontMatterError(
            "read.encoding",
            f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded (re-save the file as UTF-8)",
            line,
            col,
        ) from None
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_front_matter(text: str) -> tuple[FrontMatter, str, int]:
    """Split ``text`` into front matter, body and the body's first line (1-based)."""
    if not text.strip():
        raise FrontMatterError("read.empty", "empty file")
    first = text.lstrip(" \t\n")
    skipped = text[: len(text) - len(first)]
    line0 = skipped.count("\n")
    if first.startswith("["):
        raise FrontMatterError(
            "fm.not-mapping", "front matter must be a JSON object of keys and values, not an array", line0 + 1
        )
    if first.startswith("{"):
        from .json_fm import parse_json

        front, end = parse_json(text, len(skipped))
    elif first.startswith("---"):
        from .yaml_fm import parse_yaml

        front, end = parse_yaml(text, len(skipped))
    elif first.startswith("+++"):
        from .toml_fm import parse_toml

        front, end = parse_toml(text, len(skipped))
    else:
        raise FrontMatterError(
            "read.no-front-matter",
            "no front matter: a page starts with a JSON object, '---' (YAML) or '+++' (TOML)",
            line0 + 1,
        )
    if not isinstance(front.data, dict):
        raise FrontMatterError("fm.not-mapping", "front matter must be a mapping of keys to values", *front.start)
    _refuse_surrogates(front)
    # The body starts on the line after the closing delimiter; blank lines before it are layout.
    nl = text.find("\n", end)
    tail = text[end:] if nl < 0 else text[end:nl]
    if tail.strip() and front.format == "json":
        # "{...} Body starts here": keep those words as the body's first line, never drop them
        rest = tail.lstrip() + "\n" + ("" if nl < 0 else text[nl + 1 :])
        return front, rest, text.count("\n", 0, end) + 1
    rest = "" if nl < 0 else text[nl + 1 :]
    body_line = text.count("\n", 0, end) + 2
    stripped = rest.lstrip("\n")
    body_line += len(rest) - len(stripped)
    return front, stripped, body_line


def _refuse_surrogates(front: FrontMatter) -> None:
    """Half an emoji (a lone UTF-16 surrogate, as broken exports write \\ud83d) cannot be written as UTF-8."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), front.data)]
    checked: set[int] = set()  # a YAML alias repeats one string object: scan each one once
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if id(value) in checked:
                continue
            checked.add(id(value))
        if isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in value.items())
            bad = next((k for k in value if isinstance(k, str) and _SURROGATE.search(k)), None)
            if bad is not None:
                raise FrontMatterError(
                    "fm.surrogate",
                    "key holds a lone UTF-16 surrogate (half of a broken emoji)",
                    *front.where((*path, bad), key=True),
                )
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
        elif isinstance(value, str) and _SURROGATE.search(value):
            where = "/".join(str(p) for p in path)
            raise FrontMatterError(
                "fm.surrogate",
                f"{where} holds a lone UTF-16 surrogate (half of a broken emoji, like \\ud83d alone): fix or remove it",
                *front.where(path),
            )


def read_text(text: str, source: Path, name: str) -> Page | Diagnostic:
    try:
        front, body, body_line = parse_front_matter(text)
    except FrontMatterError as exc:
        return exc.diagnostic(name)
    return Page(source=source, name=name, front=front, body=body, body_line=body_line, text=text)
