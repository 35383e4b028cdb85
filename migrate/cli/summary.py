"""What ``migrate convert`` prints: each page's diagnostics as the page finishes, then what matters.

After the pages: warnings by code (most frequent first, with the ``--ignore`` hint), the pages a
person must look at (listed apart from the many routine notes), then the one-line summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import click

from ..page import Diagnostic, Page, printable

#: codes that mean "a person must look at this page": something may be lost or wrong, not routine
NEEDS_PERSON = (
    "audit.",
    "body.wikilink",
    "body.tiki-left",
    "body.html-kept",
    "redirect.live-url",
    "redirect.duplicate",
    "redirect.loop",
)
_SHOWN_CODES = 12
_SHOWN_PAGES = 30


@dataclass
class Stream:
    """Prints a page's diagnostics when the runner says it is done; leaves out ignored codes."""

    quiet: bool
    ignored: tuple[str, ...] = ()
    printed: int = field(default=0)

    def shown(self, diag: Diagnostic) -> bool:
        return diag.severity == "error" or (not self.quiet and diag.severity == "warning")

    def keep(self, diag: Diagnostic) -> bool:
        # errors always count: a page with one was not written
        return diag.severity == "error" or not (self.ignored and diag.code.startswith(self.ignored))

    def echo(self, diags: Iterable[Diagnostic]) -> None:
        for diag in diags:
            if self.shown(diag):
                click.echo(diag.format(), err=True)
                self.printed += 1

    def page_done(self, page: Page) -> None:
        page.diagnostics = [d for d in page.diagnostics if self.keep(d)]
        self.echo(page.diagnostics)


def needs_person(diag: Diagnostic) -> bool:
    if diag.code == "body.html-kept":
        return diag.severity == "warning"  # unrecognised HTML kept (forms ...), not a planned keep
    return diag.severity != "info" and diag.code.startswith(NEEDS_PERSON)


def breakdown(pages: list[Page], extra: list[Diagnostic], quiet: bool) -> list[str]:
    """The lines between the diagnostics and the summary line."""
    lines: list[str] = []
    warnings = Counter(d.code for p in pages for d in p.diagnostics if d.severity == "warning")
    warnings.update(d.code for d in extra if d.severity == "warning")
    if warnings and not quiet:
        lines.append("warnings by code (leave a code out with --ignore CODE; see docs/diagnostics.md):")
        ranked = sorted(warnings.items(), key=lambda kv: (-kv[1], kv[0]))
        lines += [f"  {count:>6,}  {code}" for code, count in ranked[:_SHOWN_CODES]]
        if len(ranked) > _SHOWN_CODES:
            lines.append(f"  {sum(c for _, c in ranked[_SHOWN_CODES:]):>6,}  ({len(ranked) - _SHOWN_CODES} more codes)")
    person = []
    for page in pages:
        codes = sorted({d.code for d in page.diagnostics if needs_person(d)})
        if codes and page.will_write:
            person.append(f"  {printable(page.name)}: {', '.join(codes)}")
    if person:
        lines.append(f"pages a person should check ({len(person):,}):")
        lines += person[:_SHOWN_PAGES]
        if len(person) > _SHOWN_PAGES:
            lines.append(f"  ... and {len(person) - _SHOWN_PAGES:,} more (the report lists every page)")
    return lines
