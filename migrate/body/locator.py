"""Lines for findings: mistune tokens carry no source positions, so constructs are found again in the text."""

from __future__ import annotations

from .tokens import Token


class Locator:
    """Lines for findings (mistune tokens carry no positions): each block is found in the body text
    from where the previous one was, and a construct inside a block from where the last one was."""

    def __init__(self, text: str) -> None:
        self.text, self.cursor, self.line = text, 0, 0
        self.within = 0  # where the last construct inside the current block was found
        self.after = 0  # where the next block may start: past a leaf block, so a twin is not found again

    def find(self, tok: Token, min_len: int = 1, leaf: bool = True) -> int:
        snippet = _snippet(tok)
        if len(snippet) >= min_len:
            at = self.text.find(snippet, self.after)
            if at >= 0:
                self.line += self.text.count("\n", self.cursor, at)
                self.cursor = self.within = at
                self.after = at + len(snippet) if leaf else at
        return self.line

    def locate(self, needle: str) -> int | None:
        """Line of ``needle`` at or after the last construct found in this block; None if not there."""
        if not needle:
            return None
        # bounded: a needle written differently in the source (<PUBMED> for <pubmed>) must not cost
        # a scan to the end of the page each time, which made big pages quadratic
        at = self.text.find(needle, self.within, self.within + 65536)
        if at < 0:
            return None
        self.within = at + 1
        return self.line + self.text.count("\n", self.cursor, at)


def _snippet(tok: Token) -> str:
    if "raw" in tok and tok["type"] != "blank_line":
        return str(tok["raw"]).strip()[:40]
    for child in tok.get("children") or []:
        s = _snippet(child)
        if s:
            return s
    return ""
