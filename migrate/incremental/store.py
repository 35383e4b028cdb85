"""The records' cold parts: texts a re-run reads only for the pages that need them, kept in one
append-only file so that a run which converted one page appends two lines instead of rewriting them all.

``OUTPUT/.migrate/records-<generation>.store`` holds UTF-8 texts one after another; a record names its
texts by ``[offset, length]`` in bytes. A run appends what it made and then saves the records that name
it; a run killed in between leaves bytes no record names, which cost only space. When less than half
of the file is still named, the next save writes a new generation with only what is named: the
records then name the new file, and the old one is deleted. A generation is never rewritten in place,
so records always name bytes that are there.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..fs import UnsafePath, crash_point, inside

Span = list[int]

_NAME = re.compile(r"^records-([0-9a-f]{16})\.store$")


class Store:
    """One generation of the store: read by span, appended to, or written anew by :meth:`save`."""

    def __init__(self, out: Path, generation: str) -> None:
        self.out = out
        self.generation = generation if re.fullmatch(r"[0-9a-f]{16}", generation or "") else ""
        self._fd: int | None = None
        #: the files of generations this object wrote over, open until :meth:`close` (their readers)
        self._retired: list[int] = []
        self.size = 0
        if self.generation:
            with contextlib.suppress(OSError, UnsafePath):
                self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
                self.size = os.fstat(self._fd).st_size

    @property
    def path(self) -> Path:
        return inside(self.out, f".migrate/records-{self.generation}.store")

    def holds(self, span: object) -> bool:
        """Whether ``span`` is a span of this file (a record from another generation names none)."""
        if self._fd is None or type(span) is not list or len(span) != 2:
            return False
        start, length = span
        return type(start) is int and type(length) is int and start >= 0 and 0 <= length <= self.size - start

    def read(self, span: Span) -> str:
        """The text at ``span`` (raises ``ValueError`` when it is not one of this file's)."""
        if not self.holds(span):
            raise ValueError(f"no text at {span} in the records' store")
        assert self._fd is not None
        return _pread(self._fd, span)

    def reader(self, span: Span) -> Callable[[], str]:
        """The text at ``span`` (checked with :meth:`holds`), read when called: from this generation, even
        after a save wrote another."""
        assert self._fd is not None
        return partial(_pread, self._fd, span)

    def save(self, live: list[str | Span]) -> list[Span]:
        """Where each of ``live`` is after the save: a span of this file stays, a text is appended; when
        less than half the file would be named, everything goes to a new generation (this object then
        reads it)."""
        data: list[bytes | Span] = [item.encode("utf-8") if isinstance(item, str) else item for item in live]
        added = sum(len(item) for item in data if isinstance(item, bytes))
        named = added + sum(item[1] for item in data if not isinstance(item, bytes))
        if self._fd is None or 2 * named < self.size + added:
            return self._rewrite(data)
        out: list[Span] = []
        end = self.size
        for item in data:
            if isinstance(item, bytes):
                out.append([end, len(item)])
                end += len(item)
            else:
                out.append(item)
        if added:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
            try:
                if os.fstat(fd).st_size != self.size:  # written to since we opened it: start anew
                    return self._rewrite(data)
                view = memoryview(b"".join(item for item in data if isinstance(item, bytes)))
                crash_point()
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            self.size = end
        return out

    def _rewrite(self, data: list[bytes | Span]) -> list[Span]:
        from ..fs import write_inside

        fd = self._fd
        chunks: list[bytes] = []
        for item in data:
            if not isinstance(item, bytes):
                assert fd is not None, "a span is of the file this object reads"
                item = os.pread(fd, item[1], item[0])
            chunks.append(item)
        if self._fd is not None:
            self._retired.append(self._fd)
            self._fd = None
        out: list[Span] = []
        at = 0
        for chunk in chunks:
            out.append([at, len(chunk)])
            at += len(chunk)
        self.generation = os.urandom(8).hex()
        write_inside(self.out, f".migrate/records-{self.generation}.store", b"".join(chunks))
        self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        self.size = at
        return out

    def drop_others(self) -> None:
        """Delete every other generation (call once the records naming this one are saved)."""
        with contextlib.suppress(OSError, UnsafePath):
            for path in inside(self.out, ".migrate").iterdir():
                match = _NAME.match(path.name)
                if match and match.group(1) != self.generation:
                    path.unlink()

    def close(self) -> None:
        for fd in [*self._retired, *([self._fd] if self._fd is not None else [])]:
            os.close(fd)
        self._fd, self._retired = None, []


def _pread(fd: int, span: Span) -> str:
    return os.pread(fd, span[1], span[0]).decode("utf-8")
