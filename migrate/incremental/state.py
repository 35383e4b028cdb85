"""What a run wrote, so the next run knows its own files: never clobber a hand edit, prune only ours.

:class:`OutputState` is opened once per ``convert`` run on the output folder. The write stage asks it
to :meth:`~OutputState.put` each page; :meth:`~OutputState.finish` then finds stale outputs (their
source is gone, or now writes elsewhere), prunes them when asked, and saves the manifest.

A file is *ours* when its bytes hash to what we recorded writing at that path: the manifest, plus the
journal of writes made since the manifest was last saved (one line appended before each rename, so a
run killed at any point still knows every file it may have written).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fs import TMP_DIR, UnsafePath, crash_point, inside, write_inside
from ..page import Diagnostic

STATE_DIR = ".migrate"
MANIFEST = f"{STATE_DIR}/manifest.json"
JOURNAL = f"{STATE_DIR}/journal"
PROPOSED = f"{STATE_DIR}/new"
MANIFEST_VERSION = 1
#: the source recorded for the site's own files (skeleton, legacy-URL stubs and maps): no page owns them
SITE = "(site)"


class StateBusy(Exception):
    """Another run holds the output folder."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Entry:
    """One output file we wrote: the hash of our bytes, its source, and its stat when we last saw it."""

    sha256: str
    source: str
    #: (size, mtime_ns, inode) of the file holding exactly our bytes: a fast "unchanged" check
    stat: tuple[int, int, int] | None = None
    #: hashes also written at this path by a run that did not finish (from the journal)
    pending: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        """The manifest's record (pending hashes are settled before saving)."""
        out: dict[str, Any] = {"sha256": self.sha256, "source": self.source}
        if self.stat:
            out["stat"] = list(self.stat)
        return out


@dataclass
class Outcome:
    """What :meth:`OutputState.put` did with one page's file."""

    #: written | unchanged | hand-edited | overwritten | not-ours | kept (a skeleton file the user edited)
    status: str
    message: str = ""


@dataclass
class Totals:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    hand_edited: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    not_ours: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    #: the site's own files (skeleton, legacy-URL files) written or found up to date: not pages
    site_written: list[str] = field(default_factory=list)
    site_unchanged: list[str] = field(default_factory=list)


