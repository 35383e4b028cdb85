"""Check a built site: which internal links and images lead nowhere, and which of those the report did not list.

Used by the tests (after a real Hugo, Jekyll, Eleventy or Astro build) and by anyone checking a site:
``python -m migrate.links.site_check SITE_DIR [REPORT]``. An internal link starts with one ``/``; it
reaches the site when the site has that file, its ``index.html`` or ``<path>.html``.
"""

from __future__ import annotations

import html.parser
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        url = a.get("href") if tag == "a" else a.get("src") if tag == "img" else None
        if url and url.startswith("/") and not url.startswith("//"):
            self.urls.append(url)


def reaches(site: Path, url: str) -> bool:
    """Whether the built site has a file for this internal URL."""
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    return target.is_file() or (target / "index.html").is_file() or target.with_suffix(".html").is_file()


def links_of(html_text: str) -> list[str]:
    parser = _Links()
    parser.feed(html_text)
    return parser.urls


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page URL, link) for every internal link or image of the site that reaches no file."""
    out: list[tuple[str, str]] = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        page_url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for url in links_of(f.read_text(encoding="utf-8", errors="replace")):
            if not reaches(site, url):
                out.append((page_url, url))
    return out


def unlisted(broken: list[tuple[str, str]], report: dict[str, Any]) -> list[tuple[str, str]]:
    """The broken links the report does not list on their page (as broken, or as an asset to fetch)."""
    listed: dict[str, set[str]] = {}
    for entry in report.get("pages", []):
        if entry.get("url"):
            links = entry.get("links") or {}
            urls = [b["url"] for b in links.get("broken", [])] + list(links.get("assets", []))
            listed[entry["url"]] = {unquote(u) for u in urls}
    return [(page, url) for page, url in broken if unquote(url) not in listed.get(page, set())]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    broken = broken_links(Path(argv[0]))
    print(f"{len(broken)} broken internal links")
    if len(argv) > 1:
        missing = unlisted(broken, json.loads(Path(argv[1]).read_text(encoding="utf-8")))
        print(f"{len(broken) - len(missing)} listed in the report, {len(missing)} not listed")
        for page, url in missing[:20]:
            print(f"  {page}: {url}")
        return 1 if missing else 0
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
