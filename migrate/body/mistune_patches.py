"""The two places we reach into mistune's internals, for as long as mistune has no public hook.

1. URLs kept as written. mistune percent-encodes link and image URLs while parsing (``"`` ->
   ``%22``, non-ASCII -> UTF-8 escapes), which cannot be undone, through ``escape_url`` imported
   by name into three modules; there is no renderer-side or parser option for it. We promise URLs
   come out as they went in, so the three names are swapped for an identity while we parse.
2. A faster emphasis scan: mistune looks for the next ``*``/``_`` a character at a time in Python;
   the same search as one regex makes a whole parse about 8% faster.

Both are pinned: pyproject allows only the mistune releases tested, and
``tests/body/test_mistune_patches.py`` fails loudly when the patched names move or change.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import mistune._inline.emphasis as _emphasis
import mistune.block_parser as _block_parser
import mistune.helpers as _helpers
import mistune.inline_parser as _inline_parser
from mistune import util as _util

#: (module, name) of every name we swap while parsing
PATCHED = (
    (_helpers, "escape_url"),
    (_inline_parser, "escape_url"),
    (_block_parser, "escape_url"),
    (_emphasis, "_next_delimiter_run"),
)


def _identity_url(link: str) -> str:
    return _util.unescape(link)


_DELIMITER = re.compile(r"[*_]")


def _next_delimiter_run(text: str, pos: int) -> int:
    found = _DELIMITER.search(text, pos)
    return found.start() if found else len(text)


_REPLACEMENTS = {"escape_url": _identity_url, "_next_delimiter_run": _next_delimiter_run}


@contextlib.contextmanager
def raw_urls() -> Iterator[None]:
    """While parsing: URLs kept exactly as written (entities decoded), and the faster emphasis scan."""
    saved = [getattr(module, name) for module, name in PATCHED]
    for module, name in PATCHED:
        setattr(module, name, _REPLACEMENTS[name])
    try:
        yield
    finally:
        for (module, name), original in zip(PATCHED, saved, strict=True):
            setattr(module, name, original)
