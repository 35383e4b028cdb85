"""Redirect rules: which legacy URLs a page answers to, and the checks across a batch.

A rule's source is kept as servers see it after percent-decoding (``path``, ``+`` kept as is) plus,
for Tiki's ``tiki-index.php?page=...`` forms, the raw query as browsers send it. Each format turns
that into its own matching syntax: decoded paths for nginx ``$uri``/Apache/Caddy, the wire form
(percent-encoded, as browsers send it) for hosted platforms and plain maps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, unquote_plus, urlsplit

from ..page import Page
from .guards import HUGO, MAX_SOURCE_BYTES, Reserved, alias_problem, server_view, target_problem

#: Tiki endpoints with no page in the new site: answered with 410 where the format can say so.
DEFAULT_GONE = (
    "/tiki-print.php",
    "/tiki-print_article.php",
    "/tiki-editpage.php",
    "/tiki-share.php",
    "/tiki-comment-list",
    "/tiki-list_file_gallery.php",
    "/tiki-pagehistory.php",
    "/tiki-backlinks.php",
    "/tiki-slideshow.php",
    "/tiki-export_wiki_pages.php",
    "/tiki-tell_a_friend.php",
    "/tiki-register.php",
    "/tiki-login_scr.php",
    "/tiki-lastchanges.php",
)

#: How a space in a Tiki page name may appear; "-" and "_" only where the wiki's SEFURL setting allowed them.
SPACE_FORMS = ("+", "%20", "-", "_")

# Browsers leave these unencoded in a path (WHATWG path percent-encode set is the complement).
_PATH_SAFE = "/!$&'()*+,;=:@-._~[]^|"
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Options:
    """The ``redirects:`` config section as data."""

    spaces: tuple[str, ...] = ("+", "%20")
    tiki_index: bool = True
    page_id: bool = True
    raw_utf8: bool = True
    trailing_slash: bool = False
    gone: tuple[str, ...] = DEFAULT_GONE
    base_url: str = ""
    #: format name -> most rules its platform keeps (hosted platforms only).
    limits: dict[str, int] = field(default_factory=dict, hash=False, compare=False)
    #: what the target's site serves itself (set from the target, not the config)
    reserved: Reserved = field(default=HUGO, hash=False, compare=False)

    def limit(self, fmt: str, default: int) -> int:
        return self.limits.get(fmt, default)

    @classmethod
    def from_config(cls, section: dict[str, Any]) -> tuple[Options, list[str]]:
        """Options and one message per unusable setting (the default is kept for it)."""
        problems: list[str] = []
        kw: dict[str, Any] = {}
        spaces = section.get("spaces")
        if spaces is not None:
            if isinstance(spaces, list) and all(s in SPACE_FORMS for s in spaces):
                kw["spaces"] = tuple(dict.fromkeys(spaces))
            else:
                problems.append(f"redirects.spaces must be a list of {', '.join(SPACE_FORMS)}")
        for key in ("tiki_index", "page_id", "raw_utf8", "trailing_slash"):
            if key in section:
                if isinstance(section[key], bool):
                    kw[key] = section[key]
                else:
                    problems.append(f"redirects.{key} must be true or false")
        gone = section.get("gone")
        if gone is not None:
            if isinstance(gone, list) and all(isinstance(g, str) and g.startswith("/") for g in gone):
                kw["gone"] = tuple(g for g in gone if not _CONTROL.search(g))
            else:
                problems.append("redirects.gone must be a list of paths starting with '/'")
        base = section.get("base_url")
        if base is not None:
            if isinstance(base, str) and re.fullmatch(r"https?://[^\s/?#\"'$\\]+", base.rstrip("/")):
                kw["base_url"] = base.rstrip("/")
            else:
                problems.append("redirects.base_url must look like https://example.org")
        limits = section.get("limits")
        if limits is not None:
            if isinstance(limits, dict) and all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in limits.values()
            ):
                kw["limits"] = {str(k): v for k, v in limits.items()}
            else:
                problems.append("redirects.limits must map format names to rule counts")
        return cls(**kw), problems


@dataclass(frozen=True, order=True)
class Rule:
    """``path[?query] -> target`` with ``status``; ``status`` 410 rules match ``path`` as a prefix."""

    path: str
    query: str | None
    target: str
    status: int = 301
    #: page name for diagnostics, and the index of the alias the rule comes from (-1: tiki_page_id).
    page: str = field(default="", compare=False)
    alias: int = field(default=-1, compare=False)
    written: bool = field(default=False, compare=False)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.path, self.query)

    def source(self, raw: bool = False) -> str:
        """The source as a browser sends it: percent-encoded, or with raw UTF-8 kept when ``raw``."""
        wire = encode_path(self.path, raw)
        return wire if self.query is None else f"{wire}?{self.query}"

    def spellings(self, raw_utf8: bool) -> list[str]:
        """The source as browsers send it: percent-encoded, and raw UTF-8 too when asked (no twins)."""
        return list(dict.fromkeys([self.source(), self.source(raw=True)] if raw_utf8 else [self.source()]))

    def display(self) -> str:
        return self.source(raw=True)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def encode_path(path: str, raw: bool = False) -> str:
    if not raw or path.isascii():
        return quote(path, safe=_PATH_SAFE)
    # Quote the ASCII runs only; non-ASCII text stays raw UTF-8.
    out, last = [], 0
    for m in _NON_ASCII.finditer(path):
        out += [quote(path[last : m.start()], safe=_PATH_SAFE), m.group(0)]
        last = m.end()
    out.append(quote(path[last:], safe=_PATH_SAFE))
    return "".join(out)


def encode_target(url: str) -> str:
    """A target URL safe in every format: no spaces, quotes, ``$`` or non-ASCII left raw."""
    return quote(url, safe="/:@-._~!&'()*+,;=?#%")


def _query_value_forms(name: str, opts: Options) -> set[str]:
    """``page=`` values as Tiki's links (PHP urlencode) and hand-written links sent them."""
    out: set[str] = set()
    for space in opts.spaces:
        if space not in ("+", "%20"):
            continue
        strict = quote(name, safe="-_.").replace("%20", space)
        # Hand-written or pasted links: only what would break the query is encoded.
        loose = quote(name, safe="!$'()*,;:@/?~-._[]^|").replace("%20", space)
        out.update((strict, loose))
    if opts.raw_utf8:
        out |= {_raw_utf8(v) for v in out}
    return out


