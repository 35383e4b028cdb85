"""What a link points at, judged against the index of every page of the input.

Kinds: ``page`` (a page of this batch, by its new URL), ``legacy`` (an old URL of a batch page:
alias, ``/<page_id>``, ``tiki-index.php?page=...`` in any spelling, the exporter's ``/posts/<slug>``,
an absolute URL on the old wiki's host), ``anchor`` (``#x`` on the same page), ``asset`` (a file:
``/attachments/...`` or the old CDN, for ``migrate assets``), ``external``, ``other`` (mailto:, tel:,
...) or ``broken``. :func:`classify` is a pure function, so other commands can call it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, unquote_plus, urlsplit

from ..page import Page


def title_key(title: str) -> str:
    """Page names match loosely: case, spacing and dash kind do not matter."""
    return re.sub(r"\s+", " ", title.replace("–", "-").replace("—", "-")).strip().casefold()


def slug_key(text: str) -> str:
    """A name as the exporter slugged it (``/tags/<this>.html``): lowercase words joined by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


@dataclass
class Entry:
    """One page of the input, as links see it."""

    url: str
    title: str
    written: bool
    source: str
    anchors: set[str] | None = None


@dataclass
class Index:
    """Every way the input's pages can be named, to the page."""

    #: new URL (no trailing slash, casefolded) -> entry
    by_url: dict[str, Entry] = field(default_factory=dict)
    #: legacy path (decoded, casefolded, no trailing slash) -> entry
    by_path: dict[str, Entry] = field(default_factory=dict)
    #: title_key(name) -> entry (titles and alias names)
    by_name: dict[str, Entry] = field(default_factory=dict)
    by_id: dict[int, Entry] = field(default_factory=dict)
    by_slug: dict[str, Entry] = field(default_factory=dict)
    #: slug_key(title or alias name) -> entry: the exporter's spelling of a page name
    by_name_slug: dict[str, Entry] = field(default_factory=dict)
    #: tag slug -> the URL of its page, when the target builds one
    tags: dict[str, str] = field(default_factory=dict)
    #: the old wiki's host names, casefolded
    hosts: frozenset[str] = frozenset()
    #: hosts and path prefixes that hold files (the old CDN)
    asset_prefixes: tuple[str, ...] = ("/attachments/",)
    asset_hosts: frozenset[str] = frozenset()
    section: str = "posts"

    #: the maps that name a page (by ``title_key``, slug, path...)
    _MAPS = ("by_url", "by_path", "by_name", "by_slug", "by_name_slug")

    def dump(self) -> dict[str, str]:
        """The index as JSON texts, one per part (each page's entry is one), for :meth:`load`, which
        decodes a part when first used."""
        number: dict[int, int] = {}
        entries: list[list[Any]] = []
        for table in (*(getattr(self, m) for m in self._MAPS), self.by_id):
            for entry in table.values():
                if id(entry) not in number:
                    number[id(entry)] = len(entries)
                    anchors = None if entry.anchors is None else sorted(entry.anchors)
                    entries.append([entry.url, entry.title, entry.written, entry.source, anchors])
        parts: dict[str, Any] = {
            **{m: {k: number[id(e)] for k, e in getattr(self, m).items()} for m in self._MAPS},
            "by_id": [[k, number[id(e)]] for k, e in self.by_id.items()],
            "tags": self.tags,
            "rest": [sorted(self.hosts), list(self.asset_prefixes), sorted(self.asset_hosts), self.section],
        }
        parts |= {f"e{n}": entry for n, entry in enumerate(entries)}
        return {name: json.dumps(part, ensure_ascii=False) for name, part in parts.items()}

    @classmethod
    def load(cls, parts: dict[str, str]) -> Index:
        """The index :meth:`dump` wrote; a part is decoded when first used (a malformed one raises
        ``KeyError``, ``TypeError`` or ``ValueError`` then)."""
        if not {*cls._MAPS, "by_id", "tags", "rest"} <= set(parts):
            raise ValueError("not the parts of a link index")
        hosts, prefixes, asset_hosts, section = json.loads(parts["rest"])
        index = _Stored(
            hosts=frozenset(hosts), asset_prefixes=tuple(prefixes), asset_hosts=frozenset(asset_hosts), section=section
        )
        for name in (*cls._MAPS, "by_id", "tags"):
            del index.__dict__[name]
        index._parts = parts
        index._entries = {}
        return index


