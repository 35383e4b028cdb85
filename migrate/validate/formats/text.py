"""``file:line:col: severity[code] message``, one line each, then the summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from ...page import Diagnostic


def write(diagnostics: Sequence[Diagnostic], summary: str, out: TextIO, err: TextIO) -> None:
    out.writelines(d.format() + "\n" for d in diagnostics)
    out.write(summary + "\n")
