"""Write stage: front matter (YAML via ruamel.yaml) + body, atomically, never outside the output folder."""

from __future__ import annotations

import functools
import io
import re
from typing import Any

from ..fs import UnsafePath, write_inside
from ..page import Page
from ..validate import check_output
from .base import Context, Stage

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
        text = render_page(front, page.markdown)
        if ctx.dry_run:
            return
        try:
            write_inside(ctx.out_dir, page.output_path, text)
        except UnsafePath as exc:
            page.report("write.unsafe-path", "error", str(exc))
        except OSError as exc:
            page.report("write.io", "error", f"cannot write {page.output_path}: {exc.strerror or exc}")
