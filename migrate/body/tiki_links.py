"""Tiki bracket links: ``[https://...|label]``, ``[tiki-index.php?page=X|label]`` and ``[url]``.

They become ordinary Markdown link tokens at parse time, so the body stage writes ``[label](url)``
and the links stage resolves them like any other link (a ``tiki-index.php?page=X`` to a page of the
batch gets that page's new URL). A bracket followed by ``(``, ``[`` or ``:`` is Markdown's own link
syntax and is left to mistune.
"""

from __future__ import annotations

import re
from typing import Any

#: the URL: absolute http(s), or Tiki's own page address (page names hold spaces);
#: then an optional |label (and |nocache etc.)
TIKI_LINK = (
    r"\[(?P<tl_url>[Hh][Tt][Tt][Pp][Ss]?://[^\]\[|\s<>]{1,2000}"
    r"|(?:\.?/)?tiki-index\.php\?[^\]\[|\n<>]{1,2000})"
    r"(?:\|(?P<tl_label>[^\]\[\n]{0,500}))?\](?![(\[:])"
)
_TIKI_LINK_RE = re.compile(TIKI_LINK)


def _tiki_link(inline: Any, m: Any, state: Any) -> int | None:
    if state.in_link:
        return None  # a link inside a link's text is text
    own = _TIKI_LINK_RE.match(m.group(0))
    if own is None:
        return None
    url = own.group("tl_url")
    label = (own.group("tl_label") or "").split("|", 1)[0].strip() or url
    child = state.copy()
    child.src = label
    child.in_link = True
    children = inline.render(child)
    state.append_token({"type": "link", "attrs": {"url": url}, "children": children})
    return int(m.end())


def register(md: Any) -> None:
    """Add the rule to a mistune parser, ahead of Markdown links."""
    md.inline.register("tiki_link", TIKI_LINK, _tiki_link, before="link", start_chars="[")
