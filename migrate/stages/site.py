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
        if ctx.options.get("skeleton", True):
            used: set[str] = set()
            for page in written:
                used |= names(page.markdown)
            diags += write_skeleton(ctx.target, used, ctx.out_dir, ctx.dry_run)
        diags += write_generated(ctx.target.legacy_files(written), ctx.out_dir, ctx.dry_run)

    def run(self, page: Page, ctx: Context) -> None:
        """Nothing per page: the skeleton is the site's."""
