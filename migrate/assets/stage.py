"""The assets step of ``migrate convert --assets``: after the body and taxonomy stages, before write.

``prepare`` sees the whole batch: it takes every page's converted Markdown (and its legacy body,
for lines and image sizes), downloads what is missing and places the files; ``run`` rewrites one
page's references and warns about each asset that stays on the old site.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import ConfigError
from ..page import Page
from .mover import AssetRun
from .settings import AssetSettings, config_problems

if TYPE_CHECKING:
    from ..pipeline import Context


def static_dir(target: Any) -> str:
    """The target's static folder (files served as they are); Hugo's is ``static``."""
    return str(getattr(target, "static_dir", "static"))


def settings_from(section: dict[str, Any], overrides: dict[str, Any] | None = None) -> AssetSettings:
    merged = dict(section) | {k: v for k, v in (overrides or {}).items() if v is not None}
    problems = config_problems(merged)
    if problems:
        raise ConfigError("config: " + "; ".join(problems))
    return AssetSettings.from_config(merged)


class Stage:
    name = "assets"

    def __init__(self, download: bool = True, overrides: dict[str, Any] | None = None) -> None:
        self.download = download
        self.overrides = overrides or {}

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        settings = settings_from(ctx.config.section("assets"), self.overrides)
        run = AssetRun(settings, ctx.out_dir, static_dir(ctx.target), download=self.download, dry_run=ctx.dry_run)
        for page in pages:
            if not page.skipped and not page.has_errors and page.output_path:
                run.add_page(page.name, page.markdown, page.body, page.body_line)
        run.execute()
        ctx.batch["assets"] = run

    def run(self, page: Page, ctx: Context) -> None:
        run: AssetRun | None = ctx.batch.get("assets")
        if run is None or page.name not in run.pages:
            return
        page.markdown = run.rewritten(page.name)
        for line, url, why in run.failures(page.name):
            page.report("assets.not-moved", "warning", f"{url} stays on the old site: {why}", line)


def finish(report: dict[str, Any], ctx: Context, csv_name: str = "assets.csv") -> str:
    """Put the inventory in the report and (unless a dry run) ``assets.csv`` beside the pages; a summary line."""
    from ..fs import write_inside

    run: AssetRun | None = ctx.batch.get("assets")
    if run is None:
        return ""
    report["assets"] = run.report()
    if not ctx.dry_run:
        write_inside(Path(ctx.out_dir), csv_name, run.csv())
    return summary_line(report["assets"]["summary"])


def summary_line(s: dict[str, Any]) -> str:
    return (
        f"assets: {s['assets']} referenced ({s['legacy']} of the old site, {s['external']} elsewhere), "
        f"{s['moved']} moved into {s['files']} files, {s['downloaded']} downloaded now, {s['failed']} failed"
    )
