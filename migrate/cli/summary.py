"""What ``migrate convert`` prints: each page's diagnostics as the page finishes, then what matters.

After the pages: warnings by code (most frequent first, with the ``--ignore`` hint), the pages a
person must look at (listed apart from the many routine notes), then the one-line summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from ..page import Diagnostic, Page, printable

if TYPE_CHECKING:
    from ..report import ReportEntry, Totals

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
        if self.ignored:
            page.diagnostics = [d for d in page.diagnostics if self.keep(d)]
        # a page's status tells whether it has anything to show (a replayed page's, without decoding it)
        if page.status == "error" or (page.status == "warning" and not self.quiet):
            self.echo(page.diagnostics)


def breakdown(entries: list[ReportEntry], totals: Totals, extra: list[Diagnostic], quiet: bool) -> list[str]:
    """The lines between the diagnostics and the summary line, from the report's page entries and totals."""
    lines: list[str] = []
    warnings = Counter({code: counts[1] for code, counts in totals.codes.items() if counts[1]})
    warnings.update(d.code for d in extra if d.severity == "warning")
    if warnings and not quiet:
        lines.append("warnings by code (leave a code out with --ignore CODE; see docs/diagnostics.md):")
        ranked = sorted(warnings.items(), key=lambda kv: (-kv[1], kv[0]))
        lines += [f"  {count:>6,}  {code}" for code, count in ranked[:_SHOWN_CODES]]
        if len(ranked) > _SHOWN_CODES:
            lines.append(f"  {sum(c for _, c in ranked[_SHOWN_CODES:]):>6,}  ({len(ranked) - _SHOWN_CODES} more codes)")
    person = []
    for e in entries:
        t = e.tally
        if t.get("person") and t["written"]:
            person.append(f"  {printable(t['source'])}: {', '.join(t['person'])}")
    if person:
        lines.append(f"pages a person should check ({len(person):,}):")
        lines += person[:_SHOWN_PAGES]
        if len(person) > _SHOWN_PAGES:
            lines.append(f"  ... and {len(person) - _SHOWN_PAGES:,} more (the report lists every page)")
    return lines