class _Stored(Index):
    """An index loaded from :meth:`Index.dump`'s parts: each map, and each page's entry, decoded when
    first used (a re-run that converts one page looks up a few of its links, not the whole batch)."""

    _parts: dict[str, str]
    _entries: dict[int, Entry]

    def __getattr__(self, name: str) -> Any:
        parts = self.__dict__.get("_parts")
        if parts is None or name not in (*self._MAPS, "by_id", "tags"):
            raise AttributeError(name)
        data = json.loads(parts[name])
        if name == "tags":
            value: dict[Any, Any] = {str(k): str(v) for k, v in data.items()}
        elif name == "by_id":
            value = _Numbered({int(k): int(n) for k, n in data}, self._entry)
        else:
            value = _Numbered({str(k): int(n) for k, n in data.items()}, self._entry)
        setattr(self, name, value)
        return value

    def _entry(self, n: int) -> Entry:
        """Entry ``n``: one object however many maps name it (what a run sets on it, all of them see)."""
        entry = self._entries.get(n)
        if entry is None:
            url, title, written, source, anchors = json.loads(self._parts[f"e{n}"])
            anchors = None if anchors is None else set(anchors)
            self._entries[n] = entry = Entry(str(url), str(title), bool(written), str(source), anchors)
        return entry


class _Numbered(dict[Any, Any]):
    """A map of a loaded index: it holds entry numbers, each decoded to its entry when looked up."""

    def __init__(self, data: dict[Any, int], entry: Callable[[int], Entry]) -> None:
        super().__init__(data)
        self._entry = entry

    def __getitem__(self, key: Any) -> Entry:
        return self._entry(super().__getitem__(key))

    def get(self, key: Any, default: Any = None) -> Any:
        n = super().get(key)
        return default if n is None else self._entry(n)

    def values(self) -> list[Entry]:  # type: ignore[override]  # a list, not a view: entries decoded
        return [self._entry(n) for n in super().values()]

    def items(self) -> list[tuple[Any, Entry]]:  # type: ignore[override]  # a list, not a view: entries decoded
        return [(k, self._entry(n)) for k, n in super().items()]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, dict) and dict(self.items()) == dict(other.items())

    __hash__ = None  # a dict's: unhashable


def _norm_path(path: str) -> str:
    return unquote_plus(path).rstrip("/").casefold() or "/"


def build_index(
    pages: Iterable[Page],
    written: Any,
    *,
    hosts: Iterable[str] = (),
    asset_hosts: Iterable[str] = (),
    asset_prefixes: Iterable[str] = ("/attachments/",),
    tag_url: Any = None,
    section: str = "posts",
) -> Index:
    """The index of ``pages``; ``written(page)`` says whether a page will be written, ``tag_url(slug)``
    gives the URL of a tag's page (None when the target builds none)."""
    index = Index(
        hosts=frozenset(h.casefold() for h in hosts),
        asset_hosts=frozenset(h.casefold() for h in asset_hosts),
        asset_prefixes=tuple(asset_prefixes),
        section=section,
    )
    for page in pages:
        meta = page.meta
        slug = meta.get("slug")
        if not page.url or not isinstance(slug, str):
            continue
        title: str = meta["title"] if isinstance(meta.get("title"), str) else slug
        entry = Entry(page.url, title, bool(written(page)), page.name)
        index.by_url.setdefault(page.url.rstrip("/").casefold(), entry)
        index.by_slug.setdefault(slug.casefold(), entry)
        index.by_path.setdefault(f"/{section}/{slug}".casefold(), entry)
        names = [title]
        for alias in meta.get("aliases") or []:
            if isinstance(alias, str) and alias.startswith("/"):
                index.by_path.setdefault(_norm_path(alias.split("?", 1)[0]), entry)
                name = unquote_plus(alias.lstrip("/"))
                if name and not name.isdigit():
                    names.append(name)
        for name in names:
            index.by_name.setdefault(title_key(name), entry)
            index.by_name_slug.setdefault(slug_key(name), entry)
        page_id = meta.get("tiki_page_id")
        if isinstance(page_id, int) and not isinstance(page_id, bool):
            index.by_id.setdefault(page_id, entry)
            index.by_path.setdefault(f"/{page_id}", entry)
        if tag_url is not None:
            for tag in meta.get("tags") or []:
                if isinstance(tag, str) and tag.strip():
                    url = tag_url(tag)
                    if url:
                        index.tags.setdefault(slug_key(tag), url)
    return index


@dataclass(frozen=True)
class Resolution:
    kind: str
    #: the URL to write (for page/legacy: the page's new URL, anchor kept)
    url: str = ""
    #: for broken links: why, and what might have been meant
    reason: str = ""
    suggestion: str = ""
    #: the page a page/legacy link reaches
    entry: Entry | None = None
    #: "tag", "missing-page", "not-written", "other": the policy key of a broken link
    broken_kind: str = ""


