"""Text that spells a Hugo shortcode after its entities are decoded stays inert.

Hugo reads ``{{<`` and ``{{%`` before Markdown, anywhere in the page (code included), so a
backslash does not help; an entity for the first brace does (``&#123;{<``), and a Markdown reader
shows the same characters.
"""

from __future__ import annotations

import re

OPENER = re.compile(r"\{(?=\{[<%])")
INERT_BRACE = "&#123;"


def live_in_source(text: str, source: str) -> bool:
    """Every shortcode opener in ``text`` is written the same way in the source (it was live there)."""
    for m in OPENER.finditer(text):
        if text[m.start() : m.start() + 24] not in source:
            return False
    return True


def inert(html_text: str) -> str:
    """HTML text with every shortcode opener's first brace written as an entity."""
    return OPENER.sub(INERT_BRACE, html_text)
