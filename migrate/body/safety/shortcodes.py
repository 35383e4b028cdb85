"""Text that spells a Hugo shortcode after its entities are decoded stays inert.

Hugo reads ``{{<`` and ``{{%`` before Markdown, anywhere in the page (code included), so a
backslash does not help; an entity for the first brace does (``&#123;{<``), and a Markdown reader
shows the same characters.
"""

from __future__ import annotations

import re

OPENER = re.compile(r"\{(?=\{[<%])")
INERT_BRACE = "&#123;"


def _spelled(text: str, at: int) -> str:
    """The shortcode starting at ``at``: up to its ``}}``, at most 40 characters."""
    end = text.find("}}", at, at + 40)
    return text[at : end + 2 if end >= 0 else at + 40]


def all_live_in_source(text: str, source: str) -> bool:
    """Every shortcode in ``text`` is written the same way in the source (it was live there)."""
    return all(_spelled(text, m.start()) in source for m in OPENER.finditer(text))


def inert(html_text: str, source: str = "") -> str:
    """HTML text with the first brace of each shortcode not written so in ``source`` an entity."""
    return OPENER.sub(lambda m: "{" if source and _spelled(html_text, m.start()) in source else INERT_BRACE, html_text)
