"""An alias never takes over a URL of the new site, and every map it makes loads in its real server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from migrate.config import Config
from migrate.redirects import options, render
from migrate.redirects.rules import Rule, flatten
from tests.redirects import servers
from tests.redirects.samples import load

from .helpers import migrate, page

HOSTILE_ALIASES = [
    "/Posts/Beta/",  # nginx map keys ignore case: would take over beta's live URL
    "//Old+Page+Name",  # urlsplit reads a host: would become "/", the home page
    "//evil.example/x",
    "/sitemap.xml",
    "/.htaccess",
    "/_redirects",
    "/robots.txt",
    "/index.xml",
    "/tags/sleep/",
    "/",
    "/Old%0APage",
    "/x%00y",
    "/a/../posts/beta/",
    "/tiki-index.php",  # no query: rules with and without one used to crash the sort
    "/{$UNSET}",  # Caddy substitutes environment variables in its config
    "/" + "!" * 2100,  # long enough to stop nginx -t or make Apache answer 500 in .htaccess
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("redirects")
    page(tmp / "in", "hostile", aliases=[*HOSTILE_ALIASES, "/Hostile+Old"])
    page(tmp / "in", "alpha", aliases=["/Alpha+Old"])
    page(tmp / "in", "beta", aliases=["/Beta+Old"])
    page(tmp / "in", "escaped", slug="../../../escaped", aliases=["/Escaped+Old"])
    return tmp


def _map(batch: Path, fmt: str) -> tuple[str, str, int]:
    run = migrate(batch, "redirects", "in", "--format", fmt)
    return run.stdout, run.stderr, run.returncode


@pytest.mark.parametrize("fmt", ["nginx", "apache", "caddy", "netlify", "csv", "json"])
def test_hostile_aliases_are_errors_and_never_crash(batch: Path, fmt: str) -> None:
    text, stderr, code = _map(batch, fmt)
    assert code == 1 and "Traceback" not in stderr, stderr
    for alias, code_name in [
        ("//Old+Page+Name", "redirect.bad-alias"),
        ("//evil.example/x", "redirect.bad-alias"),
        ("/sitemap.xml", "redirect.reserved"),
        ("/.htaccess", "redirect.reserved"),
        ("/Old%0APage", "redirect.bad-alias"),
        ("/x%00y", "redirect.bad-alias"),
        ("/Posts/Beta/", "redirect.live-url"),
        ("/a/../posts/beta/", "redirect.bad-alias"),
    ]:
        assert any(code_name in line and alias in line for line in stderr.splitlines()), (alias, stderr)
    assert any("redirect.too-long" in line for line in stderr.splitlines())
    assert "escaped/" not in text  # no rule to /posts/../../../escaped/
    assert "Alpha" in text and "Beta" in text  # the other pages' rules are all there


def _rules_of_every_page(batch: Path) -> list[Rule]:
    """Every rule the aliases stage kept, the hostile page's included (convert would not write that
    page at all; here the map is made anyway, to prove what survives the guards still loads)."""
    pages = load(batch / "in")
    return flatten(pages)


LIVE = ["/posts/beta/", "/POSTS/BETA/", "/Posts/Beta/", "/", "//", "/sitemap.xml", "/robots.txt", "/tags/sleep/"]


def _check_server(port: int) -> None:
    for url in LIVE:
        status, location = servers.request(port, url)
        assert status != 301, (url, location)  # no live URL of the site is redirected away
    assert _redirect(port, "/Alpha+Old") == "/posts/alpha/"
    assert _redirect(port, "/Hostile+Old") == "/posts/hostile/"


def _redirect(port: int, url: str) -> str | None:
    """Where ``url`` is sent with a 301 (the path: nginx makes the Location absolute)."""
    status, location = servers.request(port, url)
    return urlsplit(location).path if status == 301 and location else None


@pytest.fixture(scope="module")
def rules(batch: Path) -> list[Rule]:
    return _rules_of_every_page(batch)


def test_nginx_loads_the_map_and_redirects_no_live_url(rules: list[Rule], tmp_path: Path) -> None:
    opts, _ = options(Config())
    with servers.nginx(render("nginx", rules, opts).files["redirects/nginx.conf"], tmp_path) as port:
        _check_server(port)


@pytest.mark.parametrize("htaccess", [False, True], ids=["server-config", "htaccess"])
def test_apache_loads_the_map_and_redirects_no_live_url(rules: list[Rule], tmp_path: Path, htaccess: bool) -> None:
    opts, _ = options(Config())
    text = render("apache", rules, opts).files["redirects/apache.conf"]
    with servers.apache(text, tmp_path, htaccess=htaccess) as port:
        _check_server(port)


def test_caddy_loads_the_map_and_keeps_env_placeholders_literal(rules: list[Rule], tmp_path: Path) -> None:
    opts, _ = options(Config())
    with servers.caddy(render("caddy", rules, opts).files["redirects/caddy.conf"], tmp_path) as port:
        _check_server(port)
        assert _redirect(port, "/%7B$UNSET%7D") == "/posts/hostile/"


@pytest.mark.parametrize("fmt", ["nginx", "apache"])
def test_an_alias_just_under_the_limit_loads(tmp_path: Path, fmt: str) -> None:
    page(tmp_path / "in", "long", aliases=["/" + "!" * 1890])
    run = migrate(tmp_path, "redirects", "in", "--format", fmt)
    assert run.returncode == 0, run.stderr
    (tmp_path / "srv").mkdir()
    with getattr(servers, fmt)(run.stdout, tmp_path / "srv") as port:
        assert _redirect(port, "/" + "!" * 1890) == "/posts/long/"


@pytest.mark.parametrize(
    ("target", "claimed", "free"),
    [
        ("hugo", ["/index.xml", "/tags/sleep/", "/page/2/", "/posts/"], ["/assets/old.png", "/_astro/x.js"]),
        ("jekyll", ["/feed.xml", "/assets/main.css", "/posts/"], ["/index.xml", "/categories/x/"]),
        ("eleventy", ["/feed.xml", "/tags/sleep/"], ["/index.xml", "/_astro/x.js"]),
        ("astro", ["/_astro/client.js", "/rss.xml"], ["/index.xml", "/assets/main.css"]),
    ],
)
def test_reserved_paths_are_the_targets_own(target: str, claimed: list[str], free: list[str]) -> None:
    from migrate.redirects.guards import alias_problem
    from migrate.targets import get_target

    reserved = get_target(target).reserved()
    for path in ["/", "/robots.txt", "/.well-known/x", *claimed]:
        assert (alias_problem(path, reserved) or ("",))[0] == "redirect.reserved", (target, path)
    for path in free:
        assert alias_problem(path, reserved) is None, (target, path)
