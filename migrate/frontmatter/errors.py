from __future__ import annotations

from ..page import Diagnostic


class FrontMatterError(Exception):
    """A page that cannot be read; carries its own position."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column

    def diagnostic(self, name: str) -> Diagnostic:
        return Diagnostic(self.code, "error", self.message, self.line, self.column, name)
