"""One report page per converted page: facts, diagnostics, losses, redirects, and the two sides rendered.

Runs in worker processes for large runs, so everything here is a plain function of plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from .assets import fill
from .render import split_front_matter, yaml_aliases

_AUDIT_KINDS = ("words", "links", "images")


@dataclass(frozen=True)
class PageJob:
    """What one page file is made from (picklable)."""

    entry: dict[str, Any]
    name: str  # file name below p/
    source_path: str | None  # where the source file was found, if it was
    output_path: str | None  # where the output file was found, if it was
    docs: str | None  # link to diagnostics.md, or None
    meanings: dict[str, str]
    prev: str | None
    next: str | None


def code_link(code: str, docs: str | None, meanings: dict[str, str]) -> str:
    title = f' title="{escape(meanings[code])}"' if code in meanings else ""
    if not docs:
        return f'<code class="code"{title}>{escape(code)}</code>'
    return f'<a class="code" href="{escape(docs)}#{escape(code)}"{title}><code>{escape(code)}</code></a>'


def _read(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _listing(text: str, marked: set[int], prefix: str, ident: str, body_line: int) -> str:
    """The file as text; the report's script numbers its lines (one escape here, not one per line) and
    renders its body, from ``body_line`` on, into the side-by-side view."""
    lines = ",".join(str(n) for n in sorted(marked))
    return (
        f'<pre class="lines" id="{ident}" data-prefix="{prefix}" data-marked="{lines}" data-body-line="{body_line}">'
        f"{escape(text, quote=False)}</pre>"
    )


def _diagnostics(entry: dict[str, Any], job: PageJob) -> str:
    diags = entry["diagnostics"]
    if not diags:
        return '<p class="none">No diagnostics.</p>'
    rows = []
    for d in sorted(diags, key=lambda d: (int(d.get("line") or 1), int(d.get("column") or 1))):
        line = int(d.get("line") or 1)
        rows.append(
            f'<tr class="sev-{escape(d["severity"])}">'
            f'<td><a href="#L{line}">{line}:{int(d.get("column") or 1)}</a></td>'
            f'<td class="sev">{escape(d["severity"])}</td><td>{code_link(d["code"], job.docs, job.meanings)}</td>'
            f"<td>{escape(d['message'])}</td></tr>"
        )
    return (
        '<table class="diags"><thead><tr><th>line</th><th>severity</th><th>code</th><th>message</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _losses(audit: dict[str, Any]) -> str:
    if not audit.get("checked"):
        return '<p class="none">The audit did not run for this page.</p>'
    parts = []
    for kind in _AUDIT_KINDS:
        n = int(audit.get(f"lost_{kind}", 0))
        items = audit.get(f"lost_{kind}_items") or []
        shown = " ".join(f'<code class="lost-item">{escape(str(i))}</code>' for i in items)
        more = f" (and {n - len(items)} more)" if n > len(items) else ""
        parts.append(
            f'<li class="{"bad" if n else "good"}" data-kind="{kind}"><b>{n}</b> {kind} lost {shown}{more}</li>'
        )
    return f'<ul class="losses">{"".join(parts)}</ul>'


def _list_section(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"<section><h2>{escape(title)}</h2><ul>{''.join(f'<li>{i}</li>' for i in items)}</ul></section>"


def _redirects(entry: dict[str, Any], front: str) -> str:
    url = entry.get("url") or ""
    items = []
    for r in entry.get("redirects") or []:  # when the report carries them
        if isinstance(r, dict):
            items.append(
                f"<code>{escape(str(r.get('from', '')))}</code> → <code>{escape(str(r.get('to', url)))}</code>"
            )
        else:
            items.append(f"<code>{escape(str(r))}</code> → <code>{escape(url)}</code>")
    if not items:
        items = [f"<code>{escape(a)}</code> → <code>{escape(url)}</code>" for a in yaml_aliases(front)]
    return _list_section("Redirects (legacy URL → new URL)", items)


def _broken_links(entry: dict[str, Any]) -> str:
    """The page's broken links (``links.broken`` of the link stage), each at its source line."""
    links = entry.get("links")
    broken = links.get("broken") if isinstance(links, dict) else None
    items = []
    for link in broken or []:
        if not isinstance(link, dict):
            items.append(f"<code>{escape(str(link))}</code>")
            continue
        line = int(link.get("line") or 0)
        where = f'<a href="#L{line}">line {line}</a>: ' if line else ""
        why = " ".join(str(link[k]) for k in ("kind", "reason") if link.get(k))
        hint = f" (did you mean <code>{escape(str(link['suggestion']))}</code>?)" if link.get("suggestion") else ""
        items.append(f"{where}<code>{escape(str(link.get('url', '')))}</code> {escape(why)}{hint}")
    return _list_section("Broken links", items)


def render_page(job: PageJob) -> str:
    entry = job.entry
    source_text = _read(job.source_path)
    output_text = _read(job.output_path)
    marked = {int(d.get("line") or 1) for d in entry["diagnostics"]}
    # each side is rendered in the browser from its listing (static/render.js), so the text is sent once
    if source_text is None:
        src_missing, src_from = '<p class="missing">The source file was not found.</p>', ""
        src_lines = ""
    else:
        _, _, line = split_front_matter(source_text)
        src_missing, src_from = "", ' data-from="listing-src" data-prefix="src-"'
        src_lines = _listing(source_text, marked, "L", "listing-src", line)
    front = ""
    if output_text is None:
        why = "the page was not written" if entry.get("output") is None else "the output file was not found"
        out_missing, out_from = f'<p class="missing">No output: {why}.</p>', ""
        out_lines = ""
    else:
        front, _, line = split_front_matter(output_text)
        out_missing, out_from = "", ' data-from="listing-out" data-prefix="out-"'
        out_lines = _listing(output_text, set(), "O", "listing-out", line)
    nav = []
    if job.prev:
        nav.append(f'<a rel="prev" href="{escape(job.prev)}">← previous</a>')
    if job.next:
        nav.append(f'<a rel="next" href="{escape(job.next)}">next →</a>')
    seconds = entry.get("seconds")
    facts = [
        ("status", f'<span class="status {escape(entry["status"])}">{escape(entry["status"])}</span>'),
        ("source", f"<code>{escape(entry['source'])}</code>"),
        ("output", f"<code>{escape(entry['output'] or '(not written)')}</code>"),
        ("URL", f"<code>{escape(entry.get('url') or '(none)')}</code>"),
        ("kept HTML", str(int(entry.get("kept_html", 0)))),
    ]
    if isinstance(seconds, int | float):
        facts.append(("time", f"{seconds * 1000:.0f} ms"))
    return fill(
        "page.html",
        title=escape(entry["source"]),
        nav=" ".join(nav),
        facts="".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts),
        diagnostics=_diagnostics(entry, job),
        losses=_losses(entry.get("audit") or {}),
        redirects=_redirects(entry, front),
        broken=_broken_links(entry),
        src_missing=src_missing,
        src_from=src_from,
        out_missing=out_missing,
        out_from=out_from,
        src_lines=src_lines or '<p class="missing">(not found)</p>',
        out_lines=out_lines or '<p class="missing">(none)</p>',
    )
