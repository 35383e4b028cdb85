"""Replaying a run from the last run's per-page records, so an unchanged page is neither read nor parsed.

A run that finished leaves ``OUTPUT/.migrate/records.jsonl``: a line per source with what a re-run
decides with: its stat and the hash of its text, URL, output path, the hash of the file written,
where the page stood after each stage, the facts other pages see (the front matter keys the
cross-page stages read, the shortcodes it uses) and what the report lists of it page by page; the
header line keeps the report's totals over all pages. The rest of what the run made of a page
(diagnostics, redirect rules, stats, audit, links, anchors) and its entry in the report are texts in
the store (:mod:`migrate.incremental.store`), read only for the pages that need them.
Beside them, ``links.txt`` keeps the batch's link index (every page's URLs, names and anchors) and
wiki-link titles. The next run with the same tool, config (and the files it names), target and
options (``--ignore`` too: a replayed entry is written as it was) takes the *fast path* when the
batch is the same set of sources and every changed source changed below its front matter:

- an unchanged source is not read: its record stands in for the page, and its output file is only
  checked (stat, else hash) to hold the bytes recorded; its report entry is written as it was, and
  the totals are the last run's less those of the pages converted again;
- a source whose body changed (or whose output must be written again: missing, edited by hand) goes
  through the body, link and write stages; the stages before the body (validate, route, aliases) and
  the taxonomy stage only read front matter, so with every page's front matter unchanged their
  results for it are the recorded ones; the body and link stages see the whole batch's titles, URLs
  and anchors, from the records and the link index the last run left (the batch's front matter is
  the same, so the index is too);
- when such a page's changes reach other pages (it gains or loses an error, so it is no longer a
  link target; its anchors change), or anything else changed (a front matter edit, a page added,
  deleted or renamed), the run falls back to the full pipeline, where the body cache still spares
  the conversion of every body seen before.

Why a stat may stand for the content: the record keeps ``(size, mtime_ns, ctime_ns, inode)`` taken
*before* the file was read. Writing a file changes its mtime and ctime; replacing it (editors, git
checkout, rsync) gives it a new inode or ctime; a tool that sets the mtime back (``touch -d``,
``cp -p``) cannot set the ctime. Touching a file (new times, same bytes) breaks the stat match and
the file is hashed: same text, reused, and its new stat recorded. The one hole is a write within the
file system's timestamp granularity after our stat (git's "racy clean" case): a stat whose mtime or
ctime is within two seconds of the run's start, or in the future, is not recorded, so that file is
hashed by the next run too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fs import UnsafePath, inside, write_inside
from ..page import Diagnostic, FrontMatter, Page
from ..report import LISTED, ReportEntry, Totals
from .store import Span, Store

if TYPE_CHECKING:
    from ..links.classify import Index
    from ..stages.base import Context, Stage
    from .state import OutputState

#: a header line (version, run key, token, store generation, the report's totals), then one
#: ``[name, record]`` line per source
RECORDS = ".migrate/records.jsonl"
RECORD_VERSION = 5
#: the link index and wiki-link titles of the batch the records describe: a line with their token and
#: the titles, then one ``name<TAB>JSON`` line per part of the index (migrate.links.classify.Index.dump)
LINK_INDEX = ".migrate/links.txt"
#: a stat this close to the run's start (or later) may hide a write in the same timestamp tick
RACY_NS = 2_000_000_000
#: the front matter keys the stages read of a replayed page (wiki-link titles, link index, legacy-URL
#: files, drafts): the link index itself (tags too) is kept whole in LINK_INDEX
EXPOSED_KEYS = ("slug", "title", "aliases", "tiki_page_id", "draft")
#: the stages whose results for a page come from its front matter and the batch's front matter alone
HEAD_STAGES = ("validate", "route", "aliases")
#: the stages replay knows what each reads (migrate.stages.STAGES); any other list runs in full
STAGE_NAMES = ("validate", "route", "aliases", "body", "taxonomy", "link", "assets", "write", "site")
BEFORE_WRITE = STAGE_NAMES[STAGE_NAMES.index("write") - 1]
#: above this share of the batch to convert again, the full pipeline (parallel) is quicker
MAX_REDO_SHARE = 0.1

Stat = list[int]


def source_stat(path: Path) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def head_of(page: Page) -> str | None:
    """The page's text above its body (front matter and fences), or None when the body is not its tail."""
    if not page.text.endswith(page.body):
        return None
    return page.text[: len(page.text) - len(page.body)] + f"\0{page.body_line}"


