"""Resolve every link of a converted page: rewrite what points at a batch page, report what is broken.

Plain functions over pages; the links stage (``migrate/stages/links.py``) calls them after the body
stage and before the write stage.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..page import Page
from .classify import Index, Resolution, classify
from .scan import Found, anchors, find_links

#: what may be done with a broken link, per kind (``links: broken:`` in the config)
POLICIES = ("keep", "unlink")
BROKEN_KINDS = ("tag", "missing-page", "not-written", "other")


@dataclass
class Policy:
    """The ``links:`` config section, checked."""

    hosts: tuple[str, ...] = ()
    asset_hosts: tuple[str, ...] = ()
    asset_prefixes: tuple[str, ...] = ("/attachments/",)
    broken: dict[str, str] = field(default_factory=lambda: dict.fromkeys(BROKEN_KINDS, "keep"))
    #: old URL -> new URL, from the editable links.yaml
    mapped: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_config(cls, section: dict[str, Any], base: Any = None) -> tuple[Policy, list[str]]:
        problems: list[str] = []
        policy = cls()
        known = {"hosts", "asset_hosts", "asset_prefixes", "broken", "map"}
        for key in section:
            if key not in known:
                problems.append(f"links: unknown setting {key!r} (settings: {', '.join(sorted(known))})")
        for key in ("hosts", "asset_hosts", "asset_prefixes"):
            value = section.get(key)
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                problems.append(f"links: {key} must be a list of names")
                continue
            setattr(policy, key, tuple(value))
        broken = section.get("broken") or {}
        if not isinstance(broken, dict):
            problems.append("links: broken must map a kind to keep or unlink")
            broken = {}
        for kind, what in broken.items():
            if kind not in BROKEN_KINDS:
                problems.append(f"links: broken: unknown kind {kind!r} (kinds: {', '.join(BROKEN_KINDS)})")
            elif what not in POLICIES:
                problems.append(f"links: broken: {kind}: {what!r} is not one of {', '.join(POLICIES)}")
            else:
                policy.broken[kind] = what
        if section.get("map"):
            from .mapfile import read_map

            got, errors = read_map(section["map"], base)
            policy.mapped, problems = got, problems + errors
        return policy, problems


@dataclass
class Outcome:
    """What resolving one page found: counts by kind, and its broken links (url, line, reason, suggestion)."""

    counts: Counter[str] = field(default_factory=Counter)
    broken: list[dict[str, Any]] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)


def resolve_page(page: Page, index: Index, policy: Policy, markdown_of: Any = None) -> Outcome:
    """Rewrite ``page.markdown``'s links in place and add a diagnostic for each broken one.

    ``markdown_of(url)`` gives the Markdown of the batch page at ``url`` (anchor checks)."""
    text = page.markdown
    outcome = Outcome()
    edits: list[tuple[int, int, str | None]] = []
    own_anchors: set[str] | None = None
    for found in find_links(text):
        url = html.unescape(found.url) if found.form == "html" else _unescape(found.url)
        mapped = policy.mapped.get(url)
        res = Resolution("legacy", mapped) if mapped is not None else classify(url, index)
        outcome.counts[f"link.{res.kind}"] += 1
        if res.kind in ("page", "legacy"):
            if res.url != url and not _reaches_as_written(url, res):
                start, end = found.start, found.end
                if found.form != "html" and text[start - 1 : start] == "<" and text[end : end + 1] == ">":
                    start, end = start - 1, end + 1  # <dest with spaces>: the new URL needs no brackets
                edits.append((start, end, _escape(res.url, found)))
            if "#" in res.url and res.entry is not None and markdown_of is not None:
                _check_anchor(page, res, url, markdown_of)
        elif res.kind == "anchor" and len(url) > 1:
            if own_anchors is None:
                own_anchors = anchors(text)
            if _fragment(url) not in own_anchors:
                page.report_body(
                    "link.anchor",
                    "warning",
                    f"link to #{_fragment(url)}: no such anchor on this page",
                    _line(page, url),
                )
        elif res.kind == "asset":
            outcome.assets.append(url)
        elif res.kind == "broken":
            line = _line(page, url)
            hint = f"; did you mean {res.suggestion}?" if res.suggestion else ""
            action = policy.broken.get(res.broken_kind, "keep")
            if action == "unlink" and found.form == "md" and not found.image:
                opened = _opening_bracket(text, found.start)
                if opened is not None:
                    edits.append((opened, found.start, None))
            page.report_body(
                "link.broken",
                "warning",
                f"broken link {url}: {res.reason}{hint}" + (" (unlinked)" if action == "unlink" else ""),
                line,
            )
            outcome.broken.append(
                {"url": url, "line": page.body_line + line, "kind": res.broken_kind, "reason": res.reason}
                | ({"suggestion": res.suggestion} if res.suggestion else {})
            )
    if edits:
        page.markdown = _apply(text, edits)
    return outcome


def _reaches_as_written(url: str, res: Resolution) -> bool:
    """``/posts/x`` for the page at ``/posts/x/``: every static host serves the folder's page there, so the
    link is left as its author wrote it (a rewrite would change the page for nothing)."""
    if res.kind != "page":
        return False
    path, hash_, fragment = url.partition("#")
    new_path, new_hash, new_fragment = res.url.partition("#")
    return new_path.endswith("/") and path + "/" == new_path and (hash_, fragment) == (new_hash, new_fragment)


def _apply(text: str, edits: list[tuple[int, int, str | None]]) -> str:
    """Apply URL rewrites; an edit with ``None`` unlinks ``[label](url)`` from its ``[`` to the URL."""
    out: list[str] = []
    last = 0
    for start, end, new in sorted(edits, key=lambda e: e[0]):
        if start < last:
            continue
        if new is None:
            # start is the "[", end the URL's start: find the "](" before it and the ")" after the URL
            close = text.rfind("](", start, end)
            stop = text.find(")", end)
            if close < 0 or stop < 0:
                continue
            out.append(text[last:start])
            out.append(text[start + 1 : close])
            last = stop + 1
            continue
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return "".join(out)


def _opening_bracket(text: str, dest_start: int) -> int | None:
    close = text.rfind("](", 0, dest_start)
    depth = 0
    i = close
    stop = max(0, close - 3000)
    while i >= stop:
        ch = text[i]
        if ch == "]" and not (i > 0 and text[i - 1] == "\\"):
            depth += 1
        elif ch == "[" and not (i > 0 and text[i - 1] == "\\"):
            depth -= 1
            if depth == 0:
                return None if i > 0 and text[i - 1] == "!" else i
        i -= 1
    return None


def _check_anchor(page: Page, res: Resolution, url: str, markdown_of: Any) -> None:
    entry = res.entry
    assert entry is not None
    if entry.anchors is None:
        entry.anchors = anchors(markdown_of(entry.url) or "")
    frag = _fragment(res.url)
    if frag and frag not in entry.anchors:
        page.report_body(
            "link.anchor", "warning", f"link {url}: page {entry.url} has no anchor #{frag}", _line(page, url)
        )


def _fragment(url: str) -> str:
    from urllib.parse import unquote

    return unquote(url.split("#", 1)[1]) if "#" in url else ""


def _line(page: Page, url: str) -> int:
    """0-based body line where the source names this URL (the output's lines are not the source's)."""
    at = page.body.find(url)
    if at < 0:
        at = page.body.find(url.split("#", 1)[0].split("?", 1)[0]) if len(url) > 8 else -1
    return page.body.count("\n", 0, at) if at >= 0 else 0


def _unescape(url: str) -> str:
    return url.replace("\\\\", "\x00").replace("\\", "").replace("\x00", "\\") if "\\" in url else url


def _escape(url: str, found: Found) -> str:
    if found.form == "html":
        return url.replace("&", "&amp;").replace('"', "&quot;")
    if any(c in url for c in " ()<>"):
        return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return url
