"""The body stage's result per page, kept between runs in ``OUTPUT/.migrate/cache``.

The body conversion is a function of the body text, the ``body:`` config, the target, the audit
flag, the tool's code, and the answers to the wiki-link title look-ups it made (``((Page))`` ->
URL). The first five make the key; the look-ups are recorded while converting and stored in the
entry, and the entry is used only while every title it asked for still resolves the same. So a
renamed or retitled page re-converts exactly the pages that link to it, and nothing else.

Entries are JSON (never pickle: the output folder is not trusted code). Unused entries are deleted
at the end of a run that finished.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..body import BodyReport, BodyResult, Finding
from ..fs import UnsafePath, inside, write_inside
from .fingerprint import tool_fingerprint

CACHE_DIR = ".migrate/cache"
ENTRY_VERSION = 1

Resolve = Callable[[str], "str | list[str] | None"]


class RecordingResolver:
    """``resolve_title`` that remembers what it was asked and what it answered (a page's link facts)."""

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.asked: dict[str, Any] = {}

    def __call__(self, title: str) -> str | list[str] | None:
        answer = self.resolve(title)
        self.asked[title] = list(answer) if isinstance(answer, list) else answer
        return answer

    def take(self) -> dict[str, Any]:
        asked, self.asked = self.asked, {}
        return asked


class BodyCache:
    """Body results by key, in ``out_dir/.migrate/cache``; ``out_dir`` None keeps nothing (a dry run reads only)."""

    def __init__(self, out_dir: Path, *, settings: Any, target: str, audit: bool, write: bool = True) -> None:
        self.out = out_dir
        self.write = write
        self.used: set[str] = set()
        self.reused = 0
        # everything but the body and the look-ups, hashed once
        head = json.dumps(
            [ENTRY_VERSION, tool_fingerprint(), target, audit, settings], sort_keys=True, default=repr
        ).encode("utf-8", "surrogateescape")
        self._head = hashlib.sha256(head).digest()

    def key(self, body: str) -> str:
        return hashlib.sha256(self._head + body.encode("utf-8", "surrogateescape")).hexdigest()

    def get(self, key: str, resolve: Resolve) -> BodyResult | None:
        """The stored result for ``key`` when every recorded title still resolves the same, else None."""
        try:
            data = json.loads(inside(self.out, f"{CACHE_DIR}/{key}.json").read_bytes())
            if data.get("key") != key:
                return None
            for title, answer in data["asked"].items():
                now = resolve(title)
                if (list(now) if isinstance(now, list) else now) != answer:
                    return None
            result = _result_from(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, UnsafePath):
            return None
        self.used.add(key)
        self.reused += 1
        return result

    def put(self, key: str, result: BodyResult, asked: dict[str, Any]) -> None:
        self.used.add(key)
        if not self.write:
            return
        data = {"key": key, "asked": asked} | _result_to(result)
        with contextlib.suppress(OSError, UnsafePath):  # a cache that cannot be written only costs time
            write_inside(self.out, f"{CACHE_DIR}/{key}.json", json.dumps(data, ensure_ascii=False))

    def collect(self) -> None:
        """Delete the entries this run did not use (old versions of pages, pages gone)."""
        if not self.write:
            return
        with contextlib.suppress(OSError, UnsafePath):
            folder = inside(self.out, f"{CACHE_DIR}/x").parent
            for entry in os.scandir(folder):
                if entry.name.endswith(".json") and entry.name[:-5] not in self.used and entry.is_file():
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _result_to(result: BodyResult) -> dict[str, Any]:
    return {
        "markdown": result.markdown,
        "findings": [[f.code, f.severity, f.message, f.line] for f in result.report.findings],
        "stats": list(result.report.stats.items()),
        "lost": None if result.lost is None else {k: list(c.items()) for k, c in result.lost.items()},
        "added": None if result.added is None else list(result.added.items()),
    }


def _result_from(data: dict[str, Any]) -> BodyResult:
    report = BodyReport(
        findings=[Finding(str(c), str(s), str(m), int(n)) for c, s, m, n in data["findings"]],
        stats=Counter({str(k): int(v) for k, v in data["stats"]}),
    )
    lost = data["lost"]
    if lost is not None:
        lost = {str(k): Counter({str(i): int(n) for i, n in items}) for k, items in lost.items()}
    more = data.get("added")
    added = None if more is None else Counter({str(i): int(n) for i, n in more})
    return BodyResult(str(data["markdown"]), report, lost, added)