def _stat_of(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class OutputState:
    """The manifest of one output folder, held for one run (with a lock against a second run)."""

    def __init__(
        self, out_dir: Path, *, shown: str = "", dry_run: bool = False, overwrite: bool = False, prune: bool = False
    ) -> None:
        self.out = out_dir
        #: the output folder as the user named it, for messages
        self.shown = (shown or str(out_dir)).rstrip("/")
        self.dry_run = dry_run
        self.overwrite = overwrite
        self.prune = prune
        self.entries: dict[str, Entry] = {}
        self.totals = Totals()
        self._journal: Any = None
        self._lock: Any = None
        self._claimed: set[str] = set()
        self._memos: dict[str, Any] = {}
        self._body_cache: Any = None
        #: pages replayed from the last run's records (migrate.incremental.replay): reused, not looked up
        self.replayed = 0
        #: body cache entries the replayed pages stand on: kept, though this run did not look them up
        self._kept_keys: set[str] = set()
        #: keep the memos' entries this run did not use (a replayed run uses few)
        self.keep_memos = False

    def body_cache(self, **kw: Any) -> Any:
        """The run's :class:`~migrate.incremental.bodycache.BodyCache` (unused entries dropped at the end)."""
        from .bodycache import BodyCache

        self._body_cache = BodyCache(self.out, write=not self.dry_run, **kw)
        return self._body_cache

    @property
    def reused(self) -> int:
        """Pages whose body came from the cache (or, replayed, from the last run's record)."""
        return self.replayed + (self._body_cache.reused if self._body_cache is not None else 0)

    @property
    def claimed(self) -> set[str]:
        """The output paths this run wrote or found up to date."""
        return self._claimed

    def keep_cache_keys(self, keys: set[str]) -> None:
        self._kept_keys |= keys

    def holds(self, rel: str, digest: str) -> bool:
        """Whether ``rel`` holds exactly the bytes hashing to ``digest``, which we wrote (a stat match
        with the manifest spares reading it)."""
        entry = self.entries.get(rel)
        if entry is None or digest not in (entry.sha256, *entry.pending):
            return False
        if entry.stat is not None and entry.sha256 == digest:
            # read only: one lstat; a link (planted or not) is never taken for our file
            try:
                st = os.lstat(os.path.join(self.out, rel))
            except OSError:
                return False
            if stat.S_ISREG(st.st_mode) and (st.st_size, st.st_mtime_ns, st.st_ino) == entry.stat:
                return True
        try:
            final = inside(self.out, rel)
            if self._current_hash(final, entry) != digest:
                return False
        except (OSError, UnsafePath):
            return False
        if entry.sha256 == digest:
            entry.stat = _stat_of(final)  # hashed (the folder was copied, restored...): a stat next time
        return True

    def claim(self, rel: str) -> None:
        """``rel`` is up to date: a page replayed from its record (checked with :meth:`holds`)."""
        self._claimed.add(rel)
        self.totals.unchanged.append(rel)

    def memo(self, name: str) -> Any:
        """The run's :class:`~migrate.incremental.memo.Memo` called ``name`` (saved by :meth:`save`)."""
        if name not in self._memos:
            from .memo import Memo

            self._memos[name] = Memo(self.out, name, write=not self.dry_run)
        return self._memos[name]

    # -- opening: lock, clean, load -------------------------------------------------------------

    @classmethod
    def open(cls, out_dir: Path, **kw: Any) -> OutputState:
        state = cls(out_dir, **kw)
        if not state.dry_run:
            state._take_lock()
            state._clean_temporary()
        state._load()
        return state

    def _take_lock(self) -> None:
        folder = inside(self.out, f"{STATE_DIR}/lock").parent
        folder.mkdir(parents=True, exist_ok=True)
        inside(self.out, f"{STATE_DIR}/lock")  # a planted link is refused before we open anything
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; one run at a time is up to the user
            return
        fh = open(folder / "lock", "a+b")  # noqa: SIM115 - held open for the whole run
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise StateBusy(f"another migrate convert is writing {self.out}; wait for it to finish") from None
        self._lock = fh

    def _clean_temporary(self) -> None:
        """Empty ``.migrate/tmp`` and remove ``.migrate-*.tmp`` files an older version left beside outputs."""
        tmp = self.out / TMP_DIR
        if tmp.is_dir() and not tmp.is_symlink():
            shutil.rmtree(tmp, ignore_errors=True)
        inside(self.out, f"{TMP_DIR}/x")
        tmp.mkdir(parents=True, exist_ok=True)
        for dirpath, dirnames, filenames in os.walk(self.out):
            dirnames[:] = [d for d in dirnames if not (dirpath == str(self.out) and d == STATE_DIR)]
            for name in filenames:
                if name.startswith(".migrate-") and name.endswith(".tmp"):
                    path = Path(dirpath) / name
                    if path.is_file() and not path.is_symlink():
                        with contextlib.suppress(OSError):
                            path.unlink()

    def _load(self) -> None:
        try:
            data = json.loads(inside(self.out, MANIFEST).read_bytes())
            files = data["files"] if data.get("version") == MANIFEST_VERSION else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, UnsafePath):
            files = {}
        for rel, item in files.items() if isinstance(files, dict) else ():
            with contextlib.suppress(KeyError, TypeError, ValueError):
                stat = tuple(int(v) for v in item["stat"]) if item.get("stat") else None
                self.entries[rel] = Entry(str(item["sha256"]), str(item["source"]), stat)  # type: ignore[arg-type]  # stat: a tuple of ints, checked by the int() calls
        try:
            lines = inside(self.out, JOURNAL).read_bytes().splitlines()
        except (OSError, UnsafePath):
            lines = []
        for line in lines:
            try:
                item = json.loads(line)
                rel, digest, source = item["path"], item["sha256"], item["source"]
            except (ValueError, KeyError, TypeError):
                continue  # the last line of a run killed mid-append
            entry = self.entries.get(rel)
            if entry is None:
                self.entries[rel] = Entry(digest, source, None, {digest})
            else:
                entry.pending.add(digest)

    # -- writing one page ----------------------------------------------------------------------

    def owns(self, rel: str) -> bool:
        """Whether a run of migrate wrote ``rel`` (whatever is there now)."""
        return rel in self.entries

    def put(self, rel: str, text: str, source: str, *, edits_expected: bool = False) -> Outcome:
        """Write ``text`` at ``rel`` unless the file there is not ours or was edited by hand.

        ``edits_expected``: a file people are meant to edit (the site skeleton's config and layouts).
        Their edit is kept without a word while what we would write is what we wrote before; only
        when our text changed is it reported like a page's hand edit.
        """
        data = text.encode("utf-8")
        digest = sha256(data)
        final = inside(self.out, rel)
        self._claimed.add(rel)
        entry = self.entries.get(rel)
        current = self._current_hash(final, entry)
        site = source == SITE
        if current == digest:
            self._own(rel, digest, source, final)
            (self.totals.site_unchanged if site else self.totals.unchanged).append(rel)
            return Outcome("unchanged")
        status = "written"
        if current is not None:
            ours = entry is not None and (current == entry.sha256 or current in entry.pending)
            if entry is None:
                self.totals.not_ours.append(rel)
                return Outcome(
                    "not-ours",
                    f"{self.shown}/{rel} exists and was not written by migrate; not replaced "
                    "(move it away to let migrate write it)",
                )
            if not ours and edits_expected and not self.overwrite and digest in (entry.sha256, *entry.pending):
                return Outcome("kept")
            if not ours and not self.overwrite:
                self.totals.hand_edited.append(rel)
                proposed = f"{PROPOSED}/{rel}"
                if not self.dry_run:
                    write_inside(self.out, proposed, data)
                return Outcome(
                    "hand-edited",
                    f"{self.shown}/{rel} was changed since migrate wrote it; kept as it is. See the difference with "
                    f"`diff -u {self.shown}/{proposed} {self.shown}/{rel}`; --overwrite replaces it",
                )
            if not ours:
                status = "overwritten"
        if not self.dry_run:
            self._append_journal(rel, digest, source)
            write_inside(self.out, rel, data)
        self._own(rel, digest, source, final)
        if status == "overwritten":
            self.totals.overwritten.append(rel)
        else:
            (self.totals.site_written if site else self.totals.written).append(rel)
        return Outcome(status)

    def _current_hash(self, final: Path, entry: Entry | None) -> str | None:
        """SHA-256 of the file now at ``final`` (None when there is none); a stat match skips reading it."""
        if not final.exists():
            return None
        if not final.is_file():
            return "not a file"
        if entry is not None and entry.stat is not None and entry.sha256 and _stat_of(final) == entry.stat:
            return entry.sha256
        return sha256(final.read_bytes())

    def _own(self, rel: str, digest: str, source: str, final: Path) -> None:
        self.entries[rel] = Entry(digest, source, None if self.dry_run else _stat_of(final))

    def _append_journal(self, rel: str, digest: str, source: str) -> None:
        if self._journal is None:
            path = inside(self.out, JOURNAL)
            self._journal = open(path, "ab")  # noqa: SIM115 - appended to for the whole run
        line = json.dumps({"path": rel, "sha256": digest, "source": source}, ensure_ascii=False) + "\n"
        self._journal.write(line.encode("utf-8", "surrogateescape"))
        self._journal.flush()  # in the kernel before the rename: survives a SIGKILL of this process
        crash_point()

    # -- the end of the run --------------------------------------------------------------------

    def finish(self, sources: dict[str, str]) -> list[Diagnostic]:
        """Stale outputs reported (and pruned if asked); the manifest saved; the journal dropped.

        ``sources`` maps every source name of this run to its output path ("" when it has none). An
        output we wrote that this run did not write (or find up to date) is stale: its source is gone,
        now writes another path, or has errors. With ``--prune`` the output folder then holds exactly
        what a clean run writes (plus files that were never ours).
        """
        diags: list[Diagnostic] = []
        for rel in sorted(set(self.entries) - self._claimed):
            entry = self.entries[rel]
            if entry.source == SITE:
                why = "the site no longer needs it (a shortcode or legacy URL gone)"
            elif entry.source not in sources:
                why = "its source is gone"
            elif sources[entry.source] in ("", rel):
                why = "its source has errors in this run"
            else:
                why = f"its source now writes {sources[entry.source]}"
            final = inside(self.out, rel)
            current = self._current_hash(final, entry)
            if current is None:
                del self.entries[rel]  # already gone: nothing to report
                continue
            ours = current == entry.sha256 or current in entry.pending
            if self.prune and (ours or self.overwrite):
                if not self.dry_run:
                    final.unlink()
                del self.entries[rel]
                self.totals.pruned.append(rel)
                verb = "would be deleted" if self.dry_run else "deleted"
                diags.append(
                    Diagnostic(
                        "write.pruned",
                        "info",
                        f"stale output {verb}: {why}" + ("" if entry.source == SITE else f" (was {entry.source})"),
                        file=f"{self.shown}/{rel}",
                    )
                )
                continue
            self.totals.stale.append(rel)
            hint = "it was edited by hand: --prune --overwrite deletes it" if not ours else "--prune deletes it"
            diags.append(
                Diagnostic(
                    "write.stale",
                    "warning",
                    f"stale output: {why}" + ("" if entry.source == SITE else f" (was {entry.source})") + f"; {hint}",
                    file=f"{self.shown}/{rel}",
                )
            )
        if not self.dry_run:
            self.save()
        return diags

    def save(self) -> None:
        for rel, entry in self.entries.items():
            if entry.pending:  # not written by this run: which of the journal's writes is on disk?
                with contextlib.suppress(OSError, UnsafePath):
                    current = self._current_hash(inside(self.out, rel), None)
                    if current in entry.pending:
                        entry.sha256 = current
        # one call of the C encoder, on one line: an indented dump is pure Python, and one call per file
        # was most of a re-run's save
        files = {rel: e.as_json() for rel, e in sorted(self.entries.items()) if e.sha256}
        text = json.dumps({"version": MANIFEST_VERSION, "files": files}, ensure_ascii=False) + "\n"
        write_inside(self.out, MANIFEST, text)
        for memo in self._memos.values():
            if self.keep_memos:
                if not memo.changed:
                    continue  # a replayed run that made nothing new: the file holds it all
                memo.new = memo.old | memo.new
            memo.save()
        if self._body_cache is not None:
            self._body_cache.used |= self._kept_keys
            self._body_cache.collect()
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        with contextlib.suppress(OSError, UnsafePath):
            inside(self.out, JOURNAL).unlink()

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def summary(self) -> dict[str, Any]:
        """The report's ``summary.outputs``."""
        t = self.totals
        return {
            "reused": self.reused,
            "replayed": self.replayed,
            "written": len(t.written) + len(t.overwritten),
            "unchanged": len(t.unchanged),
            "hand_edited": sorted(t.hand_edited),
            "overwritten": sorted(t.overwritten),
            "not_ours": sorted(t.not_ours),
            "stale": sorted(t.stale),
            "pruned": sorted(t.pruned),
        }


