"""What earlier runs fetched: a journal beside the output, so nothing is downloaded twice.

``<output>/.migrate-assets/state.jsonl`` holds one JSON line per finished asset (appended and
flushed as each download ends, so a run killed halfway loses only what was in flight) and one per
name given to a file. Loading keeps the last line per URL; a clean run rewrites the journal compact.
Files are stored by content (SHA-256): ``objects/<digest>`` until they get their name in the
target's static folder, then only there; the same bytes from two URLs are one file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

STATE_DIR = ".migrate-assets"
JOURNAL = "state.jsonl"
#: results worth trying again on the next run (the server may be back); others are kept
TRANSIENT = frozenset({"timeout", "connection", "server-error", "rate-limited"})


@dataclass
class Fetched:
    """The result for one URL."""

    url: str
    status: str  # "ok" or a failure reason: not-found, forbidden, too-large, wrong-type, ...
    detail: str = ""
    digest: str = ""
    size: int = 0
    type: str = ""
    #: where a redirect led, when it did
    final_url: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class State:
    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / STATE_DIR
        self.fetched: dict[str, Fetched] = {}
        #: digest -> path under the static folder
        self.names: dict[str, str] = {}
        self._journal: TextIO | None = None
        path = self.root / JOURNAL
        if path.is_file():
            self._load(path)

    def _load(self, path: Path) -> None:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    entry: dict[str, Any] = json.loads(line)
                except ValueError:
                    continue  # a line cut short when the run was killed
                if "name" in entry and "digest" in entry and "url" not in entry:
                    self.names[entry["digest"]] = entry["name"]
                elif "url" in entry and "status" in entry:
                    known = {k: entry[k] for k in Fetched.__dataclass_fields__ if k in entry}
                    self.fetched[entry["url"]] = Fetched(**known)

    @property
    def objects(self) -> Path:
        return self.root / "objects"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    def have(self, url: str, static: Path) -> Fetched | None:
        """The earlier result for ``url`` when it need not be fetched again (its file still there)."""
        got = self.fetched.get(url)
        if got is None or got.status in TRANSIENT:
            return None
        if got.ok and not self.file_for(got.digest, static):
            return None
        return got

    def file_for(self, digest: str, static: Path) -> Path | None:
        name = self.names.get(digest)
        if name and (static / name).is_file():
            return static / name
        obj = self.objects / digest
        return obj if obj.is_file() else None

    def _write(self, entry: dict[str, Any]) -> None:
        if self._journal is None:
            self.root.mkdir(parents=True, exist_ok=True)
            self._journal = (self.root / JOURNAL).open("a", encoding="utf-8")
        self._journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._journal.flush()

    def record(self, result: Fetched) -> None:
        self.fetched[result.url] = result
        self._write({k: v for k, v in asdict(result).items() if v or k in ("url", "status")})

    def name(self, digest: str, name: str) -> None:
        if self.names.get(digest) != name:
            self.names[digest] = name
            self._write({"digest": digest, "name": name})

    def close(self, compact: bool = True) -> None:
        """Close the journal; ``compact`` rewrites it with one line per URL and per name."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if not compact or not self.root.is_dir():
            return
        tmp = self.root / (JOURNAL + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for url in sorted(self.fetched):
                entry = {k: v for k, v in asdict(self.fetched[url]).items() if v or k in ("url", "status")}
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            for digest in sorted(self.names):
                fh.write(json.dumps({"digest": digest, "name": self.names[digest]}) + "\n")
        os.replace(tmp, self.root / JOURNAL)
