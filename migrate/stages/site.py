"""Site stage: after the pages are written, the target's site skeleton (config, layouts, a template per
shortcode the pages use; never over a user's file) and the files that carry legacy URLs for targets
whose front matter cannot (Astro's redirects, Eleventy's stubs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..page import Page
from ..targets.shortcodes import names
from ..targets.skeleton import write_generated, write_skeleton
from .links import will_write

if TYPE_CHECKING:
    from ..pipeline import Context

#: ctx.batch key: run-level diagnostics for the CLI to print and report
RUN_DIAGNOSTICS = "run_diagnostics"


class Stage:
    name = "site"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        written = [p for p in pages if will_write(p)]
        diags = ctx.batch.setdefault(RUN_DIAGNOSTICS, [])
        if ctx.batch.get("skeleton", True):
            used: set[str] = set()
            for page in written:
                used |= names(page.markdown)
            diags += write_skeleton(ctx.target, used, ctx.out_dir, ctx.dry_run)
        diags += write_generated(ctx.target.legacy_files(written), ctx.out_dir, ctx.dry_run)

    def run(self, page: Page, ctx: Context) -> None:
        """Nothing per page: the skeleton is the site's."""