def put_site_file(state: OutputState, rel: str, text: str, *, edits_expected: bool) -> list[Diagnostic]:
    """One of the site's own files (skeleton, legacy-URL stub or map) through the manifest, like a page;
    what happened, as diagnostics on the output file."""
    shown = f"{state.shown}/{rel}"
    try:
        done = state.put(rel, text, SITE, edits_expected=edits_expected)
    except (UnsafePath, OSError) as exc:
        return [Diagnostic("write.skeleton", "error", f"cannot write {rel}: {exc}", 1, 1, shown)]
    if done.status == "not-ours":
        return [Diagnostic("write.not-ours", "error", done.message, 1, 1, shown)]
    if done.status == "hand-edited":
        return [Diagnostic("write.hand-edited", "warning", done.message, 1, 1, shown)]
    return []


def summary_line(outputs: dict[str, Any], pages: int, dry_run: bool) -> str:
    """One line on what happened to the output folder, printed before the run's summary."""
    would = "would be " if dry_run else ""
    parts = [f"{outputs['reused']:,} of {pages:,} pages reused"]
    if outputs.get("replayed"):
        parts[0] += f" ({outputs['replayed']:,} unread: unchanged since the last run)"
    parts.append(f"{outputs['written']:,} files {would}written, {outputs['unchanged']:,} already up to date")
    if outputs["hand_edited"]:
        parts.append(f"{len(outputs['hand_edited']):,} edited by hand kept (--overwrite replaces them)")
    if outputs["stale"]:
        parts.append(f"{len(outputs['stale']):,} stale (--prune deletes them)")
    if outputs["pruned"]:
        parts.append(f"{len(outputs['pruned']):,} stale {would}deleted")
    return "outputs: " + "; ".join(parts)
