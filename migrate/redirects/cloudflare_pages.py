"""Cloudflare Pages ``_redirects``: Netlify's syntax, but only 2,000 static rules are kept (and 100 dynamic).

Pages drops rules past the cap without an error, so we write at most 2,000 and list the rest.
"""

from __future__ import annotations

from . import Output
from .netlify import render_hosted
from .rules import Options, Rule

FILE = "static/_redirects"
NAME = "cloudflare-pages"
LIMIT = 2_000


def render(rules: list[Rule], gone: list[Rule], opts: Options) -> Output:
    return render_hosted(NAME, FILE, LIMIT, rules, gone, opts)
