"""What hosted platforms share: a rule-count cap, rules they cannot express, and saying so up front."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from . import Output
from .rules import Rule

CARRIERS = "a server map (nginx, apache, caddy) or the json map behind an edge function"


def fit(
    fmt: str,
    file: str,
    rules: list[Rule],
    limit: int,
    can: Callable[[Rule], str | None],
    out: Output,
    gone: list[Rule] | None = None,
    edge: bool = False,
) -> list[Rule]:
    """The rules that go into ``file``; the others are listed in ``<file>-overflow.csv`` and summed up.

    ``can(rule)`` returns why the platform cannot express a rule, or None. With ``edge``, the rules
    left over and the 410 endpoints are answered by the platform's edge function (see edge.py).
    """
    fits: list[Rule] = []
    left: list[tuple[Rule, str]] = []
    for r in rules:
        why = can(r)
        if why is not None:
            left.append((r, why))
        elif len(fits) < limit:
            fits.append(r)
        else:
            left.append((r, f"over the platform's limit of {limit:,} rules"))
    out.left = [r for r, _ in left]
    if edge:
        from .edge import render_edge

        name, code = render_edge(fmt, file, out.left, gone or [])
        out.files[name] = code
        out.note(
            "redirect.edge-function",
            "info",
            f"{fmt}: {name} answers the {len(left):,} redirect(s) {file} cannot hold"
            + (f" and the {len(gone)} legacy endpoint(s) that are gone (410)" if gone else "")
            + "; deploy it with the site",
            name,
        )
    elif gone:
        out.note(
            "redirect.gone-unsupported",
            "info",
            f"{fmt}: the {len(gone)} legacy endpoint(s) answered 410 elsewhere cannot be expressed here; "
            "they will answer 404",
            file,
        )
    if left:
        overflow = f"redirects/{fmt}-overflow.csv"
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["source", "target", "status", "reason", "page"])
        for r, why in left:
            writer.writerow([r.source(), r.target, r.status, why, r.page])
        out.files[overflow] = buf.getvalue()
        reasons: dict[str, int] = {}
        for _, why in left:
            reasons[why] = reasons.get(why, 0) + 1
        detail = "; ".join(f"{n:,} {why}" for why, n in sorted(reasons.items()))
        if edge:
            out.note(
                "redirect.overflow",
                "info",
                f"{fmt}: {len(fits):,} of {len(rules):,} redirects written to {file}; {len(left):,} did not fit "
                f"({detail}): the edge function answers them; they are also listed in {overflow}",
                file,
            )
        else:
            out.note(
                "redirect.overflow",
                "warning",
                f"{fmt}: {len(fits):,} of {len(rules):,} redirects written to {file}; {len(left):,} did not fit "
                f"({detail}); they are listed in {overflow}: serve them with {CARRIERS}",
                file,
            )
    return fits
