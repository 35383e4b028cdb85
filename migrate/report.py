"""The run report: one entry per page (JSON, described by schemas/report.schema.json) and a summary."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .page import Diagnostic, Page

REPORT_VERSION = 1


def _kept_html(stats: dict[str, int]) -> int:
    return sum(v for k, v in stats.items() if k.startswith("kept.") and k not in ("kept.comment",))


def _tiki_left(stats: dict[str, int]) -> int:
    return int(stats.get("tiki.unknown", 0)) + int(stats.get("tiki.link-left", 0))


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
    statuses = Counter(e["status"] for e in entries)
    run_level = [d.as_dict() for d in extra or []]
    # run-level findings (redirect maps) count like the pages' own: the summary matches what was printed
    severities = Counter(d["severity"] for e in entries for d in e["diagnostics"]) + Counter(
        d["severity"] for d in run_level
    )
    codes = Counter(d["code"] for e in entries for d in e["diagnostics"]) + Counter(d["code"] for d in run_level)
    kept: Counter[str] = Counter()
    changes: Counter[str] = Counter()
    for p in pages:
        changes.update(p.stats)
        kept.update({k.removeprefix("kept."): v for k, v in p.stats.items() if k.startswith("kept.")})
    lost: Counter[str] = Counter()
    for p in pages:
        for kind in ("words", "links", "images"):
            lost[kind] += int(p.audit.get(f"lost_{kind}", 0))
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
        "kept_html_total": sum(e["kept_html"] for e in entries),
        "tiki_left": sum(e["tiki_left"] for e in entries),
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
    } | broken_by_url(pages)


def summary_line(summary: dict[str, Any], strict: bool, dry_run: bool = False) -> str:
    failed = summary["failed"]
    warnings = summary["warnings"]
    done = "would convert" if dry_run else "converted"
    return (
        f"{summary['converted']:,} {done}, {failed:,} failed, {warnings:,} warning{'s' if warnings != 1 else ''}"
        f"{' (strict: warnings fail the run)' if strict and warnings else ''} in {summary['seconds']:.1f} s"
        f"{' (dry run: nothing written)' if dry_run else ''}"
    )
