"""GitHub Actions annotations; GitHub shows only the first 10 per step, so the full text list follows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from ...page import Diagnostic
from . import text


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    kind = {"error": "error", "warning": "warning"}.get(d.severity, "notice")
    props = [f"file={_property(d.file)}", f"line={d.line}", f"col={d.column}"]
    if d.end_line is not None and d.end_column is not None:
        props += [f"endLine={d.end_line}", f"endColumn={d.end_column}"]
    props.append(f"title={_property(d.code)}")
    return f"::{kind} {','.join(props)}::{_data(d.message)}"


def write(diagnostics: Sequence[Diagnostic], summary: str, out: TextIO, err: TextIO) -> None:
    out.writelines(annotation(d) + "\n" for d in diagnostics)
    text.write(diagnostics, summary, out, err)
