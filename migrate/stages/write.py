"""Write stage: front matter (YAML via ruamel.yaml) + body, atomically, never outside the output folder."""

from __future__ import annotations

import functools
import io
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..fs import UnsafePath, write_inside
from ..page import Page

if TYPE_CHECKING:
    from ..pipeline import Context


# Strings that YAML 1.1 readers (PyYAML, Ruby's Psych in Jekyll) take for booleans or sexagesimal
# numbers, though YAML 1.2 (what we write) does not: quoted, so every reader gets the text back.
_YAML11_SPECIAL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _represent_str(representer: Any, data: str) -> Any:
    style = "'" if _YAML11_SPECIAL.match(data) else None
    return representer.represent_scalar("tag:yaml.org,2002:str", data, style=style)


@functools.cache
def _yaml(pure: bool) -> Any:
    # Building a YAML instance costs more than dumping a page's front matter: build it once.
    from ruamel.yaml import YAML

    # The C emitter (ruamel.yaml.clib) is four times faster than the pure one; same output, except
    # that it escapes characters beyond U+FFFF (emoji), so those pages take the pure one.
    yaml = YAML(typ="safe", pure=pure)
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.width = 100_000  # one line per value: no folding that a diff would trip on
    yaml.representer.add_representer(str, _represent_str)
    return yaml


def dump_front_matter(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    pure = _ASTRAL.search(repr(data)) is not None
    try:
        _yaml(pure).dump(data, buf)
    except Exception:
        _yaml.cache_clear()  # a failed dump can leave the emitter mid-document: never reuse it
        raise
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


class Stage:
    name = "write"

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        from ..incremental.names import clash_key, name_problem

        by_path: dict[str, list[Page]] = defaultdict(list)
        for page in pages:
            problem = safe_slug_problem(page.meta.get("slug"))
            unportable = name_problem(page.output_path) if not problem and page.output_path else None
            if unportable:
                page.report("write.name-unportable", "error", f"output name {unportable}", pointer=("slug",))
                page.output_path = page.url = ""
                continue
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
                why = (
                    f" (as {', '.join(twins)}: one file on Windows and macOS, which ignore case and Unicode form)"
                    if twins
                    else ""
                )
                page.report(
                    "write.slug-duplicate",
                    "error",
                    f"slug {page.meta.get('slug')!r} is also used by {others}{why}; neither is written",
                    pointer=("slug",),
                )

    def run(self, page: Page, ctx: Context) -> None:
        if page.has_errors or not page.output_path:
            return
        front = ctx.target.front_matter(page)
        state = ctx.batch.get("output_state")  # migrate.incremental: never clobber a hand edit
        if state is None:
            problems, head = _checked_front(front, ctx.target.name)
        else:  # the same front matter as last run: its verdict and YAML are remembered
            from ..incremental.memo import key_of

            key = key_of(ctx.target.name, front)
            problems, head = state.memo("front").get(key, lambda: _checked_front(front, ctx.target.name))
        for msg in problems:
            page.report("write.schema", "error", f"front matter we would write is invalid for {ctx.target.name}: {msg}")
        if problems:
            return
        text = "---\n" + head + "---\n\n" + page.markdown
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


def _checked_front(front: dict[str, Any], target: str) -> tuple[list[str], str]:
    """What is wrong with ``front`` for ``target``, and (when nothing is) its YAML text."""
    problems = _check_output(front, target)
    return problems, "" if problems else dump_front_matter(front)


def _check_output(front: dict[str, Any], target: str) -> list[str]:
    try:
        from ..validate import check_output
    except ImportError:  # validation package not installed in this build
        return []
    return list(check_output(front, target))