def _raw_utf8(wire: str) -> str:
    """Percent-encoded non-ASCII bytes back to raw UTF-8, other escapes untouched."""
    return re.sub(r"(?:%[89A-F][0-9A-F])+", lambda m: unquote(m.group(0), errors="strict"), wire)


def _tiki_name(path: str) -> str | None:
    """The Tiki page name a one-segment SEFURL path stands for, else None."""
    seg = path[1:]
    if not seg or "/" in seg or seg.isdigit() or seg.endswith(".php"):
        return None
    return unquote_plus(seg)


@dataclass
class Derived:
    rules: list[Rule]
    #: (alias index, severity, code, message)
    problems: list[tuple[int, str, str, str]]


def derive(page: Page, opts: Options) -> Derived:
    """Every source this page answers to, from its aliases and ``tiki_page_id``."""
    out: dict[tuple[str, str | None], Rule] = {}
    problems: list[tuple[int, str, str, str]] = []
    target = encode_target(opts.base_url + page.url) if page.url else ""
    if not target:
        return Derived([], [])
    unsafe = target_problem(page.url)
    if unsafe:
        return Derived([], [(-2, "warning", "redirect.unsafe-target", unsafe)])  # the slug error says why
    aliases = page.meta.get("aliases")
    if aliases is None:
        aliases = []
    if not isinstance(aliases, list):
        return Derived([], [(-2, "error", "redirect.bad-alias", "'aliases' must be a list of URL paths")])

    too_long: dict[int, list[tuple[str, str]]] = {}

    def add(path: str, query: str | None, idx: int, written: bool = False) -> None:
        if _CONTROL.search(path.replace(" ", "")) or (query and _CONTROL.search(query)):
            return
        rule = Rule(path, query, target, 301, page.name, idx, written)
        if len(rule.source().encode()) > MAX_SOURCE_BYTES:
            # a map holding it would not load; the alias as written is an error, a derived spelling a warning
            too_long.setdefault(idx, []).append(("error" if written else "warning", rule.display()[:40]))
            return
        if rule.key not in out or written:
            out[rule.key] = rule
        if opts.trailing_slash and query is None and not path.endswith("/"):
            slash = Rule(path + "/", None, target, 301, page.name, idx)
            out.setdefault(slash.key, slash)

    def add_name(name: str, idx: int) -> None:
        for space in opts.spaces:
            if space == "+":
                add("/" + name.replace(" ", "+"), None, idx)
            elif space == "%20":
                add("/" + name, None, idx)
            else:
                add("/" + name.replace(" ", space), None, idx)
        if opts.tiki_index:
            for value in sorted(_query_value_forms(name, opts)):
                add("/tiki-index.php", "page=" + value, idx)

    for idx, alias in enumerate(aliases):
        if not isinstance(alias, str) or not alias.strip():
            problems.append((idx, "error", "redirect.bad-alias", f"alias {alias!r} is not a URL path"))
            continue
        if _CONTROL.search(alias.strip()):
            problems.append((idx, "error", "redirect.bad-alias", f"alias {alias!r} holds spaces or control characters"))
            continue
        guard = alias_problem(alias.strip(), opts.reserved)
        if guard:
            problems.append((idx, "error", *guard))
            continue
        parts = urlsplit(alias.strip())
        path = parts.path or "/"
        if not path.startswith("/"):
            problems.append((idx, "error", "redirect.bad-alias", f"alias {alias!r} must start with '/'"))
            continue
        decoded = unquote(path)
        if path.lower() == "/tiki-index.php" and parts.query:
            query = parts.query
            m = re.fullmatch(r"page=([^&#]*)", query)
            if m:
                # The wire form as written, then every other spelling of the same page name.
                add("/tiki-index.php", query, idx, written=True)
                add_name(unquote_plus(m.group(1)), idx)
            else:
                add("/tiki-index.php", query, idx, written=True)
            continue
        # Throwaway query strings (?refresh=1) on other aliases: the path alone is the source.
        add(decoded, None, idx, written=True)
        name = _tiki_name(path)
        if name is not None:
            add_name(name, idx)
    page_id = page.meta.get("tiki_page_id")
    if opts.page_id and isinstance(page_id, int) and not isinstance(page_id, bool) and page_id > 0:
        idx = -1
        for i, a in enumerate(aliases):
            if isinstance(a, str) and a.strip() == f"/{page_id}":
                idx = i
        add("/tiki-index.php", f"page_id={page_id}", idx)
    for idx, spellings in too_long.items():
        problems.append(
            (
                idx,
                "error" if any(sev == "error" for sev, _ in spellings) else "warning",
                "redirect.too-long",
                f"{len(spellings)} spelling(s) of this alias (like {spellings[0][1]}…) are longer than the "
                f"{MAX_SOURCE_BYTES:,} bytes every server format can hold; left out so the map still loads",
            )
        )
    # rules with and without a query side by side: None and str do not compare
    return Derived(sorted(out.values(), key=lambda r: (r.path, r.query is not None, r.query or "")), problems)


