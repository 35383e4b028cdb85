"""The runner: takes a batch of pages through the stages it is given, in order.

For each stage it always calls ``prepare(pages, ctx)`` first, then ``run`` on every page, in this
process or, for a ``ParallelStage``, on ``ctx.jobs`` worker processes. It owns error isolation (one
place turns an exception into a ``<stage>.internal`` error on that page) and the one answer to
"will this page be written?" (``page.will_write``), settled after every stage.

It imports no stage module: the caller passes the stages (``migrate.stages.build()``).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .page import Page
from .stages.base import Context, ParallelStage, Stage

__all__ = ["Context", "Progress", "Stage", "run"]

#: called once per page per stage as the page is done with it: (stage name, page)
Progress = Callable[[str, Page], None]

#: a parallel stage runs in this process below this many pages per worker: starting workers costs more
_MIN_PAGES_PER_WORKER = 4


def run(
    pages: list[Page],
    ctx: Context,
    stages: Sequence[Stage],
    progress: Progress | None = None,
    done: Callable[[Page], None] | None = None,
) -> None:
    """Stage by stage over the whole batch, so each stage's ``prepare`` sees what earlier stages found.

    A page with errors is kept (and reported) but not written; a page a stage crashed on skips the
    later stages. A stage whose settings are unusable raises ConfigError from ``prepare``: the run
    stops before anything is written. ``done(page)`` is called as each page leaves the last stage.
    """
    for i, stage in enumerate(stages):
        stage.prepare(pages, ctx)
        todo = [p for p in pages if not p.skipped]
        last = done if i == len(stages) - 1 else None

        def finished(page: Page, stage: Stage = stage, last: Callable[[Page], None] | None = last) -> None:
            _settle(page)
            if progress is not None:
                progress(stage.name, page)
            if last is not None:
                last(page)

        for page in pages:
            if page.skipped:
                finished(page)
        if isinstance(stage, ParallelStage) and ctx.jobs > 1 and len(todo) >= _MIN_PAGES_PER_WORKER * ctx.jobs:
            _run_parallel(stage, todo, ctx, finished)
        else:
            for page in todo:
                started = time.perf_counter()
                _guarded(stage.name, page, stage.run, page, ctx)
                page.seconds += time.perf_counter() - started
                finished(page)


def _settle(page: Page) -> None:
    """The one answer to "will this page be written?": routed, and no error so far.

    Settled after each stage, so it only ever turns false: what the aliases stage saw as written
    is what the write stage writes, unless a later stage found an error on the page.
    """
    page.will_write = bool(page.output_path) and not page.skipped and not page.has_errors


def _guarded(stage: str, page: Page, call: Callable[..., Any], *args: Any) -> None:
    try:
        call(*args)
    except Exception as exc:  # a bug in one stage must not take the batch down
        _failed(stage, page, _Failure.of(exc))


@dataclass(frozen=True)
class _Failure:
    """An exception, as plain data that crosses a process boundary."""

    kind: str
    message: str
    too_deep: bool = False

    @classmethod
    def of(cls, exc: BaseException) -> _Failure:
        return cls(type(exc).__name__, str(exc), isinstance(exc, RecursionError))


def _failed(stage: str, page: Page, failure: _Failure) -> None:
    """The one place an exception becomes a diagnostic: an error on that page, which is not written."""
    if failure.too_deep:
        page.report(f"{stage}.too-deep", "error", "page is nested too deeply to convert safely")
    else:
        page.report(f"{stage}.internal", "error", f"internal error in stage {stage}: {failure.kind}: {failure.message}")
    page.skipped = True


# ---- worker processes -------------------------------------------------------------------------

#: in a worker process: the stage class and the state its ``setup`` built (one per process)
_worker: tuple[type[ParallelStage], Any] | None = None


def _init_worker(stage_class: type[ParallelStage], shared: Any) -> None:
    """Runs once in each worker: plain data in, the stage's worker state built here."""
    global _worker
    # Ctrl-C reaches the whole process group: the parent stops the workers, they do not print tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _worker = (stage_class, stage_class.setup(shared))


def _exit_with_parent() -> None:
    """A worker whose parent died (``kill -9``) exits at once instead of waiting for work forever."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    ppid = os.getppid()
    sentinel = parent.sentinel if parent is not None else None

    def watch() -> None:
        while True:
            # the sentinel is ready when the parent is gone; the ppid check covers a sentinel a
            # forked sibling still holds open
            if sentinel is not None and wait([sentinel], timeout=1.0):
                os._exit(1)
            if sentinel is None:
                threading.Event().wait(1.0)
            if os.getppid() != ppid:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _work(item: Any) -> tuple[float, Any]:
    """One page's work and the seconds it took (the report shows the slowest pages)."""
    assert _worker is not None, "worker not initialised"
    stage_class, state = _worker
    started = time.perf_counter()
    try:
        result = stage_class.work(state, item)
    except Exception as exc:  # becomes an error on that page in the parent
        result = _Failure.of(exc)
    return time.perf_counter() - started, result


def _run_parallel(stage: ParallelStage, todo: list[Page], ctx: Context, finished: Callable[[Page], None]) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = ctx.options.get("start_method")  # None: the platform's default (tests force "spawn")
    pool = ProcessPoolExecutor(
        ctx.jobs, multiprocessing.get_context(method), _init_worker, (type(stage), stage.shared(ctx))
    )
    try:
        chunk = max(1, min(32, len(todo) // (ctx.jobs * 8)))
        results = pool.map(_work, [stage.item(p) for p in todo], chunksize=chunk)
        for page, (took, outcome) in zip(todo, results, strict=True):
            page.seconds += took
            if isinstance(outcome, _Failure):
                _failed(stage.name, page, outcome)
            else:
                _guarded(stage.name, page, stage.apply, page, outcome)
            finished(page)
    except BaseException:
        _stop(pool)  # Ctrl-C or a broken pool: never wait for the queued pages
        raise
    pool.shutdown()


def _stop(pool: Any) -> None:
    """Stop the workers now, mid-page: never wait for the pages they hold."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14+
    if kill is not None:
        kill()
    else:
        # Before 3.14 the executor has no public way to stop a worker mid-page; take the processes
        # before shutdown() forgets them.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
