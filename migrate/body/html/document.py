"""A whole web page pasted into a wiki page: where it ends, and what the author wrote after it."""

from __future__ import annotations

import re

_DOCUMENT_END = re.compile(r"</(?:html|body)\s*>", re.I)
_VERBATIM = re.compile(r"<(?:pre|textarea|xmp|script|code|plaintext)\b", re.I)


def split_document_end(raw: str) -> tuple[str, str]:
    """(HTML, Markdown): a pasted web page ends at its ``</html>`` or ``</body>``, and what the
    author wrote after it, in the same HTML block only for want of a blank line, is the page's own
    Markdown (a heading, a link), not text of the pasted page to show as typed."""
    last = None
    for m in _DOCUMENT_END.finditer(raw):
        last = m
    if last is None or not raw[last.end() :].strip() or _VERBATIM.search(raw, 0, last.start()):
        return raw, ""
    if raw.rfind("<!--", 0, last.start()) > raw.rfind("-->", 0, last.start()):
        return raw, ""  # the end tag is inside a comment: nothing ends there
    return raw[: last.end()], raw[last.end() :].strip("\n")
