"""Replaying a run from the last run's per-page records, so an unchanged page is neither read nor parsed.

A run that finished leaves ``OUTPUT/.migrate/records.jsonl``: for every source, its stat and the hash of
its text, and what the run made of it: the diagnostics each stage added, URL, output path, redirect
rules, stats, audit, links, the hash of the file written, and the facts other pages see (the front
matter keys the cross-page stages read, its anchors, the shortcodes it uses). The next run with the
same tool, config (and the files it names), target and options takes the *fast path* when the batch
is the same set of sources and every changed source changed below its front matter:

- an unchanged source is not read: its record stands in for the page, and its output file is only
  checked (stat, else hash) to hold the bytes recorded;
- a source whose body changed (or whose output must be written again: missing, edited by hand) goes
  through the body, link and write stages; the stages before the body (validate, route, aliases) and
  the taxonomy stage only read front matter, so with every page's front matter unchanged their
  results for it are the recorded ones; the body and link stages see the whole batch's titles, URLs
  and anchors, rebuilt from the records;
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

if TYPE_CHECKING:
    from ..stages.base import Context, Stage
    from .state import OutputState

#: a header line (version, run key), then one ``[name, record]`` line per source
RECORDS = ".migrate/records.jsonl"
RECORD_VERSION = 1
#: a stat this close to the run's start (or later) may hide a write in the same timestamp tick
RACY_NS = 2_000_000_000
#: the front matter keys other pages' stages read (wiki-link titles, link index, legacy-URL files)
EXPOSED_KEYS = ("slug", "title", "aliases", "tiki_page_id", "tags", "draft")
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
        self.old: dict[str, dict[str, Any]] = {}
        self.stats: dict[str, Stat | None] = {}
        self.new: dict[str, dict[str, Any]] = {}
        self.recorder: Recorder | None = None
        #: why the fast path was not taken (for tests and --verbose readers of the code)
        self.why_not = ""
        #: each old record's line, written back as it is when the record is (no second encoding)
        self._lines: dict[str, str] = {}
        with contextlib.suppress(OSError, ValueError, UnsafePath, TypeError, KeyError):
            lines = inside(state.out, RECORDS).read_text(encoding="utf-8").splitlines()
            head = json.loads(lines[0]) if lines else {}
            if head.get("version") == RECORD_VERSION and head.get("key") == key:
                for line in lines[1:]:
                    name, record = json.loads(line)
                    self.old[name] = record
                    self._lines[name] = line

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
        self.new = {}
        body = next((s for s in stages if s.name == "body"), None)
        keys: dict[int, str] = getattr(body, "keys", {})
        for d in unreadable:
            self.new[d.file] = {"stat": self._trusted(self.stats.get(d.file)), "unreadable": _diag_to(d)}
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
                "diagnostics": [_diag_to(d) for d in diags],
                "url": page.url,
                "output_path": page.output_path,
                "redirects": [_rule_to(r) for r in page.redirects],
                "stats": dict(page.stats),
                "audit": page.audit,
                "links": page.links,
                "meta": {k: _light(page.meta[k]) for k in EXPOSED_KEYS if k in page.meta},
                "taxonomy": rec.taxonomy.get(id(page)),
                "anchors": rec.anchors.get(id(page)),
                "shortcodes": sorted(shortcode_names(page.markdown)),
                "body_key": keys.get(id(page)),
                "output": self._written(page),
            }
            try:
                json.dumps(record, ensure_ascii=False)
            except (TypeError, ValueError):
                continue  # a value JSON cannot hold: this page is never replayed, always converted
            self.new[page.name] = record

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

    def save(self) -> None:
        """Saved only by a run that could replay: a dry run writes nothing, one file is not the batch,
        and ``--assets`` rewrites Markdown after the stages the records describe."""
        if self.state.dry_run or not self.usable:
            return
        same = [name for name, record in self.new.items() if record is self.old.get(name) and name in self._lines]
        if len(same) == len(self.new) == len(self.old):
            return  # nothing replayed differently: the file on disk says it all
        out = [json.dumps({"version": RECORD_VERSION, "key": self.key})]
        for name in sorted(self.new):
            record = self.new[name]
            known = record is self.old.get(name) and name in self._lines
            out.append(self._lines[name] if known else json.dumps([name, record], ensure_ascii=False))
        with contextlib.suppress(OSError, UnsafePath):  # records that cannot be saved only cost time
            write_inside(self.state.out, RECORDS, "\n".join(out) + "\n")

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
        from ..sources import read_page

        if not self.usable or not self.old:
            self.why_not = "no records" if self.usable else "this run cannot replay"
            return None
        if set(names) != set(self.old):
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
            got = read_page(path, name, max_size)
            if isinstance(got, Diagnostic):
                if "unreadable" not in old:
                    self.why_not = f"{name} cannot be read now"
                    return None
                unreadable[name] = got
                self.new[name] = {"stat": self._trusted(stat), "unreadable": _diag_to(got)}
                continue
            if "unreadable" in old or head_of(got) is None:
                self.why_not = f"{name} can be read now"
                return None
            if text_hash(got.text) == old["sha256"]:  # touched, same text
                kept[name] = old | {"stat": self._trusted(stat)}
                continue
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
                self.new[name] = old
                continue
            expected = old["output"]
            if expected is not None and self.state.holds(old["output_path"], expected):
                continue
            if expected is None and not old["marks"][BEFORE_WRITE][1]:
                continue  # not written last run, for a reason a stage before the write stage gave
            path = where[name]
            stat = source_stat(path)
            got = read_page(path, name, max_size)
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
        for path, name in zip(paths, names, strict=True):
            if name in unreadable:
                continue
            record = self.old[name]
            page = fresh.get(name) or Page(path, name, FrontMatter(dict(record["meta"]), "json"), "", 1)
            _restore(page, record, fresh=name in fresh)
            pages.append(page)
        redo = [p for p in pages if p.name in fresh]
        marks: dict[int, dict[str, Any]] = {id(p): {k: self.old[p.name]["marks"][k] for k in HEAD_STAGES} for p in redo}

        mark = partial(_mark, redo, marks)
        at = partial(_at, pages, fresh, self.old)

        if redo:
            got = self._redo(pages, redo, marks, fresh, ctx, by_stage)
            if got is None:
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
                page.diagnostics = [_diag_from(d) for d in self.old[page.name]["diagnostics"]]
                self.new[page.name] = kept[page.name]  # with its stat, when it was hashed this time
        keys = [self.old[p.name]["body_key"] for p in pages if p.name not in fresh and self.old[p.name]["body_key"]]
        self.state.replayed = len(keys)
        self.state.keep_cache_keys(set(keys))
        self.state.keep_memos = True
        # the changed pages' records, as a full run would leave them
        from ..targets.shortcodes import names as shortcode_names

        body_keys: dict[int, str] = getattr(by_stage["body"], "keys", {})
        for page in redo:
            self.new[page.name] = self.old[page.name] | {
                "stat": self._trusted(self.stats.get(page.name)),
                "sha256": text_hash(page.text),
                "marks": marks[id(page)],
                "diagnostics": [_diag_to(d) for d in page.diagnostics],
                "stats": dict(page.stats),
                "audit": page.audit,
                "links": page.links,
                "shortcodes": sorted(shortcode_names(page.markdown)),
                "body_key": body_keys.get(id(page)),
                "output": self._written(page),
            }
        return pages, [unreadable[n] for n in names if n in unreadable]

    def _redo(
        self,
        pages: list[Page],
        redo: list[Page],
        marks: dict[int, dict[str, Any]],
        fresh: dict[str, Page],
        ctx: Context,
        by_stage: dict[str, Stage],
    ) -> bool | None:
        """The body, taxonomy (recorded), link and write stages for the pages read again; None when what
        other pages see of them changed (the full pipeline must run)."""
        from ..links.scan import anchors
        from ..pipeline import _run_parallel, _settle

        mark = partial(_mark, redo, marks)
        at = partial(_at, pages, fresh, self.old)

        # body: the wiki-link index from every page's recorded titles, the changed bodies converted
        at("aliases")
        from ..stages.body import BodyStage

        body = by_stage["body"]
        assert isinstance(body, BodyStage), "STAGE_NAMES checked"
        body.index_titles(pages, ctx)
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
            record = self.old[page.name]
            if page.skipped:
                continue
            if record["taxonomy"] is None:
                self.why_not = f"{page.name}: its terms cannot be replayed"
                return None
            page.meta.update(record["taxonomy"])
            start, end = record["marks"]["body"][0], record["marks"]["taxonomy"][0]
            page.diagnostics.extend(_diag_from(d) for d in record["diagnostics"][start:end])
            _settle(page)
        mark("taxonomy")
        # what other pages see of a changed page must be what they saw last run
        for page in redo:
            old = self.old[page.name]
            for stage in ("body", "taxonomy"):
                if marks[id(page)][stage][1:] != list(old["marks"][stage][1:]):
                    self.why_not = f"{page.name} is written or not, unlike last run"
                    return None
            if sorted(anchors(page.markdown)) != old["anchors"]:
                self.why_not = f"the anchors of {page.name} changed"
                return None
        # links: the index of every page; anchors of replayed pages from their records
        at("taxonomy")
        links = by_stage["link"]
        links.prepare(pages, ctx)
        index = getattr(links, "index", None)
        if index is not None:
            owner = {p.url: p for p in pages if p.url}
            for entry in index.by_url.values():
                known = owner.get(entry.url)
                if known is not None and known.name not in fresh:
                    entry.anchors = set(self.old[known.name]["anchors"] or ())
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


def _rule_to(rule: Any) -> list[Any]:
    return [rule.path, rule.query, rule.target, rule.status, rule.page, rule.alias, rule.written]


def _rule_from(item: list[Any]) -> Any:
    from ..redirects.rules import Rule

    return Rule(*item)


def _restore(page: Page, record: dict[str, Any], *, fresh: bool) -> None:
    """A page as the stages before the body left it (``fresh``: read now), else as the run left it."""
    page.url = record["url"]
    page.output_path = record["output_path"]
    page.redirects = [_rule_from(r) for r in record["redirects"]]
    if fresh:
        count, page.will_write, page.skipped = record["marks"]["aliases"]
        page.diagnostics = [_diag_from(d) for d in record["diagnostics"][:count]]
        return
    page.stats = dict(record["stats"])
    page.audit = dict(record["audit"])
    page.links = dict(record["links"])


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
