"""One JSON array of error objects on stdout (so it can be piped to a program); the summary on stderr."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from ...page import Diagnostic


def as_object(d: Diagnostic) -> dict[str, Any]:
    return {
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line if d.end_line is not None else d.line,
        "end_column": d.end_column if d.end_column is not None else d.column + 1,
        "severity": d.severity,
        "code": d.code,
        "pointer": d.pointer,
        "message": d.message,
    }


def write(diagnostics: Sequence[Diagnostic], summary: str, out: TextIO, err: TextIO) -> None:
    json.dump([as_object(d) for d in diagnostics], out, ensure_ascii=False, indent=2)
    out.write("\n")
    err.write(summary + "\n")
