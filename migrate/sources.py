"""Which files are pages, and reading them: the one rule every command (convert, validate,
taxonomy, redirects) uses.

A folder is walked in a stable (sorted) order; symlinked folders are not followed. A file is a page
when its name matches an ``include`` glob (default ``*.md``, ``*.markdown``, ``*.txt``; case does not
matter), no part of its path below the folder is hidden (``.git``, ``.draft.md``) and none matches an
``exclude`` glob (default: folders named ``broken``). A glob with a ``/`` is matched against the whole
relative path; one without, against each name. ``--include``/``--exclude`` (or the config's
``pages:`` section) replace the defaults. A file named on the command line is always read. The
output folder is never read as input.

Only regular files are read (a link to a FIFO or ``/dev/zero`` is an error, never a hang), at most
``max_size`` bytes (``read.too-large`` above); each page is read and decoded once.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from .page import Diagnostic, Page

INCLUDE = ("*.md", "*.markdown", "*.txt")
EXCLUDE = ("broken",)
#: default --max-page-size: far above any real page (the largest real one is under 100 KB)
MAX_PAGE_SIZE = 8 * 1024 * 1024


@dataclass(frozen=True)
class PageRule:
    """Which files below a folder are pages (``--include``/``--exclude``, the config's ``pages:``)."""

    include: tuple[str, ...] = INCLUDE
    exclude: tuple[str, ...] = EXCLUDE

    @classmethod
    def from_options(
        cls, include: Iterable[str] = (), exclude: Iterable[str] = (), section: Mapping[str, Any] | None = None
    ) -> PageRule:
        """Command-line globs win over the config's ``pages:`` section; either replaces the default."""
        section = section or {}
        inc = tuple(include) or tuple(section.get("include") or ()) or INCLUDE
        exc = tuple(exclude) or tuple(section.get("exclude") or ()) or EXCLUDE
        return cls(inc, exc)

    def excluded(self, rel: PurePosixPath | str) -> bool:
        """``rel``: a path below the folder (a ``str`` is its POSIX spelling)."""
        text = rel if isinstance(rel, str) else rel.as_posix()
        parts = text.split("/")
        if any(part.startswith(".") for part in parts):
            return True  # hidden: never a page, whatever the globs say
        for pattern in self.exclude:
            pattern = pattern.rstrip("/")
            if "/" in pattern:
                if fnmatchcase(text, pattern) or fnmatchcase(text, pattern + "/*"):
                    return True
            elif any(fnmatchcase(part, pattern) for part in parts):
                return True
        return False

    def included(self, rel: PurePosixPath | str) -> bool:
        text = rel if isinstance(rel, str) else rel.as_posix()
        name = text.rpartition("/")[2].lower()
        for pattern in self.include:
            if "/" in pattern:
                if fnmatchcase(text, pattern):
                    return True
            elif fnmatchcase(name, pattern.lower()):
                return True
        return False


DEFAULT_RULE = PageRule()


def find_pages(root: Path, rule: PageRule = DEFAULT_RULE, avoid: Iterable[Path] = ()) -> Iterator[Path]:
    """Page files below ``root`` in a stable order; never follows symlinked folders nor enters ``avoid``."""
    for entry, _, _ in walk_pages(root, rule, avoid):
        yield Path(entry.path)


def walk_pages(
    root: Path, rule: PageRule = DEFAULT_RULE, avoid: Iterable[Path] = ()
) -> Iterator[tuple[os.DirEntry[str], str, str]]:
    """(entry, POSIX path below ``root``, real path of its folder) of each page file below ``root``, as
    ``os.walk`` orders them (a folder's files, sorted, then its folders, each walked in turn); with
    ``os.scandir``, whose entries know their type, and one ``realpath`` per folder: the walk of every
    command (convert, validate's site index...); for a few thousand pages it was a re-run's biggest
    cost, and most of a warm-cache pre-commit hook run."""
    skip = {os.path.normcase(os.path.realpath(p)) for p in avoid}
    stack = [(root, "", os.path.normcase(os.path.realpath(root)))]
    while stack:
        here, rel_dir, real_dir = stack.pop()
        try:
            with os.scandir(here) as it:
                found = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        folders = []
        for entry in found:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                if entry.is_dir():  # a link to a folder is listed as one, and never entered
                    if not entry.is_symlink() and not rule.excluded(rel):
                        real = os.path.normcase(os.path.realpath(entry.path))
                        if real not in skip:
                            folders.append((here / entry.name, rel, real))
                    continue
                if not rule.included(rel) or rule.excluded(rel):
                    continue
                # a FIFO or socket in the folder is no page; a link is followed when read, so a link
                # to one (or a dangling link) gets a clear read.* error rather than silence
                if entry.is_symlink() or entry.is_file(follow_symlinks=False):
                    yield entry, rel, real_dir
            except OSError:
                continue
        stack.extend(reversed(folders))


def output_dirs(input_dir: Path, out_dir: Path, written: Iterable[str]) -> list[Path]:
    """Folders never read as input: the output folder, or, when the output folder is the input folder
    or holds it, the folders a run writes into (``convert X X`` works twice)."""
    src, out = input_dir.resolve(), out_dir.resolve()
    if src == out or out in src.parents:
        return [out / w for w in written]
    return [out]


def input_paths(sources: Iterable[Path], rule: PageRule = DEFAULT_RULE, avoid: Iterable[Path] = ()) -> list[Path]:
    """Files as given (always read), folders walked for pages; each file once, in the order found."""
    avoid = list(avoid)
    out: list[Path] = []
    seen: set[str] = set()
    for source in sources:
        if not source.is_dir():
            key = os.path.normcase(os.path.realpath(source))
            if key not in seen:
                seen.add(key)
                out.append(source)
            continue
        for entry, _, real_dir in walk_pages(source, rule, avoid):
            if entry.is_symlink():
                key = os.path.normcase(os.path.realpath(entry.path))
            else:  # the folder's real path, once per folder: a realpath per file was most of the walk
                key = os.path.join(real_dir, os.path.normcase(entry.name))
            if key not in seen:
                seen.add(key)
                out.append(Path(entry.path))
    return out


def display_name(path: Path, root: Path | None) -> str:
    """The name a page is reported by: relative to (and starting with) the folder it was found in."""
    text, top = str(path), str(root) if root else ""
    if top and text.startswith(top) and text[len(top) : len(top) + 1] == os.sep and root is not None:
        # what the walk found is ``root/...`` as written: the name without pathlib's round trip
        name = os.path.join(root.name, text[len(top) + 1 :]) if root.name else text[len(top) + 1 :]
    else:
        try:
            name = str(path.relative_to(root)) if root else str(path)
        except ValueError:
            name = str(path)
        if root is not None and root.name:
            name = str(Path(root.name) / name)
    # a file name that is not UTF-8 is shown (and reported) with its odd bytes replaced
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_bytes(path: Path, max_size: int = MAX_PAGE_SIZE) -> bytes | tuple[str, str]:
    """The file's bytes, or (code, message) why it is not read: never blocks, never reads unbounded."""
    try:
        info = os.stat(path)  # follows a link: what matters is what it points at
    except OSError as exc:
        return "read.io", f"cannot read file: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "read.not-a-file", "not a regular file (a device, FIFO or socket); not read"
    if info.st_size > max_size:
        limit = f"over the {max_size:,}-byte page limit (--max-page-size)"
        return "read.too-large", f"file is {info.st_size:,} bytes, {limit}"
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the stat, open does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return "read.io", f"cannot read file: {exc.strerror or exc}"
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "read.not-a-file", "not a regular file (a device, FIFO or socket); not read"
        chunks: list[bytes] = []
        size = 0
        while size <= max_size:
            chunk = os.read(fd, min(1 << 20, max_size + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        if exc.errno == errno.EAGAIN:
            return "read.not-a-file", "not a regular file; not read"
        return "read.io", f"cannot read file: {exc.strerror or exc}"
    finally:
        os.close(fd)
    if size > max_size:
        return "read.too-large", f"file grew over the {max_size:,}-byte page limit (--max-page-size) while read"
    return b"".join(chunks)


def read_page(path: Path, name: str | None = None, max_size: int = MAX_PAGE_SIZE) -> Page | Diagnostic:
    """One page file, read and decoded once (the page keeps its text); never raises for bad input."""
    from .frontmatter import read_text

    name = name or display_name(path, None)
    text = read_source(path, name, max_size)
    return text if isinstance(text, Diagnostic) else read_text(text, path, name)


def read_source(path: Path, name: str, max_size: int = MAX_PAGE_SIZE) -> str | Diagnostic:
    """A page file's text (LF line ends), its front matter not parsed yet; never raises for bad input."""
    from .frontmatter import FrontMatterError, decode

    raw = read_bytes(path, max_size)
    if isinstance(raw, tuple):
        return Diagnostic(raw[0], "error", raw[1], 1, 1, name)
    try:
        return decode(raw)
    except FrontMatterError as exc:
        return exc.diagnostic(name)


def read_all(
    paths: Iterable[Path], root: Path | None, max_size: int = MAX_PAGE_SIZE
) -> tuple[list[Page], list[Diagnostic]]:
    """Every page of ``paths`` (named relative to ``root``) and one diagnostic per file not read."""
    pages: list[Page] = []
    bad: list[Diagnostic] = []
    for path in paths:
        got = read_page(path, display_name(path, root), max_size)
        if isinstance(got, Page):
            pages.append(got)
        else:
            bad.append(got)
    return pages, bad


def source_root(source: Path) -> Path:
    """The folder names start from: the folder itself, or a file's folder."""
    return source if source.is_dir() else source.parent