def run_key(ctx: Context, options: dict[str, Any]) -> str:
    """What every record depends on besides its own source: tool, config and the files it names, options."""
    from .fingerprint import tool_fingerprint

    digest = hashlib.sha256()
    digest.update(tool_fingerprint().encode())
    digest.update(repr((ctx.target.name, ctx.audit, sorted(options.items()))).encode("utf-8", "surrogateescape"))
    digest.update(repr(ctx.config.data).encode("utf-8", "surrogateescape"))
    for path in sorted(_named_files(ctx.config.data, ctx.config.base)):
        with contextlib.suppress(OSError):
            digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _named_files(data: Any, base: Path) -> set[Path]:
    """Every file a config value names (rules, schemas, link maps): a change to one is a config change."""
    found: set[Path] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and value and "\n" not in value and len(value) < 4096:
            with contextlib.suppress(OSError, ValueError):
                path = base / value
                if path.is_file():
                    found.add(path.resolve())
    return found


def _light(value: Any) -> Any:
    """A front matter value as the cross-page stages see it: strings, numbers, booleans, lists; else None."""
    if isinstance(value, (str, int)):
        return value
    if isinstance(value, list):
        return [_light(v) for v in value]
    return None


def _diag_to(d: Diagnostic) -> list[Any]:
    return [d.code, d.severity, d.message, d.line, d.column, d.file, d.pointer, d.end_line, d.end_column]


def _diag_from(item: list[Any]) -> Diagnostic:
    return Diagnostic(*item)


class Recorder:
    """The ``progress`` hook of a full run: per page, after each stage, its diagnostic count and state."""

    def __init__(self, last_stage: str, then: Callable[[str, Page], None] | None) -> None:
        self.last_stage = last_stage
        self.then = then
        #: id(page) -> stage -> (diagnostics so far, will_write, skipped)
        self.marks: dict[int, dict[str, tuple[int, bool, bool]]] = {}
        #: id(page) -> anchors of its Markdown as the link stage's prepare sees it
        self.anchors: dict[int, list[str]] = {}
        #: id(page) -> every diagnostic, before the CLI leaves out ignored ones
        self.diagnostics: dict[int, list[Diagnostic]] = {}
        #: id(page) -> the front matter values the taxonomy stage set (JSON-safe), or None
        self.taxonomy: dict[int, dict[str, Any] | None] = {}
        self._before: dict[int, dict[str, Any]] = {}

    def __call__(self, stage: str, page: Page) -> None:
        self.marks.setdefault(id(page), {})[stage] = (len(page.diagnostics), page.will_write, page.skipped)
        if stage == "body":
            self._before[id(page)] = dict(page.meta)
        if stage == "taxonomy":
            from ..links.scan import anchors

            self.anchors[id(page)] = sorted(anchors(page.markdown))
            before = self._before.pop(id(page), {})
            lists = {k: v for k, v in page.meta.items() if k not in before or before[k] is not v}
            try:
                self.taxonomy[id(page)] = lists if json.loads(json.dumps(lists)) == lists else None
            except (TypeError, ValueError):
                self.taxonomy[id(page)] = None
        if stage == self.last_stage:
            self.diagnostics[id(page)] = list(page.diagnostics)
        if self.then is not None:
            self.then(stage, page)


