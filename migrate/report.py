"""The run report: one entry per page (JSON, described by schemas/report.schema.json) and a summary."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any

from .page import Diagnostic, Page

REPORT_VERSION = 1


def _kept_html(stats: dict[str, int]) -> int:
    return sum(v for k, v in stats.items() if k.startswith("kept.") and k not in ("kept.comment",))


def _tiki_left(stats: dict[str, int]) -> int:
    return int(stats.get("tiki.unknown", 0)) + int(stats.get("tiki.link-left", 0))


SEVERITIES = ("error", "warning", "info")
#: codes that mean "a person must look at this page": something may be lost or wrong, not routine
NEEDS_PERSON = (
    "audit.",
    "body.wikilink",
    "body.tiki-left",
    "body.html-kept",
    "redirect.live-url",
    "redirect.duplicate",
    "redirect.loop",
)
#: what a replayed page's record keeps of its tally (its source is its name): what is listed page by page,
#: the rest is summed in Totals
LISTED = ("source", "status", "written", "person", "links", "broken")


def needs_person(code: str, counts: list[int]) -> bool:
    """Whether a code found (errors, warnings, infos) times on a page means a person must look."""
    errors, warnings, _ = counts
    if code == "body.html-kept":
        return warnings > 0  # unrecognised HTML kept (forms ...), not a planned keep
    return errors + warnings > 0 and code.startswith(NEEDS_PERSON)


def tally(entry: Mapping[str, Any]) -> dict[str, Any]:
    """What the summary and the breakdown count of a page entry: what is listed page by page, and what
    is summed (``codes``, ``changes``, ``lost``...; see :class:`Totals`)."""
    codes: dict[str, list[int]] = {}
    for d in entry["diagnostics"]:
        codes.setdefault(d["code"], [0, 0, 0])[SEVERITIES.index(d["severity"])] += 1
    links = entry.get("links") or {}
    audit = entry["audit"]
    return {
        "source": entry["source"],
        "status": entry["status"],
        "written": entry["output"] is not None,
        "person": sorted(c for c, counts in codes.items() if needs_person(c, counts)),
        "links": bool(links),
        "broken": links.get("broken", []),
        "codes": codes,
        "changes": entry["changes"],
        "lost": {k: int(audit.get(f"lost_{k}", 0)) for k in ("words", "links", "images")},
        "kept_html": entry["kept_html"],
        "tiki_left": entry["tiki_left"],
    }


class Totals:
    """The sums over page tallies the summary is made of; a re-run keeps them for the pages it replays
    (the last run's, less the pages converted again), so it sums only what it converted."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or {}
        self.statuses: Counter[str] = Counter(data.get("statuses") or {})
        self.codes: dict[str, list[int]] = {k: list(v) for k, v in (data.get("codes") or {}).items()}
        self.changes: Counter[str] = Counter(data.get("changes") or {})
        self.lost: Counter[str] = Counter(data.get("lost") or {})
        self.kept_html: int = data.get("kept_html", 0)
        self.tiki_left: int = data.get("tiki_left", 0)

    def add(self, t: Mapping[str, Any], sign: int = 1) -> None:
        self.statuses[t["status"]] += sign
        for code, counts in t["codes"].items():
            total = self.codes.setdefault(code, [0, 0, 0])
            for i in range(3):
                total[i] += sign * counts[i]
            if not any(total):
                del self.codes[code]
        for k, v in t["changes"].items():
            self.changes[k] += sign * v
        for k, v in t["lost"].items():
            self.lost[k] += sign * v
        self.kept_html += sign * t["kept_html"]
        self.tiki_left += sign * t["tiki_left"]

    def of(self, entries: Iterable[ReportEntry]) -> Totals:
        """These totals (those of the replayed entries) plus every other entry's."""
        out = Totals(self.as_json())
        for e in entries:
            if "codes" in e.tally:  # a replayed entry keeps only what is listed: it is in these totals
                out.add(e.tally)
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "statuses": {k: v for k, v in self.statuses.items() if v},
            "codes": self.codes,
            "changes": {k: v for k, v in self.changes.items() if v},
            "lost": dict(self.lost),
            "kept_html": self.kept_html,
            "tiki_left": self.tiki_left,
        }


