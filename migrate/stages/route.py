"""Route stage: each page's URL and output path, through the target, once validation is done.

It also refuses what cannot be written safely: a slug that would leave the output folder or make a
hidden file (``write.slug-unsafe``), two pages that would be written to one file
(``write.slug-duplicate``; compared without case and Unicode form, as Windows and macOS do), an
output name some system cannot create (``write.name-unportable``: see migrate.incremental.names).
After this stage the runner settles ``page.will_write``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..incremental.names import clash_key, name_problem
from ..page import Page
from .base import Context, Stage


def safe_slug_problem(slug: Any) -> str | None:
    if not isinstance(slug, str) or not slug.strip():
        return "slug is empty"
    if slug != slug.strip() or any(c in slug for c in "/\\\x00") or slug in (".", "..") or ":" in slug:
        return f"slug {slug!r} is not a single safe file name (no '/', '\\\\', '..', ':')"
    if slug.startswith("."):
        return f"slug {slug!r} would make a hidden file"
    return None


class RouteStage(Stage):
    name = "route"

    def __init__(self) -> None:
        #: id(page) -> (code, message) for the pages that cannot be written where they route
        self.problems: dict[int, tuple[str, str]] = {}

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        by_path: dict[str, list[Page]] = defaultdict(list)
        for page in pages:
            problem = safe_slug_problem(page.meta.get("slug"))
            if problem:
                # The schema usually said so already; this check is the safety net for looser schemas.
                if not any(
                    d.severity == "error" and d.pointer in ("/slug", "") and d.code.startswith("schema.")
                    for d in page.diagnostics
                ):
                    self.problems[id(page)] = ("write.slug-unsafe", problem)
                page.output_path = page.url = ""
                continue
            ctx.target.route(page)
            unportable = name_problem(page.output_path) if page.output_path else None
            if unportable:
                self.problems[id(page)] = ("write.name-unportable", f"output name {unportable}")
                page.output_path = page.url = ""
                continue
            if page.output_path:
                # one key for names that are one file on Windows or macOS (case, Unicode normalization)
                by_path[clash_key(page.output_path)].append(page)
        for group in by_path.values():
            if len(group) < 2:
                continue
            for page in group:
                if any(d.code == "schema.duplicate-slug" for d in page.diagnostics):
                    continue  # the validate stage already said so, naming the other page
                others = ", ".join(p.name for p in group if p is not page)
                twins = sorted({p.output_path for p in group} - {page.output_path})
                why = f" (as {', '.join(twins)}: one file where case and Unicode form do not count)" if twins else ""
                message = f"slug {page.meta.get('slug')!r} is also used by {others}{why}; neither is written"
                self.problems[id(page)] = ("write.slug-duplicate", message)

    def run(self, page: Page, ctx: Context) -> None:
        problem = self.problems.get(id(page))
        if problem is not None:
            page.report(problem[0], "error", problem[1], pointer=("slug",))