class Replay:
    """The last run's records for one output folder, and this run's."""

    def __init__(self, state: OutputState, key: str, *, usable: bool) -> None:
        self.state = state
        self.key = key
        #: False when this run can neither replay nor leave records (dry run, one file, assets)
        self.usable = usable
        self.started_ns = time.time_ns()
        #: per source, the last run's record (its first line, decoded) and this run's
        self.old: dict[str, dict[str, Any]] = {}
        self.new: dict[str, dict[str, Any]] = {}
        #: per source, this run's cold part of its record: JSON text, or the span of the last run's
        #: in the store (``None`` for a source that could not be read)
        self.new_cold: dict[str, str | Span | None] = {}
        #: the records' cold parts and the pages' report entries (migrate.incremental.store)
        self.store = Store(state.out, "")
        self.stats: dict[str, Stat | None] = {}
        self.recorder: Recorder | None = None
        #: the link index and the wiki-link titles of this run's batch (a full run), saved with the records
        self.index: Index | None = None
        self.titles: tuple[dict[str, list[str]], dict[str, str]] | None = None
        #: names the link index with the records it goes with
        self.token = ""
        #: the report's totals over the last run's pages, and over the pages this run replays
        self.old_totals = Totals()
        self.known: Totals | None = None
        #: why the fast path was not taken (for tests and --verbose readers of the code)
        self.why_not = ""
        #: each old record's first line, written back as it is when the record is (no second encoding)
        self._lines: dict[str, str] = {}
        with contextlib.suppress(OSError, ValueError, UnsafePath, TypeError, KeyError, IndexError):
            # "\n" only: a JSON text may hold U+2028 or U+0085, which str.splitlines() would split at
            lines = inside(state.out, RECORDS).read_bytes().decode("utf-8").split("\n")
            head = json.loads(lines[0]) if lines else {}
            if head.get("version") == RECORD_VERSION and head.get("key") == key:
                self.store = Store(state.out, str(head.get("store", "")))
                old, hot_lines = {}, {}
                # one call for every line: half the time of one call per line
                for line, (name, record) in zip(lines[1:-1], json.loads(f"[{','.join(lines[1:-1])}]"), strict=True):
                    if "unreadable" not in record and not (
                        self.store.holds(record["cold"]) and self.store.holds(record["entry"]) and record["listed"]
                    ):
                        raise ValueError("a record names no text of the store")
                    old[name] = record
                    hot_lines[name] = line
                self.old, self._lines = old, hot_lines
                self.token = str(head.get("token", ""))
                self.old_totals = Totals(head["totals"])

    # -- the full run: stat before reading, record after ----------------------------------------

    def stat_all(self, paths: list[Path], names: list[str]) -> None:
        """Each source's stat, taken before it is read (a write after it then shows as a change)."""
        for path, name in zip(paths, names, strict=True):
            self.stats[name] = source_stat(path)

    def hook(self, last_stage: str, then: Callable[[str, Page], None] | None) -> Recorder:
        self.recorder = Recorder(last_stage, then)
        return self.recorder

    def remember(self, pages: list[Page], unreadable: list[Diagnostic], stages: list[Stage]) -> None:
        """This full run's records (call right after the pipeline, before diagnostics are filtered)."""
        rec = self.recorder
        if rec is None:
            return
        self.new, self.new_cold = {}, {}
        self.token = os.urandom(8).hex()
        by_stage = {s.name: s for s in stages}
        keys: dict[int, str] = getattr(by_stage.get("body"), "keys", {})
        for d in unreadable:
            self.new[d.file] = {"stat": self._trusted(self.stats.get(d.file)), "unreadable": _diag_to(d)}
            self.new_cold[d.file] = None
        from ..targets.shortcodes import names as shortcode_names

        for page in pages:
            marks = rec.marks.get(id(page))
            diags = rec.diagnostics.get(id(page))
            if marks is None or diags is None or head_of(page) is None:
                continue
            record: dict[str, Any] = {
                "stat": self._trusted(self.stats.get(page.name)),
                "sha256": text_hash(page.text),
                "head": text_hash(head_of(page) or ""),
                "marks": marks,
                "url": page.url,
                "output_path": page.output_path,
                "meta": {k: _light(page.meta[k]) for k in EXPOSED_KEYS if k in page.meta},
                "shortcodes": sorted(shortcode_names(page.markdown)),
                "body_key": keys.get(id(page)),
                "output": self._written(page),
            }
            cold = _cold_of(page, diags, rec.taxonomy.get(id(page)), rec.anchors.get(id(page)))
            if cold is None or not _encodes(record):
                continue  # a value JSON cannot hold: this page is never replayed, always converted
            self.new[page.name], self.new_cold[page.name] = record, cold
        # the link index, each page's anchors in it: a re-run of the same batch needs it as it is
        index = getattr(by_stage.get("link"), "index", None)
        if index is not None:
            anchors = {p.name: rec.anchors.get(id(p)) for p in pages}
            for table in (index.by_url, index.by_path, index.by_name, index.by_slug, index.by_name_slug, index.by_id):
                for entry in table.values():
                    if entry.anchors is None and anchors.get(entry.source) is not None:
                        entry.anchors = set(anchors[entry.source] or ())
            self.index = index
        from ..stages.body import BodyStage

        body = by_stage.get("body")
        if isinstance(body, BodyStage):
            self.titles = (body.titles, body.unwritten)

    def _trusted(self, stat: Stat | None) -> Stat | None:
        """The stat to keep, or None when it is too close to this run's start to vouch for the content."""
        if stat is None or max(stat[1], stat[2]) >= self.started_ns - RACY_NS:
            return None
        return stat

    def _written(self, page: Page) -> str | None:
        """The hash of the file this page's output path holds because of this run, or None."""
        if not page.will_write or any(d.code in ("write.hand-edited", "write.not-ours") for d in page.diagnostics):
            return None
        entry = self.state.entries.get(page.output_path)
        return entry.sha256 if entry is not None and page.output_path in self.state.claimed else None

    def save(self, entries: list[ReportEntry], totals: Totals) -> None:
        """This run's records, with each page's report entry and the report's ``totals``; saved only by a
        run that could replay: a dry run writes nothing, one file is not the batch, and ``--assets``
        rewrites Markdown after the stages the records describe."""
        if self.state.dry_run or not self.usable or not self.new:
            return
        where = {e.source: e for e in entries}
        same = [name for name, record in self.new.items() if record is self.old.get(name) and name in self._lines]
        if len(same) == len(self.new) == len(self.old) and all(where[n].origin is not None for n in same):
            return  # nothing replayed differently: the files on disk say it all
        names = sorted(self.new)
        live: list[str | Span] = []
        for name in names:
            record, cold = self.new[name], self.new_cold[name]
            if cold is None:
                continue
            entry = where[name]
            text: str | Span = entry.origin if entry.origin is not None else entry.text
            if entry.origin is None:
                counted = entry.tally
                listed = {k: counted[k] for k in LISTED[1:] if k in ("status", "written") or counted[k]}
                self.new[name] = record | {"listed": listed}
            live += [cold, text]
        with contextlib.suppress(OSError, UnsafePath, ValueError):  # records that cannot be saved only cost time
            spans = iter(self.store.save(live))
            head = {"version": RECORD_VERSION, "key": self.key, "token": self.token, "store": self.store.generation}
            head["totals"] = totals.as_json()
            out = [json.dumps(head)]
            for name in names:
                record = self.new[name]
                if self.new_cold[name] is not None:
                    at = {"cold": next(spans), "entry": next(spans)}
                    if any(record.get(k) != v for k, v in at.items()):
                        record = record | at
                known = record is self.old.get(name) and name in self._lines
                out.append(self._lines[name] if known else json.dumps([name, record], ensure_ascii=False))
            if self.index is not None and self.titles is not None:
                lines = [json.dumps({"token": self.token, "titles": self.titles}, ensure_ascii=False)]
                lines += [f"{name}\t{text}" for name, text in self.index.dump().items()]
                write_inside(self.state.out, LINK_INDEX, "\n".join(lines) + "\n")
            write_inside(self.state.out, RECORDS, "\n".join(out) + "\n")
            self.store.drop_others()

    def _index(self) -> tuple[Index, tuple[dict[str, list[str]], dict[str, str]]] | None:
        """The link index and wiki-link titles the last run left with these records, or None."""
        from ..links.classify import Index

        with contextlib.suppress(OSError, ValueError, UnsafePath, TypeError, KeyError, IndexError):
            head, *lines = inside(self.state.out, LINK_INDEX).read_bytes().decode("utf-8").split("\n")
            data = json.loads(head)
            if self.token and data.get("token") == self.token:
                titles, unwritten = data["titles"]
                parts = dict(line.split("\t", 1) for line in lines if line)
                if isinstance(titles, dict) and isinstance(unwritten, dict):
                    return Index.load(parts), (titles, unwritten)
        return None

    # -- the fast path ---------------------------------------------------------------------------

    def fast(
        self,
        paths: list[Path],
        names: list[str],
        max_size: int,
        ctx: Context,
        stages: list[Stage],
    ) -> tuple[list[Page], list[Diagnostic]] | None:
        """The batch replayed from the records, the changed pages run through the later stages; None
        when the full pipeline must run (nothing written then but body cache entries)."""
        from .. import sources
        from ..frontmatter import read_text

        if not self.usable or not self.old:
            self.why_not = "no records" if self.usable else "this run cannot replay"
            return None
        if len(names) != len(self.old) or not all(name in self.old for name in names):
            self.why_not = "pages added, deleted or renamed"
            return None
        kept: dict[str, dict[str, Any]] = {}
        fresh: dict[str, Page] = {}
        unreadable: dict[str, Diagnostic] = {}
        for path, name in zip(paths, names, strict=True):
            old = self.old[name]
            stat = source_stat(path)
            if stat is not None and stat == old.get("stat"):
                kept[name] = old
                continue
            text = sources.read_source(path, name, max_size)
            if isinstance(text, str) and "unreadable" not in old and text_hash(text) == old["sha256"]:
                kept[name] = old | {"stat": self._trusted(stat)}  # touched, same text: front matter not parsed
                continue
            got = text if isinstance(text, Diagnostic) else read_text(text, path, name)
            if isinstance(got, Diagnostic):
                if "unreadable" not in old:
                    self.why_not = f"{name} cannot be read now"
                    return None
                unreadable[name] = got
                self.new[name] = {"stat": self._trusted(stat), "unreadable": _diag_to(got)}
                self.new_cold[name] = None
                continue
            if "unreadable" in old or head_of(got) is None:
                self.why_not = f"{name} can be read now"
                return None
            if text_hash(head_of(got) or "") != old["head"]:
                self.why_not = f"the front matter of {name} changed"
                return None
            fresh[name] = got
            self.stats[name] = stat
        # an unchanged page whose output is not the one recorded (deleted, edited by hand, never
        # written) goes through the later stages too; its source is read now
        where = dict(zip(names, paths, strict=True))
        for name, old in list(kept.items()):
            if "unreadable" in old:
                unreadable[name] = _diag_from(old["unreadable"])
                self.new[name], self.new_cold[name] = old, None
                continue
            expected = old["output"]
            if expected is not None and self.state.holds(old["output_path"], expected):
                continue
            if expected is None and not old["marks"][BEFORE_WRITE][1]:
                continue  # not written last run, for a reason a stage before the write stage gave
            path = where[name]
            stat = source_stat(path)
            got = sources.read_page(path, name, max_size)
            if isinstance(got, Diagnostic) or text_hash(got.text) != old["sha256"]:
                self.why_not = f"{name} changed while read"
                return None
            fresh[name] = got
            self.stats[name] = stat
        if len(fresh) > max(8, MAX_REDO_SHARE * len(names)):
            self.why_not = f"{len(fresh)} pages to convert again"
            return None
        return self._run(paths, names, kept, fresh, unreadable, ctx, stages)

    def _run(
        self,
        paths: list[Path],
        names: list[str],
        kept: dict[str, dict[str, Any]],
        fresh: dict[str, Page],
        unreadable: dict[str, Diagnostic],
        ctx: Context,
        stages: list[Stage],
    ) -> tuple[list[Page], list[Diagnostic]] | None:
        by_stage = {s.name: s for s in stages}
        if tuple(by_stage) != STAGE_NAMES:
            self.why_not = "the stages are not the ones replay knows"
            return None
        pages: list[Page] = []
        #: the cold part of the records of the pages read again, decoded
        cold: dict[str, dict[str, Any]] = {}
        for path, name in zip(paths, names, strict=True):
            if name in unreadable:
                continue
            hot = self.old[name]
            got = fresh.get(name)
            if got is None:
                pages.append(ReplayedPage(path, name, hot, self.store))
                continue
            cold[name] = json.loads(self.store.read(hot["cold"]))
            _restore(got, hot, cold[name])
            pages.append(got)
        redo = [p for p in pages if p.name in fresh]
        marks: dict[int, dict[str, Any]] = {id(p): {k: self.old[p.name]["marks"][k] for k in HEAD_STAGES} for p in redo}

        mark = partial(_mark, redo, marks)
        at = partial(_at, pages, fresh, self.old)

        if redo and self._redo(pages, redo, marks, fresh, cold, ctx, by_stage) is None:
            return None
        at("write")
        for page in pages:
            if page.name not in fresh and page.will_write:
                self.state.claim(page.output_path)
        ctx.options["shortcodes_of"] = {p.name: self.old[p.name]["shortcodes"] for p in pages if p.name not in fresh}
        by_stage["site"].prepare(pages, ctx)
        mark("site")
        at("site")
        for page in pages:
            if page.name not in fresh:
                self.new[page.name] = kept[page.name]  # with its stat, when it was hashed this time
                self.new_cold[page.name] = self.old[page.name]["cold"]
        # the report's totals over the replayed pages: the last run's, less those of the others
        from ..report import tally, unreadable_entry

        self.known = Totals(self.old_totals.as_json())
        for name in names:
            old = self.old[name]
            if "unreadable" in old:
                self.known.add(tally(unreadable_entry(_diag_from(old["unreadable"]))), -1)
            elif name in fresh:
                self.known.add(tally(json.loads(self.store.read(old["entry"]))), -1)
        keys = [self.old[p.name]["body_key"] for p in pages if p.name not in fresh and self.old[p.name]["body_key"]]
        self.state.replayed = len(keys)
        self.state.keep_cache_keys(set(keys))
        self.state.keep_memos = True
        # the changed pages' records, as a full run would leave them
        from ..targets.shortcodes import names as shortcode_names

        body_keys: dict[int, str] = getattr(by_stage["body"], "keys", {})
        for page in redo:
            new_cold = _cold_of(page, page.diagnostics, cold[page.name]["taxonomy"], cold[page.name]["anchors"])
            record = self.old[page.name] | {
                "stat": self._trusted(self.stats.get(page.name)),
                "sha256": text_hash(page.text),
                "marks": marks[id(page)],
                "shortcodes": sorted(shortcode_names(page.markdown)),
                "body_key": body_keys.get(id(page)),
                "output": self._written(page),
            }
            if new_cold is not None and _encodes(record):  # else no record: the next run is a full one
                self.new[page.name], self.new_cold[page.name] = record, new_cold
        return pages, [unreadable[n] for n in names if n in unreadable]

    def _redo(
        self,
        pages: list[Page],
        redo: list[Page],
        marks: dict[int, dict[str, Any]],
        fresh: dict[str, Page],
        cold: dict[str, dict[str, Any]],
        ctx: Context,
        by_stage: dict[str, Stage],
    ) -> bool | None:
        """The body, taxonomy (recorded), link and write stages for the pages read again; None when what
        other pages see of them changed (the full pipeline must run)."""
        from ..links.scan import anchors
        from ..pipeline import _run_parallel, _settle

        known = self._index()
        if known is None:
            self.why_not = "no link index"
            return None
        index, titles = known
        mark = partial(_mark, redo, marks)
        at = partial(_at, pages, fresh, self.old)

        # body: the wiki-link index from every page's recorded titles, the changed bodies converted
        at("aliases")
        from ..stages.body import BodyStage

        body = by_stage["body"]
        assert isinstance(body, BodyStage), "STAGE_NAMES checked"
        body.index_titles(pages, ctx, titles)
        todo = [p for p in redo if not p.skipped]
        body.look_up(todo, ctx)
        if ctx.jobs > 1 and len(todo) >= 4 * ctx.jobs:
            _run_parallel(body, todo, ctx, _settle)
        else:
            for page in todo:
                _stage_run(body, page, ctx)
        mark("body")
        # taxonomy: the recorded lists and findings (every page's front matter is the same)
        for page in redo:
            if page.skipped:
                continue
            record, recorded = self.old[page.name], cold[page.name]
            if recorded["taxonomy"] is None:
                self.why_not = f"{page.name}: its terms cannot be replayed"
                return None
            page.meta.update(recorded["taxonomy"])
            start, end = record["marks"]["body"][0], record["marks"]["taxonomy"][0]
            page.diagnostics.extend(_diag_from(d) for d in recorded["diagnostics"][start:end])
            _settle(page)
        mark("taxonomy")
        # what other pages see of a changed page must be what they saw last run: whether it is
        # written, and its anchors
        for page in redo:
            old = self.old[page.name]
            for stage in ("body", "taxonomy"):
                if marks[id(page)][stage][1:] != list(old["marks"][stage][1:]):
                    self.why_not = f"{page.name} is written or not, unlike last run"
                    return None
            if sorted(anchors(page.markdown)) != cold[page.name]["anchors"]:
                self.why_not = f"the anchors of {page.name} changed"
                return None
        # links: the last run's index of the batch (its pages, titles and URLs are the same)
        at("taxonomy")
        from ..stages.links import LinksStage

        links = by_stage["link"]
        assert isinstance(links, LinksStage), "STAGE_NAMES checked"
        links.prepare(pages, ctx, index)
        for page in redo:
            if not page.skipped:
                _stage_run(links, page, ctx)
        mark("link")
        mark("assets")  # the assets stage does nothing without --assets (which never replays)
        # the write stage, then the site's files over the whole batch
        for page in redo:
            if not page.skipped:
                _stage_run(by_stage["write"], page, ctx)
        mark("write")
        return True


