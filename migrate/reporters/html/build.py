"""Write the HTML report: a static site in one folder, made from the JSON report.

    DIR/index.html      summary: totals, what needs a person, charts, bulk notes
    DIR/pages.html      every page in a sortable, filterable table
    DIR/p/<page>.html   one page per source file (loaded only when opened)
    DIR/assets/         our CSS and JS, the page data (data.js) and the vendored Chart.js

Everything opens from disk (file://): no server, no CDN, and data goes in a script file because a
browser will not fetch() a file next to a page opened from disk.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from ...fs import UnsafePath, inside, write_inside
from .assets import fill, static_files
from .pagefile import PageJob, code_link, render_page
from .summary import RANK, Summary, classify

#: at most this many findings listed per "needs a person" group on the summary (the rest: page table)
_SHOWN = 100
#: below this many pages the per-page files are written in this process (workers cost more to start)
_PARALLEL_FROM = 200


@dataclass
class Written:
    index: Path
    pages: int
    seconds: float


def page_file_names(sources: list[str]) -> list[str]:
    """A readable, unique file name per source: its path flattened to [a-z0-9-]."""
    names: list[str] = []
    seen: set[str] = set()
    for i, source in enumerate(sources):
        stem = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")[:80] or "page"
        name = f"{stem}.html"
        if name in seen:
            name = f"{stem}-{i}.html"
        seen.add(name)
        names.append(name)
    return names


def locate(path: str | None, bases: list[Path]) -> str | None:
    """A file the report names, as given (absolute or from the current folder), else from each base."""
    if not path:
        return None
    p = Path(path)
    candidates = [p] if p.is_absolute() else [p, *(b / p for b in bases)]
    for c in candidates:
        if c.is_file():
            return str(c)
    return None


def _source_path(report: dict[str, Any], source: str, bases: list[Path]) -> str | None:
    # "source" is relative to the input folder's parent (or is the input file itself)
    input_dir = Path(report.get("input") or ".")
    found = locate(str(input_dir.parent / source), bases)
    return found or locate(source, bases) or (locate(str(input_dir), bases) if input_dir.name == source else None)


def _meanings() -> dict[str, str]:
    """Each code's one-line meaning, from the diagnostic registry when the package has one."""
    try:
        from ... import diagnostics
    except ImportError:
        return {}
    table = getattr(diagnostics, "CODES", None) or getattr(diagnostics, "REGISTRY", None) or {}
    out = {}
    for code, info in dict(table).items():
        meaning = (
            getattr(info, "meaning", None)
            or getattr(info, "summary", None)
            or (info.get("meaning") if isinstance(info, dict) else None)
        )
        if isinstance(meaning, str):
            out[str(code)] = meaning.strip().splitlines()[0] if meaning.strip() else ""
    return out


def default_docs(out_dir: Path) -> str | None:
    """The project's docs folder, relative to the report, when this is a source checkout."""
    docs = Path(__file__).resolve().parents[3] / "docs"
    if not docs.is_dir():
        return None
    return Path(os.path.relpath(docs, out_dir.resolve())).as_posix()


def _codes_by_weight(diags: list[dict[str, Any]]) -> list[str]:
    """A page's codes, those that matter first: errors, then warnings, then notes."""
    worst: dict[str, int] = {}
    for d in diags:
        worst[d["code"]] = min(worst.get(d["code"], 3), RANK[d["severity"]])
    return [code for code, _ in sorted(worst.items(), key=lambda kv: (kv[1], kv[0]))]


def _row(i: int, entry: dict[str, Any], name: str) -> dict[str, Any]:
    audit = entry.get("audit") or {}
    sev = Counter(d["severity"] for d in entry["diagnostics"])
    kept = {k.removeprefix("kept."): v for k, v in (entry.get("changes") or {}).items() if k.startswith("kept.")}
    kept.pop("comment", None)
    return {
        "i": i,
        "s": entry["source"],
        "f": name,
        "st": entry["status"],
        "u": entry.get("url"),
        "c": _codes_by_weight(entry["diagnostics"]),
        "k": kept,
        "kt": int(entry.get("kept_html", 0)),
        "lw": int(audit.get("lost_words", 0)),
        "ll": int(audit.get("lost_links", 0)),
        "li": int(audit.get("lost_images", 0)),
        "t": entry.get("seconds"),
        "e": sev["error"],
        "w": sev["warning"],
        "n": sev["info"],
    }


