"""What an alias may never be: a host, a site path of its own, a control character, too long.

Servers match a request after decoding it, merging slashes and resolving dot segments, some of them
ignoring case (nginx map keys, Caddy's path matcher, hosted platforms); an alias is checked as the
most forgiving of them would read it, so it can never take over a URL the new site serves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

#: longest source (as browsers send it, percent-encoded) every format can hold: nginx reads a
#: config token into a 4 KB buffer and Apache a config line of 8 KB, where each punctuation
#: character of a path becomes a 4-byte ``\xHH``; 1,900 bytes fits both with room for the target.
#: Checked on every spelling of a rule (a Tiki name's query forms percent-encode 3x longer).
MAX_SOURCE_BYTES = 1900


@dataclass(frozen=True)
class Reserved:
    """Paths the new site serves itself, which no alias may claim: exact paths (compared folded, without
    a trailing slash) and folders (an alias below one could shadow a term page, a feed or a build file).
    Each target says its own (``Target.reserved``); a page URL under the pages' folder is checked against
    the live URLs instead, so the message can name the page."""

    exact: frozenset[str]
    folders: tuple[str, ...]

    @classmethod
    def of(cls, exact: Iterable[str], folders: Iterable[str]) -> Reserved:
        return cls(frozenset(p.rstrip("/").casefold() or "/" for p in exact), tuple(f.casefold() for f in folders))


#: what every static host serves or reads at the site root, whatever builds the site
PLATFORM_FILES = tuple(
    "/ /sitemap.xml /robots.txt /404.html /favicon.ico /_redirects /_headers /_routes.json /vercel.json "
    "/netlify.toml /manifest.json /.htaccess".split()
)
#: our own redirect pages, and dot files (.well-known, .git ...)
PLATFORM_FOLDERS = ("/redirects/", "/.")
#: Hugo's own (its target declares them from here), and the default when no target is named
HUGO_FILES = ("/index.xml", "/feed.xml", "/atom.xml", "/rss.xml", "/posts/index.xml")
HUGO_FOLDERS = ("/tags/", "/categories/", "/page/", "/static/")
HUGO = Reserved.of((*PLATFORM_FILES, "/posts/", *HUGO_FILES), (*PLATFORM_FOLDERS, *HUGO_FOLDERS))
_DECODED_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SLASHES = re.compile(r"/{2,}")


def server_view(path: str) -> str:
    """The path as the most forgiving server matches it: decoded, slashes merged, case folded."""
    return _SLASHES.sub("/", unquote(path)).casefold()


def alias_problem(alias: str, reserved: Reserved = HUGO) -> tuple[str, str] | None:
    """(code, message) when ``alias`` must not become a rule, else None."""
    if alias.startswith("//") or unquote(alias.split("?", 1)[0]).startswith("//"):
        return (
            "redirect.bad-alias",
            f"alias {alias!r} starts with '//' (once decoded): browsers and URL parsers read what follows as a host; "
            "write it with one '/'",
        )
    path = alias.split("?", 1)[0].split("#", 1)[0]
    query = alias.split("?", 1)[1] if "?" in alias else ""
    if _DECODED_CONTROL.search(unquote(path)) or _DECODED_CONTROL.search(unquote(query)):
        return (
            "redirect.bad-alias",
            f"alias {alias!r} decodes to a control character (%00-%1F, %7F): no server can match it",
        )
    segments = unquote(path).split("/")
    if any(s in (".", "..") for s in segments):
        return (
            "redirect.bad-alias",
            f"alias {alias!r} holds '.' or '..' segments: servers resolve them before matching",
        )
    view = server_view(path).rstrip("/") or "/"  # servers (and Hugo's aliases) treat /x and /x/ as one
    folder = view if view.endswith("/") else view + "/"
    if view in reserved.exact or any(folder.startswith(f) for f in reserved.folders):
        return (
            "redirect.reserved",
            f"alias {alias!r} is a path of the new site itself (home page, sections, feeds, sitemap, "
            "server and platform files); it would replace what the site serves there",
        )
    return None


def target_problem(url: str) -> str | None:
    """Why a page URL cannot be a redirect target (it would leave the site's folder), else None."""
    path = unquote(url)
    if _DECODED_CONTROL.search(path) or "\\" in path or not path.startswith("/") or path.startswith("//"):
        return f"page URL {url!r} is not a plain path of the site; no redirects to it"
    if any(s in (".", "..") for s in path.split("/")) or "//" in path:
        return f"page URL {url!r} holds '.', '..' or empty segments (an unsafe slug); no redirects to it"
    return None
