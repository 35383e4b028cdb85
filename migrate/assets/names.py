"""Stable, readable, Windows-safe file names for downloaded assets.

A name comes from the URL alone (host folder, then the path, each part cleaned), so the same URL
always gets the same name. Names are lower case (no two files differing only in case, which
Windows and macOS cannot hold), ASCII, free of ``<>:"/\\|?*``, of reserved device names and of
trailing dots, and kept under a length limit; clashes get a short hash of the URL.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from urllib.parse import unquote, urlsplit

#: Windows device names, with or without an extension (CON.txt is as bad as CON)
_RESERVED = frozenset(["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)])
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_DASHES = re.compile(r"-{2,}")
#: longest name part and longest relative path; Windows' MAX_PATH is 260 for the whole path
PART_MAX = 80
PATH_MAX = 160
#: extensions for content types, when the URL has none
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
    "image/avif": ".avif",
    "image/bmp": ".bmp",
    "image/tiff": ".tif",
    "image/x-icon": ".ico",
    "application/pdf": ".pdf",
    "application/zip": ".zip",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
    "text/plain": ".txt",
    "text/csv": ".csv",
    "audio/mpeg": ".mp3",
    "video/mp4": ".mp4",
}


def clean_part(text: str, limit: int = PART_MAX) -> str:
    """One path part: ASCII, lower case, safe characters only, never empty or reserved."""
    from slugify import slugify

    text = unquote(text)
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem:
        stem, ext = text, ""
    stem = slugify(stem, lowercase=True, regex_pattern=_UNSAFE, separator="-") or "file"
    ext = _UNSAFE.sub("", ext.lower())[:10]
    stem = _DASHES.sub("-", stem).strip("-.") or "file"
    if stem.split(".")[0] in _RESERVED:
        stem = "_" + stem
    stem = stem[: max(1, limit - len(ext) - 1)].rstrip("-.") or "file"
    return f"{stem}.{ext}" if ext else stem


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def candidate(url: str, content_type: str = "", host_folder: bool = True) -> str:
    """The name an asset would like: ``[<host>/]<path parts>``, the query folded into the file name.

    The old site's own files go without the host folder (``attachments/pdf/x.pdf``): its hosts
    (a CDN, the wiki) served one tree; other sites' images keep theirs.
    """
    parts = urlsplit(url)
    host = clean_part(parts.hostname or "site", 60)
    segments = [s for s in parts.path.split("/") if s and s not in (".", "..")]
    folders = [clean_part(s, 40) for s in segments[:-1]][:6]
    last = segments[-1] if segments else "index"
    stem, ext = posixpath.splitext(unquote(last))
    if parts.query:
        # tiki-download_file.php?fileId=12 -> tiki-download-file-fileid-12 (the script's .php is no file type)
        stem, ext = f"{stem}-{parts.query}", ""
    if not ext or len(ext) > 10 or ext.lower() in (".php", ".asp", ".aspx", ".cgi", ".jsp"):
        ext = EXTENSIONS.get(content_type.split(";")[0].strip().lower(), "")
        stem = stem if parts.query or not ext else posixpath.splitext(unquote(last))[0]
    name = clean_part(stem + ext)
    lead = [host] if host_folder else []
    path = "/".join([*lead, *folders, name])
    if len(path) > PATH_MAX:
        keep = PATH_MAX - len(name) - 1
        path = ("/".join([*lead, *folders])[:keep].rstrip("/-.") + "/" + name).lstrip("/")
    return path


def with_suffix(path: str, key: str) -> str:
    """``path`` made unique with a short hash of ``key`` before the extension."""
    folder, _, name = path.rpartition("/")
    stem, ext = posixpath.splitext(name)
    name = f"{stem[: PART_MAX - len(ext) - 9]}-{_short_hash(key)}{ext}"
    return f"{folder}/{name}" if folder else name


class NameBook:
    """Names given so far; a name once given is kept, a new clash gets a hashed suffix."""

    def __init__(self, taken: dict[str, str] | None = None) -> None:
        #: casefolded name -> the key (content digest) it belongs to
        self.owner: dict[str, str] = {}
        # a folder must not share a name with a file (a/b and a/b/c cannot both exist)
        self.folders: set[str] = set()
        for key, name in (taken or {}).items():
            self._take(name, key)

    def _take(self, name: str, key: str) -> None:
        self.owner[name.casefold()] = key
        parts = name.casefold().split("/")
        for i in range(1, len(parts)):
            self.folders.add("/".join(parts[:i]))

    def _free(self, name: str, key: str) -> bool:
        folded = name.casefold()
        if folded in self.folders or self.owner.get(folded, key) != key:
            return False
        parts = folded.split("/")
        return not any("/".join(parts[:i]) in self.owner for i in range(1, len(parts)))

    def give(self, wanted: str, key: str) -> str:
        name = wanted
        if not self._free(name, key):
            name = with_suffix(wanted, key)
        n = 2
        while not self._free(name, key):
            # a hash clash too (count on), or a folder on the way is a file: then one flat name
            base = wanted if n < 4 else wanted.replace("/", "-")
            name = with_suffix(base, f"{key}#{n}")
            n += 1
        self._take(name, key)
        return name
