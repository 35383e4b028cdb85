"""What a construct's or an element's rule may use of the converter running it.

Rules (``syntax/*``, ``html/elements.py``, ``html/blocks.py``) are plain functions taking this
as their first argument; the converter (``convert.py``) implements it. Typing them against this
protocol, not the class, keeps the import graph one-way: rules never import the converter.
"""

from __future__ import annotations

from typing import Protocol

from .locator import Locator
from .options import BodyOptions, BodyReport
from .tokens import Token


class Converting(Protocol):
    opts: BodyOptions
    report: BodyReport
    locator: Locator
    #: footnotes made from Tiki {FOOTNOTE} plugins, appended to the page's footnotes
    footnotes: list[Token]
    footnote_index: int

    def note(self, code: str, severity: str, message: str, needle: str = "", line: int | None = None) -> None: ...

    def count(self, key: str, n: int = 1) -> None: ...

    def inlines(self, children: list[Token]) -> list[Token]:
        """A run of inline tokens converted (folded, each token by its rule, text merged)."""
        ...

    def blocks(self, tokens: list[Token], top: bool = False) -> list[Token]: ...

    def markdown_blocks(self, text: str) -> list[Token]:
        """Markdown found inside HTML (after a pasted page's ``</html>``), parsed and converted."""
        ...

    def split_paragraphs(self, children: list[Token], kind: str = "paragraph") -> list[Token]: ...

    def fold(self, children: list[Token]) -> list[Token]:
        """Loose tags and Tiki plugin pairs of a run of inlines -> elements with children."""
        ...

    def too_deep(self, what: str) -> None: ...

    def comment(self, raw: str) -> bool: ...

    def invisible(self, what: str) -> None: ...

    def kept_text(self, text: str) -> str: ...
