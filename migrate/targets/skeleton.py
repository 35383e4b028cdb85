"""The site skeleton a target writes beside the pages, and the rule that it never overwrites a user's file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fs import UnsafePath, write_inside
from ..incremental.state import put_site_file
from ..page import Diagnostic

if TYPE_CHECKING:
    from . import Target

#: a shortcode Hugo does not know and we have no template for: its inner text is shown as is
HTML_SHORTCODE = "{{ .Inner }}\n"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body>
<main>
{main}
</main>
</body>
</html>
"""


def page_layout(title: str, main: str) -> str:
    """The one HTML page shape every target's layout uses."""
    return _PAGE.format(title=title, main=main)


def write_skeleton(
    target: Target, shortcodes: set[str], out_dir: Path, dry_run: bool = False, state: Any = None
) -> list[Diagnostic]:
    """Write the target's skeleton files that do not exist yet; a user's own files are left alone.

    With the output folder's manifest (``state``, migrate.incremental) the files we wrote are ours:
    brought up to date while unedited, kept when a person edited them (said only when what we would
    write changed), stale when the site no longer needs them (a shortcode no longer used).
    """
    diags: list[Diagnostic] = []
    files = target.skeleton(shortcodes)
    config_names: tuple[str, ...] = getattr(target, "config_names", ())

    def theirs(rel: str) -> bool:
        return (out_dir / rel).exists() and (state is None or not state.owns(rel))

    has_config = any(theirs(n) for n in config_names)
    for rel, text in files.items():
        if theirs(rel) or (has_config and rel in config_names):
            continue  # never overwrite a user's config or layout
        if state is not None:
            diags += put_site_file(state, rel, text, edits_expected=True)
            continue
        if dry_run:
            continue
        try:
            write_inside(out_dir, rel, text)
        except (UnsafePath, OSError) as exc:
            diags.append(Diagnostic("write.skeleton", "error", f"cannot write {rel}: {exc}", 1, 1, str(out_dir)))
    return diags


def write_generated(files: dict[str, str], out_dir: Path, dry_run: bool = False, state: Any = None) -> list[Diagnostic]:
    """Files the run owns (legacy URL maps, stubs): rewritten every run.

    With the output folder's manifest (``state``) they are written like pages: a hand edit is kept and
    reported, a file we did not write is never replaced, and one no longer generated is stale.
    """
    diags: list[Diagnostic] = []
    if state is not None:
        for rel, text in files.items():
            diags += put_site_file(state, rel, text, edits_expected=False)
        return diags
    for rel, text in {} if dry_run else files.items():
        try:
            write_inside(out_dir, rel, text)
        except (UnsafePath, OSError) as exc:
            diags.append(Diagnostic("write.skeleton", "error", f"cannot write {rel}: {exc}", 1, 1, str(out_dir)))
    return diags
