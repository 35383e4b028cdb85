"""Generated hostile input: no unsafe scheme in any output, no live URL redirected, every map loads."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from migrate.body import convert_body
from migrate.config import Config
from migrate.redirects import options, render
from migrate.redirects.guards import server_view
from migrate.redirects.rules import Rule, flatten
from tests.redirects import servers
from tests.redirects.samples import load

from .helpers import live_things

SCHEMES = ["javascript", "vbscript", "data", "JaVaScRiPt", "livescript", "file"]
CONTROLS = ["", "\x01", "\x1f", " ", "\t", "\n", "\x00"]


@st.composite
def hostile_urls(draw: st.DrawFn) -> str:
    """A dangerous scheme as an attacker spells it: mixed case, entities, controls inside and around."""
    scheme = draw(st.sampled_from(SCHEMES))
    out = draw(st.sampled_from(CONTROLS)).replace("\x00", "")
    for ch in scheme:
        form = draw(st.sampled_from(["plain", "dec", "hex", "tab", "newline"]))
        out += {
            "plain": ch,
            "dec": f"&#{ord(ch)};",
            "hex": f"&#x{ord(ch):X};",
            "tab": "&#9;" + ch,
            "newline": "&#x0A;" + ch,
        }[form]
    colon = draw(st.sampled_from([":", "&#58;", "&colon;", "&#x3A;"]))
    return out + colon + draw(st.sampled_from(["alert(1)", "text/html,<script>alert(1)</script>", "x"]))


_RENDER = MarkdownIt("commonmark", {"html": True})


@given(url=hostile_urls(), where=st.sampled_from(["a", "img", "md", "table", "iframe", "form"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_unsafe_scheme_survives(url: str, where: str) -> None:
    body = {
        "a": f'<a href="{url}">label</a>',
        "img": f'<img src="{url}" alt="a picture">',
        "md": f"[label]({url.replace(' ', '').replace(chr(10), '')}) and ![pic]({url.replace(' ', '')})",
        "table": f'<table><tr><td colspan="2"><a href="{url}">x</a></td></tr><tr><td>a</td><td>b</td></tr></table>',
        "iframe": f'<iframe src="{url}"></iframe>',
        "form": f'<form action="{url}"><button formaction="{url}">go</button></form>',
    }[where]
    out = convert_body(body + "\n").markdown
    html = _RENDER.render(out)
    assert live_things(html) == [], (body, out, html)


ALIAS_PIECES = [
    "Posts", "posts", "POSTS", "beta", "Beta", "tags", "sleep", "sitemap.xml", "robots.txt", "index.xml",
    "_redirects", ".htaccess", "", "..", ".", "%0A", "%00", "%2F", "%2e%2e", "{$UNSET}", "{$HOME}", "!", "Old+Page",
    "tiki-index.php", "évé", "%E2%80%93", "a b", "`", '"', "\\",
]  # fmt: skip
LIVE = ["/posts/beta/", "/posts/alpha/", "/", "/tags/sleep/", "/sitemap.xml", "/robots.txt", "/index.xml"]


@st.composite
def hostile_aliases(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(ALIAS_PIECES), min_size=1, max_size=4))
    lead = draw(st.sampled_from(["/", "//", "///"]))
    tail = draw(st.sampled_from(["", "/", "?page=x", "?"]))
    return lead + "/".join(parts) + tail


def _rules_for(aliases: list[str]) -> list[Rule]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for slug, extra in [("alpha", aliases), ("beta", ["/Beta+Old"])]:
            front = {"title": slug.title(), "slug": slug, "date": "2020-01-01", "aliases": extra}
            (folder / f"{slug}.md").write_text(json.dumps(front) + "\n\nText.\n")
        return flatten(load(folder))


@given(aliases=st.lists(hostile_aliases(), min_size=1, max_size=8))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_live_url_is_ever_a_source(aliases: list[str]) -> None:
    live = {server_view(u).rstrip("/") or "/" for u in LIVE}
    for rule in _rules_for(aliases):
        if rule.query is None:
            assert not rule.path.startswith("//"), rule
            assert (server_view(rule.path).rstrip("/") or "/") not in live, rule


@given(aliases=st.lists(hostile_aliases(), min_size=1, max_size=8))
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
def test_every_map_loads_in_its_server(aliases: list[str]) -> None:
    rules = _rules_for(aliases)
    opts, _ = options(Config())
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, start in [("nginx", servers.nginx), ("apache", servers.apache), ("caddy", servers.caddy)]:
            folder = Path(tmp) / fmt
            folder.mkdir()
            text = render(fmt, rules, opts).files[f"redirects/{fmt}.conf"]
            with start(text, folder) as port:  # each checks its config first (nginx -t, apache2 -t, caddy validate)
                assert servers.request(port, "/Beta+Old")[0] == 301
