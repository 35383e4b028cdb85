"""Site stage: after the pages are written, the target's site skeleton (config, layouts, a template per
shortcode the pages use; never over a user's file) and the files that carry legacy URLs for targets
whose front matter cannot (Astro's redirects, Eleventy's stubs)."""

from __future__ import annotations

from ..page import Diagnostic, Page
from ..targets.shortcodes import names
from ..targets.skeleton import write_generated, write_skeleton
from .base import Context, Stage
from .links import will_write


class SiteStage(Stage):
    name = "site"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        written = [p for p in pages if will_write(p)]
        #: run-level findings go to the list the caller gave (``ctx.options["run_diagnostics"]``)
        diags: list[Diagnostic] = ctx.options.get("run_diagnostics", [])
        # the output folder's manifest (migrate.incremental): the site's files are tracked like pages
        state = ctx.options.get("output_state")
        if ctx.options.get("skeleton", True):
            used: set[str] = set()
            # a page replayed from the last run's record (migrate.incremental.replay) has no Markdown here
            recorded: dict[str, list[str]] = ctx.options.get("shortcodes_of") or {}
            for page in written:
                used |= set(recorded[page.name]) if page.name in recorded else names(page.markdown)
            diags += write_skeleton(ctx.target, used, ctx.out_dir, ctx.dry_run, state)
        diags += write_generated(ctx.target.legacy_files(written), ctx.out_dir, ctx.dry_run, state)

    def run(self, page: Page, ctx: Context) -> None:
        """Nothing per page: the skeleton is the site's."""
