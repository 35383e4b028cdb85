"""Sample pages written by the tests (our own words), with titles full of characters that break redirects."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote_plus

from migrate.config import Config
from migrate.page import Page
from migrate.pipeline import Context, run
from migrate.sources import find_pages, read_all
from migrate.stages import build
from migrate.targets import get_target

#: (Tiki page name, slug, tiki_page_id)
TRICKY = [
    ("Tom & Jerry: it's (not) 100% C++, really? – Привет", "tom-and-jerry", 101),
    ("Sun, Sea + Sand – a field note", "sun-sea-sand", 102),
    ("Crème brûlée – 日本語 ページ", "creme-brulee", 103),
    ("Why (and how): 50% more", "why-and-how", 104),
    ("Plain Page Name", "plain-page-name", 105),
    ("Ελληνικά – Αρχή", "greek-start", 106),
    ("A'b,c:d", "abcd", 107),
]


def sefurl_raw(name: str) -> str:
    """A Tiki SEFURL as a human pasted it: spaces as '+', only what must be escaped escaped."""
    out = []
    for ch in name:
        if ch == " ":
            out.append("+")
        elif ch in "%?#+&":
            out.append(quote_plus(ch))
        else:
            out.append(ch)
    return "/" + "".join(out)


def sefurl_php(name: str) -> str:
    """The same SEFURL as PHP's urlencode() wrote it in Tiki's own links."""
    return "/" + quote_plus(name, safe="-_.")


def write_pages(folder: Path) -> Path:
    """One page per tricky name; aliases in both spellings plus the numeric id, like the real export."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (name, slug, pid) in enumerate(TRICKY):
        aliases = [sefurl_raw(name) if i % 2 == 0 else sefurl_php(name), f"/{pid}"]
        if i == 0:
            aliases.append("/old/path/with-query.html?refresh=1")
        front = {"title": name, "slug": slug, "aliases": aliases, "tiki_page_id": pid, "date": "2014-08-26"}
        text = json.dumps(front, ensure_ascii=False, indent=4) + "\n\nSome body text.\n"
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return folder


def load(folder: Path, config: Config | None = None) -> list[Page]:
    """Pages read, routed and through the aliases stage, as `migrate convert` runs them.

    The schema is left out, so the aliases checks are seen alone (tests/validate covers the schema).
    """
    pages, bad = read_all(find_pages(folder), folder)
    assert not bad, [d.format() for d in bad]
    ctx = Context(config or Config(), get_target("hugo"), folder / "out")
    run(pages, ctx, [s for s in build(until="aliases") if s.name != "validate"])
    return pages
