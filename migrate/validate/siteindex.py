"""The site index: what every page of the site claims (slug, wiki id, aliases), read from front matter only.

pre-commit hands the hook only the staged files; the checks across pages need the rest of the
site too. The index is built from the content folder, reading each file up to the end of its front
matter (the body is never parsed), and kept in a cache file keyed by each file's size and mtime, so a
commit that touches one page re-reads one page.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..page import Page, Position
from ..sources import DEFAULT_RULE, PageRule, walk_pages

#: bump when the cached entry shape changes.
CACHE_VERSION = 1
#: front matter is rarely longer; a longer one is read again in full.
HEAD_BYTES = 65_536


@dataclass(frozen=True)
class Entry:
    """What one page claims, with where each claim stands in its file."""

    name: str
    slug: str | None = None
    slug_at: Position = (1, 1)
    page_id: int | None = None
    id_at: Position = (1, 1)
    aliases: tuple[tuple[str, int, int], ...] = ()

    @classmethod
    def of(cls, page: Page) -> Entry:
        meta, front = page.meta, page.front
        slug = meta.get("slug")
        page_id = meta.get("tiki_page_id")
        listed = meta.get("aliases")
        aliases = tuple(
            (a, *front.where(("aliases", i)))
            for i, a in enumerate(listed if isinstance(listed, list) else [])
            if isinstance(a, str)
        )
        return cls(
            page.name,
            slug if isinstance(slug, str) and slug else None,
            front.where(("slug",)),
            page_id if isinstance(page_id, int) and not isinstance(page_id, bool) else None,
            front.where(("tiki_page_id",)),
            aliases,
        )

    def to_json(self) -> list[Any]:
        return [self.slug, list(self.slug_at), self.page_id, list(self.id_at), [list(a) for a in self.aliases]]

    @classmethod
    def from_json(cls, name: str, data: list[Any]) -> Entry:
        slug, slug_at, page_id, id_at, aliases = data
        claimed = tuple((str(a[0]), int(a[1]), int(a[2])) for a in aliases)
        return cls(name, slug, tuple(slug_at), page_id, tuple(id_at), claimed)


def repo_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a worktree's file)."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def content_folder(configured: Path | None, start: Path) -> Path:
    """The site's content folder: the configured one, else ``content/`` of the repository, else the repository."""
    if configured is not None:
        return configured
    root = repo_root(start) or start.resolve()
    return root / "content" if (root / "content").is_dir() else root


def read_head(path: Path) -> Page | None:
    """The page's front matter (no body parse); None when the file is not a readable page."""
    from ..frontmatter import FrontMatterError, decode, read_text

    try:
        with path.open("rb") as f:
            raw = f.read(HEAD_BYTES)
            whole = len(raw) < HEAD_BYTES
            if not whole:
                # Cut at a line end, so a UTF-8 character is never split.
                raw = raw[: raw.rfind(b"\n") + 1] or raw
        got = read_text(decode(raw), path, str(path))
        if not isinstance(got, Page) and not whole:
            got = read_text(decode(path.read_bytes()), path, str(path))
    except (OSError, FrontMatterError):
        return None
    return got if isinstance(got, Page) else None


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "migrate"


class SiteIndex:
    """Every page below ``folder`` as :class:`Entry` values, from the cache where the file is unchanged."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = folder.resolve()
        key = hashlib.sha256(str(self.folder).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        self.cache = None if cache_dir is None else cache_dir / f"site-index-{key}.json"
        #: files read this run (not from the cache), for the tests and the benchmark
        self.read = 0

    def entries(self, rule: PageRule = DEFAULT_RULE, skip: Iterable[Path] = ()) -> list[Entry]:
        """Entries of every page (by ``rule``, as every command finds pages) but those in ``skip``.

        ``skip``: the pages being checked, read in full elsewhere.
        """
        skipped = set()
        for p in skip:
            with contextlib.suppress(ValueError):  # a file outside the folder is in no entry
                skipped.add(p.resolve().relative_to(self.folder).as_posix())
        old = self._load()
        new: dict[str, list[Any]] = {}
        out: list[Entry] = []
        shown = _shown(self.folder)
        for rel, st in _walk(self.folder, rule):
            stamp = [st.st_mtime_ns, st.st_size]
            cached = old.get(rel)
            if cached is not None and cached[:2] == stamp:
                data = cached[2]
            else:
                self.read += 1
                page = read_head(self.folder / rel)
                data = None if page is None else Entry.of(page).to_json()
            new[rel] = [*stamp, data]
            if data is None or rel in skipped:
                continue
            out.append(Entry.from_json(f"{shown}{rel}", data))
        if new != old:
            self._save(new)
        return out

    def _load(self) -> dict[str, list[Any]]:
        if self.cache is None:
            return {}
        try:
            data = json.loads(self.cache.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("folder") != str(self.folder):
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def _save(self, files: dict[str, list[Any]]) -> None:
        """Write the cache atomically; a cache that cannot be written only costs speed next time."""
        if self.cache is None:
            return
        data = {"version": CACHE_VERSION, "folder": str(self.folder), "files": files}
        tmp = self.cache.with_name(f".{self.cache.name}.{os.getpid()}.tmp")
        try:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, self.cache)
        except OSError:
            tmp.unlink(missing_ok=True)


def _walk(folder: Path, rule: PageRule) -> Iterator[tuple[str, os.stat_result]]:
    """(POSIX name below ``folder``, stat) of each page file, found as every command finds pages
    (:func:`migrate.sources.walk_pages`); a link is followed, and only what is a regular file counts."""
    for entry, rel, _ in walk_pages(folder, rule):
        try:
            st = entry.stat()
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            yield rel, st


def _shown(folder: Path) -> str:
    """The prefix of names below ``folder`` as a person types them here (relative below the working folder)."""
    try:
        rel = folder.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return folder.as_posix() + "/"
    return "" if rel == "." else rel + "/"
