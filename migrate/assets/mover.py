"""One asset run: pages in, inventory out; with ``download``, files fetched, placed and referenced."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .download import Downloader, Job, Stats
from .inventory import Asset, Inventory, Ref, scan
from .names import NameBook, candidate
from .rewrite import Sizes, rewrite, source_sizes
from .settings import AssetSettings
from .state import TRANSIENT, Fetched, State

#: what a result means for a reader of the report
REASONS = {
    "not-found": "the server has no such file (404/410)",
    "forbidden": "the server refused (401/403)",
    "too-large": "larger than --max-size",
    "wrong-type": "the server sent another kind of file",
    "redirect-other-host": "redirected to another host (not followed; allow it with assets.redirect_hosts)",
    "too-many-redirects": "too many redirects",
    "timeout": "no answer in time, after retries",
    "connection": "the connection failed or was dropped, after retries",
    "server-error": "the server failed (5xx), after retries",
    "rate-limited": "the server kept answering 429, after retries",
    "http-error": "an unexpected HTTP status",
    "invalid-url": "not a URL that can be fetched",
    "no-base-url": "a relative path of the old site; set assets.base_url to fetch it",
    "external": "another site's image; set assets.external_images to move it",
    "not-fetched": "not downloaded (run with --download / --assets)",
    "unsafe-path": "its place in the static folder goes through a symbolic link",
}


@dataclass
class PageRefs:
    name: str
    text: str
    refs: list[Ref]
    sizes: Sizes = field(default_factory=dict)


class AssetRun:
    """Inventory always; downloads and moves files only when ``download`` and not ``dry_run``."""

    def __init__(
        self,
        settings: AssetSettings,
        out_dir: Path,
        static_dir: str = "static",
        *,
        download: bool = False,
        dry_run: bool = False,
        retry_failed: bool = False,
    ) -> None:
        self.settings = settings
        self.out_dir = out_dir
        self.static_root = out_dir / static_dir
        self.static = self.static_root / settings.folder if settings.folder else self.static_root
        self.download = download and not dry_run
        self.dry_run = dry_run
        self.retry_failed = retry_failed
        self.inventory = Inventory(settings)
        self.pages: dict[str, PageRefs] = {}
        self.state = State(out_dir)
        self.results: dict[str, Fetched] = {}
        #: old URL -> new URL, for files in place
        self.moved: dict[str, str] = {}
        #: digest -> path below the static folder
        self.files: dict[str, str] = {}
        self.fetched_now = 0
        self.stats = Stats()
        self._back: dict[str, str] | None = None
        self._failures: dict[str, list[tuple[int, str, str]]] | None = None

    # -- inventory ---------------------------------------------------------------------------
    def add_page(
        self, name: str, text: str, source: str | None = None, source_line: int = 1, text_line: int = 1
    ) -> None:
        """A converted page; ``source`` (its legacy body, first line ``source_line``) gives lines and sizes."""
        refs = [self._original(r) for r in scan(text)]
        lines: dict[str, int] = {}
        if source is not None:
            for ref in refs:
                at = source.find(ref.url)
                if at >= 0 and ref.url not in lines:
                    lines[ref.url] = source_line + source.count("\n", 0, at)
            default = {r.url: source_line for r in refs if r.url not in lines}
            lines |= default
        self.inventory.add(name, refs, lines or None, text_line)
        self.pages[name] = PageRefs(name, text, refs, source_sizes(source) if source else {})

    def _original(self, ref: Ref) -> Ref:
        """A reference an earlier run moved, under the URL it had: the inventory stays the same."""
        if self._back is None:
            prefix = f"/{self.settings.folder}/" if self.settings.folder else "/"
            self._back = {}
            for url in sorted(self.state.fetched):
                got = self.state.fetched[url]
                if got.ok and got.digest in self.state.names:
                    self._back.setdefault(prefix + self.state.names[got.digest], url)
        old = self._back.get(ref.url)
        return replace(ref, url=old) if old else ref

    # -- fetching ----------------------------------------------------------------------------
    def wanted(self) -> list[Asset]:
        s = self.settings
        return [a for a in self.inventory.sorted() if a.verdict.cls == "legacy" or s.external_images]

    def execute(self) -> None:
        jobs: list[Job] = []
        for asset in self.inventory.sorted():
            if asset.verdict.cls == "external" and not self.settings.external_images:
                self.results[asset.url] = Fetched(asset.url, "external")
                continue
            if not asset.verdict.fetch:
                self.results[asset.url] = Fetched(asset.url, "no-base-url")
                continue
            had = self.state.have(asset.url, self.static)
            if had is not None and (had.ok or not self.retry_failed):
                self.results[asset.url] = had
                continue
            if not self.download:
                self.results[asset.url] = Fetched(asset.url, "not-fetched")
                continue
            jobs.append(Job(asset.url, asset.verdict.fetch, asset.kind))
        if jobs:
            downloader = Downloader(self.settings, self.state.objects, self.state.tmp)
            self.stats = downloader.run(jobs, self._done)
        if self.download:
            self._place()
            self.state.close(compact=True)

    def _done(self, result: Fetched) -> None:
        self.results[result.url] = result
        self.fetched_now += result.ok
        self.state.record(result)

    def _place(self) -> None:
        """Give each file (by content) its name and put it in the static folder, once."""
        from ..fs import UnsafePath, inside

        by_digest: dict[str, list[str]] = {}
        for url, got in sorted(self.results.items()):
            if got.ok:
                by_digest.setdefault(got.digest, []).append(url)
        book = NameBook(self.state.names)
        for digest, urls in sorted(by_digest.items(), key=lambda kv: kv[1][0]):
            first = self.results[urls[0]]
            external = self.inventory.assets[urls[0]].verdict.cls == "external"
            name = self.state.names.get(digest) or book.give(candidate(urls[0], first.type, external), digest)
            try:
                dest = inside(self.static_root, f"{self.settings.folder}/{name}" if self.settings.folder else name)
            except UnsafePath as exc:  # a link planted in the static folder: never written through
                for url in urls:
                    self.results[url] = Fetched(url, "unsafe-path", str(exc))
                continue
            if not dest.is_file():
                obj = self.state.objects / digest
                if not obj.is_file():
                    for url in urls:  # lost in between (deleted by hand): fetch next time
                        self.results[url] = Fetched(url, "connection", "the stored file went missing")
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                self.state.name(digest, name)
                os.replace(obj, dest)
            else:
                self.state.name(digest, name)
            self.files[digest] = name
            prefix = f"/{self.settings.folder}/" if self.settings.folder else "/"
            for url in urls:
                self.moved[url] = prefix + name

    # -- pages -------------------------------------------------------------------------------
    def rewritten(self, name: str) -> str:
        """The page's text with references moved and sizes written (its text as it was without a download)."""
        page = self.pages[name]
        mode = self.settings.widths if self.download else "none"
        return rewrite(page.text, page.refs, self.moved if self.download else {}, page.sizes, mode)

    def failures(self, name: str) -> list[tuple[int, str, str]]:
        """(line, url, why) for each asset of a page that stays on the old site."""
        if self._failures is None:
            self._failures = {}
            for asset in self.inventory.sorted():
                got = self.results.get(asset.url)
                if got is None or got.ok or got.status in ("external", "not-fetched"):
                    continue
                why = got.status + (f" ({got.detail})" if got.detail else "")
                for use in asset.uses:
                    self._failures.setdefault(use.page, []).append((use.line, asset.url, why))
        return sorted(self._failures.get(name, []))

    # -- report ------------------------------------------------------------------------------
    def items(self) -> list[dict[str, Any]]:
        out = []
        for asset in self.inventory.sorted():
            got = self.results.get(asset.url) or self.state.fetched.get(asset.url) or Fetched(asset.url, "not-fetched")
            status = got.status
            if status == "not-fetched" and asset.verdict.cls == "external" and not self.settings.external_images:
                status = "external"
            item: dict[str, Any] = {
                "url": asset.url,
                "kind": asset.kind,
                "class": asset.verdict.cls,
                "host": asset.verdict.host,
                "status": status,
                "detail": got.detail or ("" if got.ok else REASONS.get(status, "")),
                "file": self.moved.get(asset.url, ""),
                "size": got.size,
                "type": got.type,
                "uses": [{"page": u.page, "line": u.line} for u in asset.uses],
            }
            if got.final_url:
                item["final_url"] = got.final_url
            out.append(item)
        return out

    def report(self) -> dict[str, Any]:
        items = self.items()
        counts: dict[str, int] = {}
        for item in items:
            counts[item["status"]] = counts.get(item["status"], 0) + 1
        hosts: dict[str, int] = {}
        for item in items:
            hosts[item["host"]] = hosts.get(item["host"], 0) + 1
        summary = {
            "references": sum(len(i["uses"]) for i in items),
            "assets": len(items),
            "legacy": sum(i["class"] == "legacy" for i in items),
            "external": sum(i["class"] == "external" for i in items),
            "moved": sum(bool(i["file"]) for i in items),
            "files": len(self.files),
            "downloaded": self.fetched_now,
            "failed": sum(1 for i in items if i["status"] not in ("ok", "external", "not-fetched")),
            "by_status": dict(sorted(counts.items())),
            "by_host": dict(sorted(hosts.items())),
            "requests": self.stats.requests,
            "retries": self.stats.retries,
            "max_in_flight": self.stats.max_in_flight,
            "bytes": self.stats.bytes,
            "transient": sum(1 for i in items if i["status"] in TRANSIENT),
        }
        return {"summary": summary, "items": items}

    def csv(self) -> str:
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["url", "kind", "class", "host", "status", "detail", "file", "size", "pages", "uses"])
        for item in self.items():
            uses = "; ".join(f"{u['page']}:{u['line']}" for u in item["uses"])
            pages = len({u["page"] for u in item["uses"]})
            w.writerow(
                [item["url"], item["kind"], item["class"], item["host"], item["status"], item["detail"], item["file"],
                 item["size"], pages, uses]
            )  # fmt: skip
        return buf.getvalue()
