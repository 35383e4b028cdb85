"""Write stage: front matter (YAML via ruamel.yaml) + body, atomically, never outside the output folder."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import tempfile
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..page import Page

if TYPE_CHECKING:
    from ..pipeline import Context


class UnsafePath(Exception):
    pass


@functools.cache
def _yaml() -> Any:
    # Building a YAML instance costs more than dumping a page's front matter: build it once.
    from ruamel.yaml import YAML

    # The C emitter (ruamel.yaml.clib) is four times faster than the pure one; same output.
    yaml = YAML(typ="safe", pure=False)
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.width = 100_000  # one line per value: no folding that a diff would trip on
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump_front_matter(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def render_page(front: dict[str, Any], body: str) -> str:
    return "---\n" + dump_front_matter(front) + "---\n\n" + body


def safe_slug_problem(slug: Any) -> str | None:
    if not isinstance(slug, str) or not slug.strip():
        return "slug is empty"
    if slug != slug.strip() or any(c in slug for c in "/\\\x00") or slug in (".", "..") or ":" in slug:
        return f"slug {slug!r} is not a single safe file name (no '/', '\\\\', '..', ':')"
    if slug.startswith("."):
        return f"slug {slug!r} would make a hidden file"
    return None


def _inside(out_dir: Path, rel: str) -> Path:
    """The target path, refusing '..', absolute parts and symlinks planted anywhere under out_dir."""
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("..", ".", "") for p in parts):
        raise UnsafePath(f"output path {rel!r} would leave the output folder")
    current = out_dir
    for part in parts[:-1]:
        current = current / part
        if current.is_symlink():
            raise UnsafePath(f"{current} is a symbolic link; refusing to write through it")
        if current.exists() and not current.is_dir():
            raise UnsafePath(f"{current} is not a folder")
    final = current / parts[-1]
    if final.is_symlink():
        raise UnsafePath(f"{final} is a symbolic link; refusing to write through it")
    return final


def write_atomic(out_dir: Path, rel: str, text: str) -> Path:
    final = _inside(out_dir, rel)
    final.parent.mkdir(parents=True, exist_ok=True)
    # mkdir may have raced with a planted link: check again before writing.
    final = _inside(out_dir, rel)
    fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".migrate-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, final)  # rename replaces a link itself, never its target
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return final


class Stage:
    name = "write"

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
                    page.report("write.slug-unsafe", "error", problem, pointer=("slug",))
                page.output_path = page.url = ""
                continue
            if page.output_path:
                by_path[page.output_path.casefold()].append(page)
        for group in by_path.values():
            if len(group) < 2:
                continue
            for page in group:
                if any(d.code == "schema.duplicate-slug" for d in page.diagnostics):
                    continue  # the validate stage already said so, naming the other page
                others = ", ".join(p.name for p in group if p is not page)
                page.report(
                    "write.slug-duplicate",
                    "error",
                    f"slug {page.meta.get('slug')!r} is also used by {others}; neither is written",
                    pointer=("slug",),
                )

    def run(self, page: Page, ctx: Context) -> None:
        if page.has_errors or not page.output_path:
            return
        front = ctx.target.front_matter(page)
        problems = _check_output(front, ctx.target.name)
        for msg in problems:
            page.report("write.schema", "error", f"front matter we would write is invalid for {ctx.target.name}: {msg}")
        if problems:
            return
        text = render_page(front, page.markdown)
        if ctx.dry_run:
            return
        try:
            write_atomic(ctx.out_dir, page.output_path, text)
        except UnsafePath as exc:
            page.report("write.unsafe-path", "error", str(exc))
        except OSError as exc:
            page.report("write.io", "error", f"cannot write {page.output_path}: {exc.strerror or exc}")


def _check_output(front: dict[str, Any], target: str) -> list[str]:
    try:
        from ..validate import check_output
    except ImportError:  # validation package not installed in this build
        return []
    return list(check_output(front, target))
