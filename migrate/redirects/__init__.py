"""Redirect maps from legacy URLs to the new pages, one module per output format.

A format module holds ``FILE`` (its file name below the output folder) and
``render(rules, gone, opts) -> Output``. ``FORMATS`` maps the format name to its module; the module
is imported only when the format is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fs import write_inside
from ..page import Diagnostic, Severity

if TYPE_CHECKING:
    from ..config import Config
    from ..page import Page
    from .rules import Options, Rule

#: the folder name format modules use for "served as is by the site" (see in_static_dir)
STATIC = "static"

#: format name -> module; a new format is one module and one line here.
FORMATS: dict[str, str] = {
    "nginx": "migrate.redirects.nginx",
    "apache": "migrate.redirects.apache",
    "caddy": "migrate.redirects.caddy",
    "netlify": "migrate.redirects.netlify",
    "cloudflare-pages": "migrate.redirects.cloudflare_pages",
    "vercel": "migrate.redirects.vercel",
    "cloudflare": "migrate.redirects.cloudflare",
    "html": "migrate.redirects.html",
    "csv": "migrate.redirects.csvmap",
    "json": "migrate.redirects.jsonmap",
}


@dataclass
class Output:
    """What a format writes: relative file name -> text, and what it could not express."""

    files: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: the format's own file (``FILE``); the others are overflow lists, edge functions or html stubs.
    main: str = ""
    #: rules the format's file could not hold (hosted platforms); an edge function answers them.
    left: list[Rule] = field(default_factory=list)
    #: what one rule of this format is and how the rules were counted, for the summary.
    counts: str = ""

    def note(self, code: str, severity: Severity, message: str, file: str = "") -> None:
        self.diagnostics.append(Diagnostic(code, severity, message, 1, 1, file))


def get_format(name: str) -> Any:
    return import_module(FORMATS[name])


def render(name: str, rules: list[Rule], opts: Options) -> Output:
    """The files of format ``name`` for ``rules`` (301s) plus the configured 410 endpoints."""
    from .rules import gone_rules

    module = get_format(name)
    out: Output = module.render(rules, gone_rules(opts), opts)
    out.main = module.FILE
    return out


def page_rules(pages: list[Page]) -> list[Rule]:
    """The rules of the pages that get written (``page.will_write``): a redirect never points at a 404."""
    from .rules import flatten

    return flatten([p for p in pages if p.will_write])


def options(config: Config) -> tuple[Options, list[Diagnostic]]:
    from .rules import Options

    opts, problems = Options.from_config(config.section("redirects"))
    return opts, [Diagnostic("redirect.config", "error", m, 1, 1, "config") for m in problems]


def in_static_dir(rel: str, static_dir: str) -> str:
    """A format's file name with its ``static/`` (the served-as-is folder) moved to the target's own."""
    if rel == STATIC or rel.startswith(STATIC + "/"):
        rest = rel[len(STATIC) :].lstrip("/")
        return "/".join(p for p in (static_dir.strip("/"), rest) if p) or "."
    return rel


def write_for_convert(
    pages: list[Page],
    formats: list[str],
    out_dir: Path,
    config: Config,
    dry_run: bool = False,
    static_dir: str = "static",
    state: Any = None,
) -> list[Diagnostic]:
    """Write each format's file(s) below ``out_dir``; returns what could not be expressed or written.

    Files a format places in ``static/`` go to the target's ``static_dir`` (Hugo ``static``, Jekyll the
    site root, Eleventy and Astro ``public``). ``dry_run`` renders every format and reports the same,
    but writes nothing. With the output folder's manifest (``state``, migrate.incremental) the maps are
    written like pages: a hand edit kept and reported, stale when no longer made."""
    opts, diags = options(config)
    rules = page_rules(pages)
    claimed: dict[str, str] = {}
    for name in formats:
        if name not in FORMATS:
            diags.append(
                Diagnostic(
                    "redirect.format", "error", f"unknown redirect format {name!r}; use one of {', '.join(FORMATS)}"
                )
            )
            continue
        out = render(name, rules, opts)
        if out.main in claimed:
            diags.append(
                Diagnostic(
                    "redirect.format",
                    "error",
                    f"{name} and {claimed[out.main]} both write {out.main}; {name} skipped: choose one",
                )
            )
            continue
        claimed[out.main] = name
        diags.extend(out.diagnostics)
        if state is not None:
            from ..incremental.state import put_site_file

            for rel, text in out.files.items():
                diags += put_site_file(state, in_static_dir(rel, static_dir), text, edits_expected=False)
            continue
        for rel, text in {} if dry_run else out.files.items():
            try:
                write_inside(out_dir, in_static_dir(rel, static_dir), text)
            except (OSError, ValueError) as exc:
                diags.append(Diagnostic("write.redirects", "error", f"cannot write {rel}: {exc}", 1, 1, str(out_dir)))
    return diags
