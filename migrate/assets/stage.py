"""The assets stage of ``migrate convert``: after taxonomy, before write; does nothing unless asked.

With ``ctx.options["assets"]`` set (``convert --assets``), ``prepare`` sees the whole batch: it
takes every page that will be written (its converted Markdown, and its legacy body for lines and
image sizes), downloads what is missing and places the files; ``run`` rewrites one page's
references and warns about each asset that stays on the old site. Without it, no page is touched
and nothing reaches the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import ConfigError
from ..page import Page
from ..stages.base import Context, Stage
from .settings import AssetSettings, config_problems

if TYPE_CHECKING:  # the mover pulls in asyncio and the downloader: imported only when --assets asks
    from .mover import AssetRun


def static_dir(target: Any) -> str:
    """The target's static folder (files served as they are); Hugo's is ``static``."""
    return str(getattr(target, "static_dir", "static"))


def settings_from(section: dict[str, Any], overrides: dict[str, Any] | None = None) -> AssetSettings:
    merged = dict(section) | {k: v for k, v in (overrides or {}).items() if v is not None}
    problems = config_problems(merged)
    if problems:
        raise ConfigError("config: " + "; ".join(problems))
    return AssetSettings.from_config(merged)


class AssetsStage(Stage):
    name = "assets"

    def __init__(self) -> None:
        self.mover: AssetRun | None = None

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        mode = ctx.options.get("assets")
        if not mode:
            return
        section = ctx.config.section("assets")
        if "widths" not in section and getattr(ctx.target, "name", "hugo") != "hugo":
            section = section | {"widths": "html"}  # figure is Hugo's shortcode; others get <img width>
        settings = settings_from(section, ctx.options.get("assets_overrides"))
        from .mover import AssetRun

        run = AssetRun(settings, ctx.out_dir, static_dir(ctx.target), download=mode == "download", dry_run=ctx.dry_run)
        for page in pages:
            if page.will_write:
                run.add_page(page.name, page.markdown, page.body, page.body_line)
        run.execute()
        self.mover = run

    def run(self, page: Page, ctx: Context) -> None:
        run = self.mover
        if run is None or page.name not in run.pages:
            return
        page.markdown = run.rewritten(page.name)
        for line, url, why in run.failures(page.name):
            page.report("assets.not-moved", "warning", f"{url} stays on the old site: {why}", line)


def finish(report: dict[str, Any], stages: Sequence[Stage], ctx: Context, csv_name: str = "assets.csv") -> str:
    """Put the inventory in the report and (unless a dry run) ``assets.csv`` beside the pages; a summary line."""
    from ..fs import write_inside

    run = next((s.mover for s in stages if isinstance(s, AssetsStage)), None)
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