class ReplayedPage(Page):
    """A page replayed from its record, unread: what it holds beyond the front matter others see
    (diagnostics, redirect rules, stats, audit, links) is decoded from the record when first used."""

    def __init__(self, path: Path, name: str, hot: dict[str, Any], store: Store) -> None:
        front = FrontMatter(dict(hot["meta"]), "json")
        super().__init__(path, name, front, "", 1, url=hot["url"], output_path=hot["output_path"])
        for attr in _LAZY:
            del self.__dict__[attr]
        self._hot = hot
        self._store = store
        self._status: str | None = hot["listed"]["status"] if hot.get("listed") else None

    def __getattr__(self, attr: str) -> Any:
        if attr not in _LAZY or "_store" not in self.__dict__:
            raise AttributeError(attr)
        for key, value in _from_cold(json.loads(self._store.read(self._hot["cold"]))).items():
            self.__dict__.setdefault(key, value)
        return self.__dict__[attr]

    @property
    def status(self) -> str:
        return super().status if "diagnostics" in self.__dict__ or self._status is None else self._status

    @property
    def has_errors(self) -> bool:
        if "diagnostics" in self.__dict__ or self._status is None:
            return super().has_errors
        return self._status == "error"

    @property
    def known_entry(self) -> ReportEntry | None:
        """The page's report entry as the last run wrote it (its diagnostics filtered the same way)."""
        listed = self._hot.get("listed")
        if not listed:
            return None
        span = self._hot["entry"]
        return ReportEntry(self._store.reader(span), listed | {"source": self.name}, origin=span)