_OTHER_SCHEMES = re.compile(r"^(?:mailto|tel|ftp|data|javascript|news|irc|sms|file):", re.I)
_TAG_PATH = re.compile(r"^/tags/([^/?#]+?)(?:\.html?)?/?$", re.I)
_TIKI_INDEX = re.compile(r"(?:^|/)tiki-index\.php$", re.I)


def classify(url: str, index: Index) -> Resolution:
    """What ``url`` (as written in a page) points at."""
    raw = url.strip()
    if not raw:
        return Resolution("other")
    if raw.startswith("#"):
        return Resolution("anchor", raw)
    if _OTHER_SCHEMES.match(raw):
        return Resolution("other")
    try:
        parts = urlsplit(raw)
    except ValueError:
        return Resolution("broken", reason="not a valid URL", broken_kind="other")
    host = (parts.hostname or "").casefold()
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return Resolution("other")
    if host and host in index.asset_hosts:
        return Resolution("asset")
    if host and host not in index.hosts:
        return Resolution("external")
    path = parts.path
    if not host and not path.startswith("/"):
        # relative: only Tiki's own pages are links we can place; other relative files stay as they are
        if _TIKI_INDEX.search(path):
            path = "/" + path.rsplit("/", 1)[-1]
        else:
            return Resolution("other")
    fragment = ("#" + parts.fragment) if parts.fragment else ""
    if any(path.startswith(p) for p in index.asset_prefixes):
        return Resolution("asset")
    return _internal(path, parts.query, fragment, index, bool(host))


def _internal(path: str, query: str, fragment: str, index: Index, absolute: bool) -> Resolution:
    entry: Entry | None = None
    legacy = True
    if _TIKI_INDEX.search(path):
        params = dict(p.partition("=")[::2] for p in query.split("&") if p)
        if "page" in params:
            name = unquote_plus(params["page"])
            entry = index.by_name.get(title_key(name))
            if entry is None:
                return _broken_name(name, index, "no page of this input is named so")
        elif "page_id" in params and params["page_id"].isdigit():
            entry = index.by_id.get(int(params["page_id"]))
            if entry is None:
                return Resolution("broken", reason="no page of this input has this page id", broken_kind="missing-page")
        else:
            return Resolution("broken", reason="a Tiki page address with no page name", broken_kind="other")
    else:
        key = path.rstrip("/").casefold() or "/"
        if not absolute and key in index.by_url and not query:
            entry, legacy = index.by_url[key], False
        else:
            entry = index.by_path.get(_norm_path(path))
            if entry is None:
                tag = _TAG_PATH.match(unquote(path))
                if tag:
                    return _tag(tag.group(1), index)
                if path.casefold().startswith(f"/{index.section}/"):
                    name = unquote_plus(path.rstrip("/").rsplit("/", 1)[-1])
                    return _broken_name(name, index, "no page of this input has this address")
                if absolute:
                    name = unquote_plus(path.strip("/"))
                    entry = index.by_name.get(title_key(name)) if name else None
                    if entry is None:
                        return _broken_name(name, index, "no page of this input has this old address")
                else:
                    return _broken_name(unquote_plus(path.strip("/")), index, "no page of this input has this address")
    if not entry.written:
        return Resolution(
            "broken", reason=f"page {entry.source} is not written", broken_kind="not-written", entry=entry
        )
    return Resolution("legacy" if legacy else "page", entry.url + fragment, entry=entry)


def _tag(label: str, index: Index) -> Resolution:
    """``/tags/<label>.html``: the exporter's wiki links it could not resolve, named by slug."""
    key = slug_key(unquote_plus(label))
    entry = index.by_slug.get(key) or index.by_name_slug.get(key)
    if entry is not None and entry.written:
        return Resolution("legacy", entry.url, entry=entry)
    if key in index.tags:
        return Resolution("legacy", index.tags[key])
    return _broken_name(label, index, "a tag page that does not exist", kind="tag")


def _broken_name(name: str, index: Index, reason: str, kind: str = "missing-page") -> Resolution:
    return Resolution("broken", reason=reason, suggestion=suggest(name, index), broken_kind=kind)


def suggest(name: str, index: Index) -> str:
    """A page URL whose title or alias name is close to ``name``, else a tag page; "" when none is."""
    key = slug_key(name)
    if not key:
        return ""
    from rapidfuzz import fuzz, process

    got = process.extractOne(key, list(index.by_name_slug), scorer=fuzz.ratio, score_cutoff=88)
    if got is not None:
        entry = index.by_name_slug[got[0]]
        if entry.written:
            return entry.url
    got = process.extractOne(key, list(index.tags), scorer=fuzz.ratio, score_cutoff=88) if index.tags else None
    return index.tags[got[0]] if got is not None else ""
