"""The stage contract: what a stage is (``Stage``) and what it is given (``Context``).

A stage is a small object with a ``name``, ``prepare(pages, ctx)`` (always called first, with the
whole batch: duplicate slugs, the wiki-link index, corpus-wide counts) and ``run(page, ctx)``. What
``prepare`` learns about the batch is kept on the stage object itself; the runner makes fresh stage
objects for every run. A stage never catches its own bugs: the runner turns an exception in
``run`` into one ``<stage>.internal`` error on that page, and the batch goes on.

A stage that may spread pages over processes subclasses ``ParallelStage``: its per-page work is a
pure function of plain, picklable data, so it runs the same under the ``fork`` and ``spawn`` start
methods. This module imports nothing of the runner and no other stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..config import Config
    from ..page import Page
    from ..targets import Target


@dataclass
class Context:
    """What every stage of one run is given; plain settings, no batch state."""

    config: Config
    target: Target
    out_dir: Path
    dry_run: bool = False
    audit: bool = True
    #: processes a parallel stage may use (already capped at cores and pages by the caller)
    jobs: int = 1
    #: extra run options by name (a stage reads only its own), e.g. from command-line flags
    options: dict[str, Any] = field(default_factory=dict)


class Stage:
    """One step over the batch. Subclasses set ``name`` and override ``run`` (and ``prepare``)."""

    name: ClassVar[str] = "stage"
    #: True when pages may be handed to worker processes (see ``ParallelStage``)
    parallel: ClassVar[bool] = False

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        """See the whole batch before any page is run; raise ConfigError for unusable settings."""

    def run(self, page: Page, ctx: Context) -> None:
        raise NotImplementedError


class ParallelStage(Stage):
    """A stage whose per-page work can run in worker processes.

    The work is split so that only plain data crosses the process boundary:
    ``shared(ctx)`` (after ``prepare``) is what every worker starts from; ``setup(shared)`` builds a
    worker's state from it once per process; ``item(page)`` is one page's input; ``work(state, item)``
    computes the result; ``apply(page, result)`` puts it on the page in the parent. ``setup`` and
    ``work`` are static methods, so a worker finds them by the stage class's import path.
    """

    parallel: ClassVar[bool] = True
    #: this process's worker state, built on the first page run here (not in a worker)
    _local_state: Any = None

    def shared(self, ctx: Context) -> Any:
        return None

    @staticmethod
    def setup(shared: Any) -> Any:
        return shared

    @staticmethod
    def work(state: Any, item: Any) -> Any:
        raise NotImplementedError

    def item(self, page: Page) -> Any:
        raise NotImplementedError

    def apply(self, page: Page, result: Any) -> None:
        raise NotImplementedError

    def run(self, page: Page, ctx: Context) -> None:
        """One page in this process: the same three steps a worker takes."""
        if self._local_state is None:
            self._local_state = self.setup(self.shared(ctx))
        self.apply(page, self.work(self._local_state, self.item(page)))