#: the attributes of a replayed page that are decoded when first used
_LAZY = ("diagnostics", "redirects", "stats", "audit", "links")


def _cold_of(
    page: Page, diagnostics: list[Diagnostic], taxonomy: dict[str, Any] | None, anchors: list[str] | None
) -> str | None:
    """The record's cold part (JSON text), or None when JSON cannot hold it."""
    cold = {
        "anchors": anchors,
        "diagnostics": [_diag_to(d) for d in diagnostics],
        "redirects": [_rule_to(r) for r in page.redirects],
        "stats": dict(page.stats),
        "audit": page.audit,
        "links": page.links,
        "taxonomy": taxonomy,
    }
    try:
        return json.dumps(cold, ensure_ascii=False)
    except (TypeError, ValueError):
        return None


def _from_cold(cold: dict[str, Any]) -> dict[str, Any]:
    return {
        "diagnostics": [_diag_from(d) for d in cold["diagnostics"]],
        "redirects": [_rule_from(r) for r in cold["redirects"]],
        "stats": dict(cold["stats"]),
        "audit": dict(cold["audit"]),
        "links": dict(cold["links"]),
    }


def _encodes(record: dict[str, Any]) -> bool:
    try:
        json.dumps(record, ensure_ascii=False)
    except (TypeError, ValueError):
        return False
    return True


