"""The run report: one entry per page (JSON, described by schemas/report.schema.json) and a summary."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .page import Diagnostic, Page

REPORT_VERSION = 1


def _kept_html(stats: dict[str, int]) -> int:
    return sum(v for k, v in stats.items() if k.startswith("kept.") and k not in ("kept.comment",))


def _tiki_left(stats: dict[str, int]) -> int:
    return int(stats.get("tiki.unknown", 0)) + int(stats.get("tiki.link-left", 0))


SEVERITIES = ("error", "warning", "info")


def tally(entry: Mapping[str, Any]) -> dict[str, Any]:
    """What the summary and the breakdown count of a page entry (a replayed page keeps it in its record)."""
    codes: dict[str, list[int]] = {}
    for d in entry["diagnostics"]:
        codes.setdefault(d["code"], [0, 0, 0])[SEVERITIES.index(d["severity"])] += 1
    links = entry.get("links") or {}
    audit = entry["audit"]
    return {
        "source": entry["source"],
        "status": entry["status"],
        "written": entry["output"] is not None,
        "codes": codes,
        "changes": entry["changes"],
        "lost": {k: int(audit.get(f"lost_{k}", 0)) for k in ("words", "links", "images")},
        "kept_html": entry["kept_html"],
        "tiki_left": entry["tiki_left"],
        "links": bool(links),
        "broken": links.get("broken", []),
    }


class KnownEntry(Mapping[str, Any]):
    """A page's entry as a run wrote it (a page replayed from its record): written again as ``text``
    (or as what ``text`` returns), counted by its ``tally``, decoded only when read; ``origin`` says
    where the text is kept."""

    def __init__(
        self,
        text: str | Callable[[], str],
        counted: dict[str, Any],
        value: dict[str, Any] | None = None,
        origin: Any = None,
    ) -> None:
        self._text = text
        self.tally = counted
        self._value = value
        self.origin = origin

    @property
    def text(self) -> str:
        if not isinstance(self._text, str):
            self._text = self._text()
        return self._text

    def _data(self) -> dict[str, Any]:
        if self._value is None:
            self._value = json.loads(self.text)
        return self._value

    def __getitem__(self, key: str) -> Any:
        return self.tally["source"] if key == "source" else self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


def tally_of(entry: Mapping[str, Any]) -> dict[str, Any]:
    return entry.tally if isinstance(entry, KnownEntry) else tally(entry)


def plain(entries: list[Any]) -> list[dict[str, Any]]:
    """The entries as dicts (a known entry decoded): for readers that need every field."""
    return [dict(e) if isinstance(e, KnownEntry) else e for e in entries]


def page_entry(page: Page, out_prefix: str) -> Mapping[str, Any]:
    known: KnownEntry | None = getattr(page, "known_entry", None)
    if known is not None:
        return known
    stats = dict(sorted(page.stats.items()))
    written = page.will_write
    return {
        "source": page.name,
        "output": f"{out_prefix}{page.output_path}" if written else None,
        "url": page.url or None,
        "status": page.status,
        "seconds": round(page.seconds, 4),
        "diagnostics": [d.as_dict() for d in page.diagnostics],
        "audit": page.audit or {"checked": False},
        "changes": stats,
        "kept_html": _kept_html(stats),
        "tiki_left": _tiki_left(stats),
    } | ({"links": page.links} if page.links else {})


def unreadable_entry(diag: Diagnostic) -> dict[str, Any]:
    return {
        "source": diag.file,
        "output": None,
        "url": None,
        "status": "error",
        "diagnostics": [diag.as_dict()],
        "audit": {"checked": False},
        "changes": {},
        "kept_html": 0,
        "tiki_left": 0,
    }


def build_report(
    pages: list[Page],
    unreadable: list[Diagnostic],
    *,
    input_dir: str,
    output_dir: str,
    target: str,
    seconds: float,
    dry_run: bool,
    strict: bool,
    extra: list[Diagnostic] | None = None,
) -> dict[str, Any]:
    prefix = output_dir.rstrip("/") + "/"
    entries = [page_entry(p, prefix) for p in pages] + [unreadable_entry(d) for d in unreadable]
    entries.sort(key=lambda e: e["source"])
    tallies = [tally_of(e) for e in entries]
    statuses = Counter(t["status"] for t in tallies)
    run_level = [d.as_dict() for d in extra or []]
    # run-level findings (redirect maps) count like the pages' own: the summary matches what was printed
    severities: Counter[str] = Counter(d["severity"] for d in run_level)
    codes: Counter[str] = Counter(d["code"] for d in run_level)
    by_code: dict[str, list[int]] = {}
    changes: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    for t in tallies:
        for code, counts in t["codes"].items():
            total = by_code.setdefault(code, [0, 0, 0])
            total[0], total[1], total[2] = total[0] + counts[0], total[1] + counts[1], total[2] + counts[2]
        changes.update(t["changes"])
        lost.update(t["lost"])
    for code, counts in by_code.items():
        codes[code] += sum(counts)
        severities.update(dict(zip(SEVERITIES, counts, strict=True)))
    kept = {k.removeprefix("kept."): v for k, v in changes.items() if k.startswith("kept.")}
    failed = statuses["error"]
    summary = {
        "pages": len(entries),
        "converted": len(entries) - failed,
        "failed": failed,
        "with_warnings": statuses["warning"],
        "errors": severities["error"],
        "warnings": severities["warning"],
        "infos": severities["info"],
        "codes": dict(sorted(codes.items())),
        "kept_html": dict(sorted(kept.items())),
        "kept_html_total": sum(t["kept_html"] for t in tallies),
        "tiki_left": sum(t["tiki_left"] for t in tallies),
        "audit_lost": dict(lost),
        "changes": dict(sorted(changes.items())),
        "seconds": round(seconds, 3),
    }
    from .links.report import broken_by_url

    return {
        "version": REPORT_VERSION,
        "input": input_dir,
        "output": output_dir,
        "target": target,
        "dry_run": dry_run,
        "strict": strict,
        "pages": entries,
        "run_diagnostics": [d.as_dict() | {"file": d.file} for d in (extra or [])],
        "summary": summary,
    } | broken_by_url(tallies)


def summary_line(summary: dict[str, Any], strict: bool, dry_run: bool = False) -> str:
    failed = summary["failed"]
    warnings = summary["warnings"]
    done = "would convert" if dry_run else "converted"
    return (
        f"{summary['converted']:,} {done}, {failed:,} failed, {warnings:,} warning{'s' if warnings != 1 else ''}"
        f"{' (strict: warnings fail the run)' if strict and warnings else ''} in {summary['seconds']:.1f} s"
        f"{' (dry run: nothing written)' if dry_run else ''}"
    )