class ReportEntry(Mapping[str, Any]):
    """A page's entry in the report, with its tally: its JSON text made once, when first asked for (the
    report and the records write the same text), or, for a page replayed from its record, the text the
    last run wrote, decoded only when read; ``origin`` says where that text is kept."""

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

    @classmethod
    def of(cls, value: dict[str, Any]) -> ReportEntry:
        return cls(partial(json.dumps, value, ensure_ascii=False), tally(value), value)

    @property
    def source(self) -> str:
        return str(self.tally["source"])

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
        return self.source if key == "source" else self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


def plain(entries: list[ReportEntry]) -> list[dict[str, Any]]:
    """The entries as dicts (each decoded): for readers that need every field."""
    return [dict(e) for e in entries]


def report_entries(pages: list[Page], unreadable: list[Diagnostic], output_dir: str) -> list[ReportEntry]:
    """Every source's entry, sorted by source (a page replayed from its record brings its own)."""
    prefix = output_dir.rstrip("/") + "/"
    entries = []
    for page in pages:
        known: ReportEntry | None = getattr(page, "known_entry", None)
        entries.append(known if known is not None else ReportEntry.of(page_entry(page, prefix)))
    entries += [ReportEntry.of(unreadable_entry(d)) for d in unreadable]
    entries.sort(key=lambda e: e.source)
    return entries


def page_entry(page: Page, out_prefix: str) -> dict[str, Any]:
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
    entries: list[ReportEntry],
    totals: Totals,
    *,
    input_dir: str,
    output_dir: str,
    target: str,
    seconds: float,
    dry_run: bool,
    strict: bool,
    extra: list[Diagnostic] | None = None,
) -> dict[str, Any]:
    """The report of ``entries`` (:func:`report_entries`), summed in ``totals`` (:meth:`Totals.of`)."""
    run_level = [d.as_dict() for d in extra or []]
    # run-level findings (redirect maps) count like the pages' own: the summary matches what was printed
    severities: Counter[str] = Counter(d["severity"] for d in run_level)
    codes: Counter[str] = Counter(d["code"] for d in run_level)
    for code, counts in totals.codes.items():
        codes[code] += sum(counts)
        severities.update(dict(zip(SEVERITIES, counts, strict=True)))
    changes = {k: v for k, v in sorted(totals.changes.items()) if v}
    kept = {k.removeprefix("kept."): v for k, v in changes.items() if k.startswith("kept.")}
    failed = totals.statuses["error"]
    summary = {
        "pages": len(entries),
        "converted": len(entries) - failed,
        "failed": failed,
        "with_warnings": totals.statuses["warning"],
        "errors": severities["error"],
        "warnings": severities["warning"],
        "infos": severities["info"],
        "codes": dict(sorted(codes.items())),
        "kept_html": kept,
        "kept_html_total": totals.kept_html,
        "tiki_left": totals.tiki_left,
        "audit_lost": dict(totals.lost),
        "changes": changes,
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
    } | broken_by_url([e.tally for e in entries])


def summary_line(summary: dict[str, Any], strict: bool, dry_run: bool = False) -> str:
    failed = summary["failed"]
    warnings = summary["warnings"]
    done = "would convert" if dry_run else "converted"
    return (
        f"{summary['converted']:,} {done}, {failed:,} failed, {warnings:,} warning{'s' if warnings != 1 else ''}"
        f"{' (strict: warnings fail the run)' if strict and warnings else ''} in {summary['seconds']:.1f} s"
        f"{' (dry run: nothing written)' if dry_run else ''}"
    )
