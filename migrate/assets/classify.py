"""Which references are the old site's files (to move), which are other sites' (to list or leave).

``classify(url, kind, settings)`` is the one entry point; when the link classification of the
targets work lands (internal / legacy / asset / external / broken), this is the function that
calls it, and nothing else here changes.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .settings import AssetSettings

#: path endings of pages, not files: a link there is a page link, never an asset
PAGE_EXTENSIONS = frozenset({"", ".html", ".htm", ".php", ".asp", ".aspx", ".jsp", ".cgi", ".shtml"})
#: classes: "legacy" (the old site's file: moved), "external" (another site's image: listed,
#: moved only with external_images), "none" (not an asset: page links, other sites' links, anchors)
CLASSES = ("legacy", "external", "none")


@dataclass(frozen=True)
class Verdict:
    cls: str
    #: host (lower case) or "" for the old site's relative paths
    host: str = ""
    #: absolute URL to fetch, "" when it cannot be fetched (relative, no base_url)
    fetch: str = ""


NONE = Verdict("none")


def classify(url: str, kind: str, settings: AssetSettings) -> Verdict:
    """``kind`` is "image" (shown on the page) or "link" (a file the page links to)."""
    url = url.strip()
    if not url or url.startswith(("#", "mailto:", "data:", "javascript:", "tel:", "{{")):
        return NONE
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return NONE
    if parts.scheme and parts.scheme not in ("http", "https"):
        return NONE
    legacy = not parts.scheme or host in settings.hosts
    if not legacy:
        if kind == "image":
            return Verdict("external", host, url)
        return NONE
    path = parts.path
    if not parts.scheme and path.startswith(f"/{settings.folder}/"):
        return NONE  # already moved: our own static folder
    if not parts.scheme and not path.startswith("/"):
        return NONE  # a relative link such as "other-page" is a page of the new site
    ext = posixpath.splitext(path)[1].lower()
    is_file = kind == "image" or path.startswith(settings.prefixes) or ext not in PAGE_EXTENSIONS
    if not is_file or (_new_site_page(path) and kind != "image"):
        return NONE
    if parts.scheme:
        return Verdict("legacy", host, url)
    fetch = urljoin(settings.base_url + "/", url) if settings.base_url else ""
    base_host = (urlsplit(settings.base_url).hostname or "").lower() if settings.base_url else ""
    return Verdict("legacy", base_host, fetch)


def _new_site_page(path: str) -> bool:
    """Paths the converter itself writes (/posts/x/, /tags/x/): never someone's attachment."""
    return path.startswith(("/posts/", "/tags/", "/categories/"))