def _totals(summary: dict[str, Any]) -> str:
    lost = summary.get("audit_lost") or {}
    cards = [
        ("pages", "pages", summary["pages"]),
        ("converted", "converted", summary["converted"]),
        ("failed", "failed", summary["failed"]),
        ("with_warnings", "with warnings", summary["with_warnings"]),
        ("errors", "errors", summary["errors"]),
        ("warnings", "warnings", summary["warnings"]),
        ("infos", "notes", summary["infos"]),
        ("kept_html_total", "kept as HTML", summary["kept_html_total"]),
        ("lost_words", "words lost", lost.get("words", 0)),
        ("lost_links", "links lost", lost.get("links", 0)),
        ("lost_images", "images lost", lost.get("images", 0)),
    ]
    bad = {"failed", "errors", "lost_words", "lost_links", "lost_images"}
    return "".join(
        f'<div class="card{" bad" if key in bad and value else ""}" data-total="{key}">'
        f'<span class="v">{int(value):,}</span><span class="k">{label}</span></div>'
        for key, label, value in cards
    )


def _broken_targets(by_url: list[dict[str, Any]], page_of: dict[str, str]) -> str:
    """The report's broken links by target URL (when the link stage wrote them), most frequent first."""
    rows = []
    for item in by_url[:_SHOWN]:
        pages = [str(p) for p in item.get("pages") or []]
        shown = ", ".join(
            f'<a href="p/{escape(page_of[p])}">{escape(p)}</a>' if p in page_of else escape(p) for p in pages[:3]
        ) + (f" and {len(pages) - 3:,} more" if len(pages) > 3 else "")
        hint = f" (did you mean <code>{escape(str(item['suggestion']))}</code>?)" if item.get("suggestion") else ""
        why = " ".join(str(item[k]) for k in ("kind", "reason") if item.get(k))
        rows.append(
            f"<tr><td><code>{escape(str(item.get('url', '')))}</code></td>"
            f'<td class="num">{int(item.get("count", 0)):,}</td>'
            f"<td>{escape(why)}{hint}</td><td>{shown}</td></tr>"
        )
    return (
        '<table class="findings by-target"><thead><tr><th>broken target</th><th>links</th><th>why</th>'
        f"<th>pages</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _needs(
    s: Summary,
    names: list[str],
    docs: str | None,
    meanings: dict[str, str],
    by_url: list[dict[str, Any]] | None = None,
    page_of: dict[str, str] | None = None,
) -> str:
    parts = []
    for g in s.needs:
        n = len(g.findings)
        head = (
            f'<h3 id="need-{g.key}" data-need="{g.key}" data-count="{n}">{escape(g.heading)} '
            f'<span class="count">{n:,}</span>'
        )
        if not n:
            parts.append(f'<div class="need ok">{head} <span class="okmark">none</span></h3></div>')
            continue
        head += f' <span class="sub">on {g.pages:,} page{"s" if g.pages != 1 else ""}</span></h3>'
        rows = []
        for f in g.findings[:_SHOWN]:
            line = int(f.diag.get("line") or 1)
            where = (
                f'<a href="p/{escape(names[f.page])}#L{line}">{escape(f.file)}:{line}</a>'
                if f.page is not None
                else f"{escape(f.file)}:{line}"
            )
            rows.append(
                f'<tr class="sev-{escape(f.diag["severity"])}"><td>{where}</td>'
                f"<td>{code_link(f.diag['code'], docs, meanings)}</td><td>{escape(f.diag['message'])}</td></tr>"
            )
        code = escape(g.findings[0].diag["code"])
        more = (
            f'<p class="more">and {n - _SHOWN:,} more: <a href="pages.html#code={code}">the pages with {code}</a>.</p>'
            if n > _SHOWN
            else ""
        )
        targets = _broken_targets(by_url, page_of or {}) if g.key == "broken-links" and by_url else ""
        parts.append(
            f'<div class="need">{head}{targets}<table class="findings"><tbody>{"".join(rows)}</tbody></table>'
            f"{more}</div>"
        )
    return "".join(parts)


