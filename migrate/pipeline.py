"""The ordered stages and the runner that takes a batch of pages through them.

read -> validate -> aliases -> body -> taxonomy -> links -> write -> site. A stage is a small object with
``name``, an optional ``prepare(pages, ctx)`` that sees the whole batch first (duplicate
slugs, the wiki-link index, corpus-wide taxonomy counts) and ``run(page, ctx)``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .config import Config
from .page import Diagnostic, Page

PAGE_SUFFIXES = (".md", ".markdown", ".txt")


class Stage(Protocol):
    name: str

    def prepare(self, pages: list[Page], ctx: Context) -> None: ...

    def run(self, page: Page, ctx: Context) -> None: ...


@dataclass
class Context:
    config: Config
    target: Any  # migrate.targets.Target
    out_dir: Path
    dry_run: bool = False
    audit: bool = True
    #: processes for stages that can spread pages over cores (the body stage)
    jobs: int = 1
    #: batch-wide facts stages share (e.g. "titles": title -> url), set in prepare().
    batch: dict[str, Any] = field(default_factory=dict)

    def guard(self, stage: Stage, page: Page) -> None:
        """Run one stage on one page; a failure becomes an error on that page, never a crash."""
        _run_one(stage, page, self)


def default_stages() -> list[Stage]:
    from .stages import aliases, body, links, site, taxonomy, validate, write

    return [
        validate.Stage(),
        aliases.Stage(),
        body.Stage(),
        taxonomy.Stage(),
        links.Stage(),
        write.Stage(),
        site.Stage(),
    ]


def find_pages(
    root: Path, skip_dirs: Iterable[str] = ("broken",), suffixes: tuple[str, ...] = PAGE_SUFFIXES
) -> Iterator[Path]:
    """Page files below ``root`` in a stable order; never follows symlinked folders."""
    skip = set(skip_dirs)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in skip)
        for name in sorted(filenames):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                p = Path(dirpath) / name
                # a dangling link is yielded too: reading it fails with a clear read.io error
                if p.is_file() or p.is_symlink():
                    yield p


def input_paths(source: Path) -> tuple[list[Path], Path]:
    """The pages a command was pointed at (one file, or a folder walked) and the folder names start from."""
    if source.is_file():
        return [source], source.parent
    return list(find_pages(source)), source


def read_all(paths: Iterable[Path], root: Path | None) -> tuple[list[Page], list[Diagnostic]]:
    from .frontmatter import read_page

    pages: list[Page] = []
    bad: list[Diagnostic] = []
    for path in paths:
        try:
            name = str(path.relative_to(root)) if root else str(path)
        except ValueError:
            name = str(path)
        if root is not None:
            name = str(Path(root.name) / name) if root.name else name
        # a file name that is not UTF-8 is shown (and reported) with its odd bytes replaced
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        got = read_page(path, name)
        (pages if isinstance(got, Page) else bad).append(got)  # type: ignore[arg-type]
    return pages, bad


def run(
    pages: list[Page],
    ctx: Context,
    stages: list[Stage] | None = None,
    progress: Callable[[Page], None] | None = None,
) -> None:
    """Stage by stage over the whole batch, so each stage's ``prepare`` sees what earlier stages found.

    A page with errors is kept (and reported) but not written. A stage whose settings are unusable
    raises ConfigError from ``prepare``: the run stops before anything is written.
    """
    stages = default_stages() if stages is None else stages
    for page in pages:
        ctx.target.route(page)
    for stage in stages:
        prepare = getattr(stage, "prepare", None)
        if prepare is not None:
            prepare(pages, ctx)
        run_many = getattr(stage, "run_many", None)
        if run_many is not None:
            run_many(pages, ctx)
            if progress is not None:
                for page in pages:
                    progress(page)
            continue
        for page in pages:
            if not page.skipped:
                _run_one(stage, page, ctx)
            if progress is not None:
                progress(page)


def _run_one(stage: Stage, page: Page, ctx: Context) -> None:
    try:
        stage.run(page, ctx)
    except RecursionError:
        page.report(f"{stage.name}.too-deep", "error", "page is nested too deeply to convert safely")
        page.skipped = True
    except Exception as exc:  # a bug in one stage must not take the batch down
        page.report(
            f"{stage.name}.internal", "error", f"internal error in stage {stage.name}: {type(exc).__name__}: {exc}"
        )
        page.skipped = True
