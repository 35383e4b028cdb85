"""The report's package data: page templates (``templates/``) and static files (``static/``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from string import Template

#: Every report page may load only the report's own files: no inline script, nothing framed, no form
#: submitted. Images may come from anywhere (a page's pictures are part of what a reviewer compares).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:; "
    "frame-src 'none'; form-action 'none'; base-uri 'none'"
)


@cache
def _template(name: str) -> Template:
    return Template(resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8"))


def fill(name: str, **values: str) -> str:
    """A template with its ``$placeholders`` replaced by ready-made (already escaped) HTML."""
    return _template(name).substitute(csp=CSP, **values)


def static_files() -> Iterator[tuple[str, str]]:
    """(relative path, text) of every file the report's pages load, below ``assets/``."""
    root = resources.files(__package__).joinpath("static")
    for sub in ("", "vendor"):
        folder = root.joinpath(sub) if sub else root
        for item in sorted(folder.iterdir(), key=lambda t: t.name):
            if item.is_file():
                yield (f"{sub}/{item.name}" if sub else item.name), item.read_text(encoding="utf-8")
