"""Cloudflare Bulk Redirects: a CSV list to upload (Rules > Bulk Redirects > list > upload CSV).

Columns, no header: source URL (host and path, no scheme, no query), target URL, status, preserve query
string, include subdomains, subpath matching, preserve path suffix. Bulk Redirects cannot match a query
string and need the site's host, taken from ``redirects.base_url``.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

from . import Output
from .hosted import fit
from .rules import Options, Rule

FILE = "redirects/cloudflare-bulk.csv"
NAME = "cloudflare"
#: URL redirects per account on the Free plan; raise it in ``redirects.limits`` for paid plans.
LIMIT = 10_000


def unexpressible(r: Rule) -> str | None:
    if r.query is not None:
        return "query string (Bulk Redirects cannot match one)"
    return None


def render(rules: list[Rule], gone: list[Rule], opts: Options) -> Output:
    out = Output()
    if not opts.base_url:
        out.note(
            "redirect.config",
            "error",
            "cloudflare: Bulk Redirects need the site's host: set redirects.base_url (e.g. https://example.org)",
            FILE,
        )
        return out
    host = urlsplit(opts.base_url).netloc
    kept = fit(NAME, FILE, rules, opts.limit(NAME, LIMIT), unexpressible, out, gone)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for r in kept:
        target = r.target if "://" in r.target else opts.base_url + r.target
        writer.writerow([host + r.source(), target, 301, "FALSE", "FALSE", "FALSE", "FALSE"])
    out.files[FILE] = buf.getvalue()
    return out