def _bulk(s: Summary, docs: str | None, meanings: dict[str, str]) -> str:
    if not s.bulk:
        return '<p class="none">No other notes.</p>'
    rows = "".join(
        f'<tr class="sev-{b.severity}" data-code="{escape(b.code)}"><td>{code_link(b.code, docs, meanings)}</td>'
        f'<td class="sev">{b.severity}</td><td class="num">{b.count:,}</td>'
        f'<td class="num"><a href="pages.html#code={escape(b.code)}">{b.pages:,}</a></td>'
        f"<td>{escape(meanings.get(b.code) or b.example)}</td></tr>"
        for b in s.bulk
    )
    return (
        '<table class="bulk"><thead><tr><th>code</th><th>severity</th><th>count</th><th>pages</th>'
        f"<th>meaning (or an example)</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _facts(report: dict[str, Any]) -> str:
    facts = [
        ("input", report.get("input", "")),
        ("output", report.get("output", "")),
        ("target", report.get("target", "")),
        ("run time", f"{report['summary'].get('seconds', 0):.1f} s"),
    ]
    if report.get("dry_run"):
        facts.append(("dry run", "yes: nothing was written"))
    if report.get("strict"):
        facts.append(("strict", "yes: warnings fail the run"))
    return "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in facts)


def write_html_report(
    report: dict[str, Any],
    out_dir: Path,
    *,
    bases: list[Path] | None = None,
    docs: str | None = None,
    jobs: int = 1,
) -> Written:
    """Write the report site into ``out_dir``; files named by the report are looked for from ``bases`` too."""
    started = time.perf_counter()
    bases = bases or []
    out_dir.mkdir(parents=True, exist_ok=True)
    for rel, text in static_files():
        write_inside(out_dir, f"assets/{rel}", text)
    entries = report["pages"]
    names = page_file_names([e["source"] for e in entries])
    meanings = _meanings()
    docs_md = f"{docs.rstrip('/')}/diagnostics.md" if docs else None
    summary = classify(report)
    data = {
        "summary": report["summary"],
        "docs": docs_md,
        "meanings": meanings,
        "needs": {g.key: len(g.findings) for g in summary.needs},
        "pages": [_row(i, e, names[i]) for i, e in enumerate(entries)],
    }
    # a script, not JSON: a page opened from disk may load scripts but not fetch() files
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    write_inside(out_dir, "assets/data.js", f"window.MIGRATE_REPORT={payload};\n")
    write_inside(
        out_dir,
        "index.html",
        fill(
            "index.html",
            facts=_facts(report),
            totals=_totals(report["summary"]),
            needs=_needs(
                summary,
                names,
                docs_md,
                meanings,
                by_url=report.get("broken_links"),
                page_of={e["source"]: names[i] for i, e in enumerate(entries)},
            ),
            bulk=_bulk(summary, docs_md, meanings),
        ),
    )
    write_inside(out_dir, "pages.html", fill("pages.html"))
    page_jobs = [
        PageJob(
            entry=e,
            name=names[i],
            source_path=_source_path(report, e["source"], bases),
            output_path=locate(e.get("output"), bases),
            docs=docs_md if docs_md is None or "://" in docs_md or docs_md.startswith("/") else f"../{docs_md}",
            meanings=meanings,
            prev=names[i - 1] if i else None,
            next=names[i + 1] if i + 1 < len(entries) else None,
        )
        for i, e in enumerate(entries)
    ]
    _write_pages(out_dir, page_jobs, jobs)
    return Written(out_dir / "index.html", len(entries), time.perf_counter() - started)


def _write_one(job_and_dir: tuple[PageJob, Path]) -> None:
    job, folder = job_and_dir
    # thousands of small files: no temporary file and rename each, but never through a planted link
    fd = os.open(folder / job.name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o666)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(render_page(job))


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _write_pages(out_dir: Path, page_jobs: list[PageJob], jobs: int) -> None:
    folder = inside(out_dir, "p/x").parent  # refuses a planted link on the way
    folder.mkdir(exist_ok=True)
    if folder.is_symlink():
        raise UnsafePath(f"{folder} is a symbolic link; refusing to write through it")
    if jobs <= 1 or len(page_jobs) < _PARALLEL_FROM:
        for job in page_jobs:
            _write_one((job, folder))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start with the modules already imported; only the page jobs are sent
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        for _ in pool.map(_write_one, [(j, folder) for j in page_jobs], chunksize=8):
            pass
