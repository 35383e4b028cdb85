"""Which URLs may become live links: the scheme read as a browser reads it, then an allow-list.

A browser strips leading and trailing C0 controls and spaces from a URL and drops every tab and
newline inside it before it looks for the scheme, so ``\\x1fJAVASCRIPT:`` and ``java\\nscript:`` are
``javascript:``. Entities are already decoded by the time a URL reaches us (HTML attributes and
Markdown destinations both decode them).
"""

from __future__ import annotations

import re

#: schemes a link may keep; relative URLs and fragments have none and are always safe
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: images may also be inline pictures (what Hugo's own safe mode allows)
_SAFE_DATA_IMAGE = re.compile(r"data:image/(?:png|gif|jpeg|webp)[;,]", re.I)
_EDGE = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def browser_url(url: str) -> str:
    """The URL a browser would follow for this attribute value (before resolving it)."""
    return _TAB_NEWLINE.sub("", url.strip(_EDGE))


def url_scheme(url: str) -> str | None:
    """The lower-case scheme, or None for a relative URL or a fragment."""
    m = _SCHEME.match(browser_url(url))
    return m.group(1).lower() if m else None


def is_safe_url(url: str, image: bool = False) -> bool:
    scheme = url_scheme(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return True
    return image and bool(_SAFE_DATA_IMAGE.match(browser_url(url)))
