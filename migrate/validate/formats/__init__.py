"""Output formats of ``migrate validate``: name -> module with ``write(diagnostics, summary, out, err)``."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import Any, TextIO

from ...page import Diagnostic

FORMATS: dict[str, str] = {
    "text": "migrate.validate.formats.text",
    "json": "migrate.validate.formats.json",
    "github": "migrate.validate.formats.github",
}


def write(name: str, diagnostics: Sequence[Diagnostic], summary: str, out: TextIO, err: TextIO) -> None:
    module: Any = import_module(FORMATS[name])
    module.write(diagnostics, summary, out, err)


def summary_line(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """``3 errors in 2 of 2,000 files``; ``no errors in 12 files`` when clean."""
    errors = [d for d in diagnostics if d.severity == "error"]
    noun = "file" if files == 1 else "files"
    if not errors:
        return f"no errors in {files:,} {noun}"
    bad = len({d.file for d in errors})
    return f"{len(errors):,} error{'s' if len(errors) != 1 else ''} in {bad:,} of {files:,} {noun}"