def gone_rules(opts: Options) -> list[Rule]:
    return [Rule(p, None, "", 410) for p in opts.gone]


@dataclass
class Finding:
    """A cross-page problem: ``(page name, alias index)`` pairs it concerns."""

    severity: str
    code: str
    message: str
    where: list[tuple[str, int]]


def check(
    rules_by_page: dict[str, list[Rule]], urls: dict[str, str], live: set[str]
) -> tuple[dict[str, list[Rule]], list[Finding]]:
    """Cross-page checks; returns the rules to emit per page and the findings.

    ``urls``: page name -> its URL; ``live``: names of pages that will be written.
    Duplicates, live-URL clashes and loops are errors and their rules are dropped;
    chains through a page that is not written are collapsed; case-only twins are warned about.
    """
    findings: list[Finding] = []
    owners: dict[tuple[str, str | None], list[Rule]] = {}
    for rules in rules_by_page.values():
        for r in rules:
            owners.setdefault(r.key, []).append(r)
    drop: set[tuple[str, str | None]] = set()
    for key, claimed in owners.items():
        names = sorted({r.page for r in claimed})
        if len(names) > 1:
            drop.add(key)
            for r in claimed:
                others = ", ".join(n for n in names if n != r.page)
                findings.append(
                    Finding(
                        "error",
                        "redirect.duplicate",
                        f"legacy URL {claimed[0].display()} is also claimed by {others}",
                        [(r.page, r.alias)],
                    )
                )
    # compared as the most forgiving server matches (nginx map keys ignore case, slashes merge)
    live_paths = {_norm(urls[n]).casefold(): n for n in live if urls.get(n)}
    for key, claimed in owners.items():
        path, query = key
        if query is not None or key in drop:
            continue
        owner = live_paths.get(_norm(server_view(path)))
        if owner is None:
            continue
        drop.add(key)
        for r in claimed:
            if owner == r.page:
                findings.append(
                    Finding(
                        "warning",
                        "redirect.self",
                        f"alias {r.display()} is the page's own URL; skipped",
                        [(r.page, r.alias)],
                    )
                )
            else:
                findings.append(
                    Finding(
                        "error",
                        "redirect.live-url",
                        f"legacy URL {r.display()} is the live URL of {owner}",
                        [(r.page, r.alias)],
                    )
                )
    # Chains: a target that is itself a source (a page that is not written, whose URL another page claims).
    by_source = {k: v[0] for k, v in owners.items() if k not in drop and len({r.page for r in v}) == 1}
    final: dict[tuple[str, str | None], str] = {}
    for key, rule in by_source.items():
        seen = [key]
        target = rule.target
        loop = False
        for _ in range(len(by_source) + 1):
            nxt = by_source.get((_norm_target(target), None)) or by_source.get((_norm_target(target) + "/", None))
            if nxt is None:
                break
            if nxt.key in seen:
                loop = True
                break
            seen.append(nxt.key)
            target = nxt.target
        if loop:
            drop.add(key)
            findings.append(
                Finding(
                    "error",
                    "redirect.loop",
                    f"legacy URL {rule.display()} redirects in a loop through "
                    + " -> ".join(by_source[k].page for k in seen),
                    [(rule.page, rule.alias)],
                )
            )
        elif target != rule.target:
            final[key] = target
            findings.append(
                Finding(
                    "info",
                    "redirect.chain",
                    f"legacy URL {rule.display()} went through {len(seen) - 1} more redirect(s); now goes to {target}",
                    [(rule.page, rule.alias)],
                )
            )
    # Case-only twins: nginx, Caddy's path matcher and hosted platforms may treat them as one.
    folded: dict[tuple[str, str | None], list[Rule]] = {}
    for key, claimed in owners.items():
        if key in drop:
            continue
        folded.setdefault((key[0].casefold(), (key[1] or "").casefold() or None), []).append(claimed[0])
    for twins in folded.values():
        pages = sorted({r.page for r in twins})
        if len({r.key for r in twins}) > 1 and len(pages) > 1:
            for r in twins:
                others = ", ".join(f"{t.display()} ({t.page})" for t in twins if t.page != r.page)
                findings.append(
                    Finding(
                        "warning",
                        "redirect.case",
                        f"legacy URL {r.display()} differs only in case from {others}; "
                        "case-insensitive servers send both to one page",
                        [(r.page, r.alias)],
                    )
                )
    out: dict[str, list[Rule]] = {}
    for name, rules in rules_by_page.items():
        kept = []
        for r in rules:
            if r.key in drop:
                continue
            if r.key in final:
                r = Rule(r.path, r.query, final[r.key], r.status, r.page, r.alias, r.written)
            kept.append(r)
        out[name] = kept
    return out, findings


def _norm(path: str) -> str:
    return unquote(path).rstrip("/") or "/"


def _norm_target(target: str) -> str:
    parts = urlsplit(target)
    return unquote(parts.path).rstrip("/") or "/"


def flatten(pages: Iterable[Page]) -> list[Rule]:
    """Every page's rules in a stable order, each source once (first page wins)."""
    seen: set[tuple[str, str | None]] = set()
    out: list[Rule] = []
    for page in pages:
        for r in page.redirects:
            if isinstance(r, Rule) and r.key not in seen:
                seen.add(r.key)
                out.append(r)
    return out
