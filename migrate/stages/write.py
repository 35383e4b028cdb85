"""Write stage: the target's front matter and body, serialized by the target, written atomically, never
outside the output folder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..fs import UnsafePath, write_inside
from ..page import Page, Severity
from ..validate import check_output
from .base import Context, Stage

if TYPE_CHECKING:
    from ..targets import Target


def checked_front(front: dict[str, Any], target: Target) -> tuple[list[str], str]:
    """What is wrong with ``front`` for ``target``, and (when nothing is) its serialized text."""
    problems = check_output(front, target.name)
    return problems, "" if problems else target.front_text(front)


class WriteStage(Stage):
    name = "write"

    def run(self, page: Page, ctx: Context) -> None:
        if not page.will_write:
            return
        front = ctx.target.front_matter(page)
        state = ctx.options.get("output_state")  # migrate.incremental: never clobber a hand edit
        if state is None:
            problems, head = checked_front(front, ctx.target)
        else:  # the same front matter as last run: its verdict and YAML are remembered
            from ..incremental.memo import key_of

            key = key_of(ctx.target.name, front)
            problems, head = state.memo("front").get(key, lambda: checked_front(front, ctx.target))
        for msg in problems:
            page.report("write.schema", "error", f"front matter we would write is invalid for {ctx.target.name}: {msg}")
        if problems:
            return
        body, changes = ctx.target.body(page.markdown)
        for raw, code, message in changes:
            at = page.body.find(raw)
            severity: Severity = "info" if code == "target.shortcode" else "warning"
            page.report_body(code, severity, message, page.body.count("\n", 0, at) if at >= 0 else 0)
        text = ctx.target.compose(head, body)
        if ctx.dry_run and state is None:
            return
        try:
            if state is None:
                write_inside(ctx.out_dir, page.output_path, text)
                return
            done = state.put(page.output_path, text, page.name)
            if done.status == "not-ours":
                page.report("write.not-ours", "error", done.message)
            elif done.status == "hand-edited":
                page.report("write.hand-edited", "warning", done.message)
        except UnsafePath as exc:
            page.report("write.unsafe-path", "error", str(exc))
        except OSError as exc:
            page.report("write.io", "error", f"cannot write {page.output_path}: {exc.strerror or exc}")
