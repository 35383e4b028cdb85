"""Write stage: the target's front matter and body, serialized by the target, written atomically, never
outside the output folder."""

from __future__ import annotations

from ..fs import UnsafePath, write_inside
from ..page import Page
from ..targets.yaml_front import dump_front_matter, render_page
from ..validate import check_output
from .base import Context, Stage

__all__ = ["WriteStage", "dump_front_matter", "render_page"]


class WriteStage(Stage):
    name = "write"

    def run(self, page: Page, ctx: Context) -> None:
        if not page.will_write:
            return
        front = ctx.target.front_matter(page)
        problems = check_output(front, ctx.target.name)
        for msg in problems:
            page.report("write.schema", "error", f"front matter we would write is invalid for {ctx.target.name}: {msg}")
        if problems:
            return
        body, changes = ctx.target.body(page.markdown)
        for raw, code, message in changes:
            at = page.body.find(raw)
            severity = "info" if code == "target.shortcode" else "warning"
            page.report_body(code, severity, message, page.body.count("\n", 0, at) if at >= 0 else 0)  # type: ignore[arg-type]
        text = ctx.target.render(front, body)
        if ctx.dry_run:
            return
        try:
            write_inside(ctx.out_dir, page.output_path, text)
        except UnsafePath as exc:
            page.report("write.unsafe-path", "error", str(exc))
        except OSError as exc:
            page.report("write.io", "error", f"cannot write {page.output_path}: {exc.strerror or exc}")