def _rule_to(rule: Any) -> list[Any]:
    return [rule.path, rule.query, rule.target, rule.status, rule.page, rule.alias, rule.written]


def _rule_from(item: list[Any]) -> Any:
    from ..redirects.rules import Rule

    return Rule(*item)


def _restore(page: Page, record: dict[str, Any], cold: dict[str, Any]) -> None:
    """A page read again as the stages before the body left it."""
    page.url = record["url"]
    page.output_path = record["output_path"]
    page.redirects = [_rule_from(r) for r in cold["redirects"]]
    count, page.will_write, page.skipped = record["marks"]["aliases"]
    page.diagnostics = [_diag_from(d) for d in cold["diagnostics"][:count]]


def _stage_run(stage: Stage, page: Page, ctx: Context) -> None:
    """One stage on one page, as the runner does it (errors become diagnostics; will_write settled)."""
    from ..pipeline import _guarded, _settle

    _guarded(stage.name, page, stage.run, page, ctx)
    _settle(page)


def _mark(redo: list[Page], marks: dict[int, dict[str, Any]], stage: str) -> None:
    """Record where the pages read again stand after ``stage`` (diagnostics so far, written, skipped)."""
    for page in redo:
        marks[id(page)][stage] = [len(page.diagnostics), page.will_write, page.skipped]


def _at(pages: list[Page], fresh: Any, old: dict[str, Any], stage: str) -> None:
    """Replayed pages as they were after ``stage``."""
    for page in pages:
        if page.name not in fresh:
            _, page.will_write, page.skipped = old[page.name]["marks"][stage]
