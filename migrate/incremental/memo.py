"""Small results remembered between runs, keyed by hashes of everything they depend on.

Two checks are pure functions of data a re-run sees again, and cost more than reading the page:
the front matter we write (its YAML text and the target schema's verdict on it), and a page's
front matter found valid against its schema. Each is remembered in ``.migrate/memo-<name>.json``
under the SHA-256 of the tool's code and the exact input (``repr`` keeps types: a date is not the
text of a date). Only what a run used is saved, so the files stay the size of the batch.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..fs import UnsafePath, inside, write_inside
from .fingerprint import tool_fingerprint


class Memo:
    """One memo file: key -> JSON value; read at the start of a run, saved at its end."""

    def __init__(self, out_dir: Path, name: str, *, write: bool) -> None:
        self.out = out_dir
        self.rel = f".migrate/memo-{name}.json"
        self.write = write
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        #: whether this run made a value the file does not hold (a run that only read it need not save)
        self.changed = False
        with contextlib.suppress(OSError, ValueError, UnsafePath):
            data = json.loads(inside(out_dir, self.rel).read_bytes())
            if isinstance(data, dict) and data.get("tool") == tool_fingerprint():
                self.old = data.get("items") or {}

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        if key in self.new:
            return self.new[key]
        if key in self.old:
            value = self.old[key]
        else:
            value, self.changed = make(), True
        self.new[key] = value
        return value

    def recall(self, key: str) -> Any:
        """The value remembered under ``key`` (kept for the next run too), else None."""
        if key not in self.new and key in self.old:
            self.new[key] = self.old[key]
        return self.new.get(key)

    def remember(self, key: str, value: Any) -> None:
        self.changed = self.changed or key not in self.old or self.old[key] != value
        self.new[key] = value

    def save(self) -> None:
        if not self.write:
            return
        with contextlib.suppress(OSError, UnsafePath):  # a memo that cannot be saved only costs time
            text = json.dumps({"tool": tool_fingerprint(), "items": self.new}, ensure_ascii=False)
            write_inside(self.out, self.rel, text)


def key_of(*parts: Any) -> str:
    """SHA-256 of the parts' ``repr``: types count (``date(2021, 3, 4)`` is not ``'2021-03-04'``)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()


def file_digest(path: Path) -> str:
    """A schema file and its sibling JSON files (what its ``$ref``s can reach), hashed.

    Hashed once per process while their sizes and dates stay the same.
    """
    files = [path, *sorted(path.parent.glob("*.json"))]
    stamps = []
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        stamps.append((str(p), st.st_size, st.st_mtime_ns))
    return _digest(tuple(stamps))


@functools.cache
def _digest(stamps: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _, _ in stamps:
        with contextlib.suppress(OSError):
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0" + Path(name).read_bytes() + b"\0")
    return digest.hexdigest()
