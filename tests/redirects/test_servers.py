"""Every legacy URL of the sample pages answers 301 with the exact Location on real nginx, Apache and Caddy.

The batch is the repository's sample pages (``input/``) plus generated pages with tricky titles, once with
the default variants and once with every variant switched on (spaces as ``-`` and ``_``, trailing slashes).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from migrate.config import Config
from migrate.redirects import options, page_rules, render
from migrate.redirects.rules import Rule

from . import servers
from .samples import load, write_pages

GONE = [
    "/tiki-print.php?page=Plain+Page+Name",
    "/tiki-editpage.php",
    "/tiki-comment-list.php?x=1&y=2",
    "/tiki-list_file_gallery.php?galleryId=3",
]
MISSES = ["/not-a-legacy-url", "/tiki-index.php?page=Nobody+Here", "/tiki-index.php"]


SAMPLES = Path(__file__).resolve().parents[2] / "input"
ALL_VARIANTS = {"spaces": ["+", "%20", "-", "_"], "tiki_index": True, "page_id": True, "trailing_slash": True}
CONFIGS = {"default": Config(), "all-variants": Config({"redirects": ALL_VARIANTS})}


@pytest.fixture(scope="module", params=list(CONFIGS))
def config(request: pytest.FixtureRequest) -> Config:
    return CONFIGS[request.param]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, config: Config) -> list:
    folder = write_pages(tmp_path_factory.mktemp("pages") / "in")
    for sample in sorted(SAMPLES.glob("*.md")):
        shutil.copy(sample, folder / f"sample-{sample.name}")
    return load(folder, config)


def requests_for(pages: list) -> dict[str, str]:
    """Raw request target -> the target it must redirect to: every rule in every spelling a client sends."""
    out: dict[str, str] = {}
    for r in page_rules(pages):
        assert isinstance(r, Rule)
        out[r.source()] = r.target
        out[r.source(raw=True)] = r.target
        if r.query is None:
            lower = re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), r.source())
            out[lower] = r.target
            out[r.source() + "?refresh=1"] = r.target
    for p in pages:
        for alias in p.meta["aliases"]:
            out.setdefault(alias.split("?")[0], p.url)
    return out


def test_sample_batch_is_clean(pages: list) -> None:
    assert all(not p.diagnostics for p in pages), [d.format() for p in pages for d in p.diagnostics]
    assert len(page_rules(pages)) > 50
    assert sum(p.source.name.startswith("sample-") for p in pages) == len(list(SAMPLES.glob("*.md"))) > 0


def test_every_configured_variant_is_requested(pages: list, config: Config) -> None:
    """The server tests below ask for every spelling the config emits, so none goes untested."""
    sources = set(requests_for(pages))
    assert "/tiki-index.php?page_id=101" in sources
    assert any(s.startswith("/tiki-index.php?page=Tom+%26+Jerry") for s in sources)
    assert any("%20" in s and s.startswith("/Sun,") for s in sources)
    if config is CONFIGS["all-variants"]:
        assert {"/Plain-Page-Name", "/Plain_Page_Name", "/Plain+Page+Name/", "/Plain-Page-Name/"} <= sources


SERVERS: dict[str, tuple[Callable[..., AbstractContextManager[int]], bool]] = {
    "nginx": (servers.nginx, True),
    "apache": (servers.apache, True),
    "caddy": (servers.caddy, False),
}


@pytest.fixture(params=["nginx", "apache", "apache-htaccess", "caddy"])
def server(request: pytest.FixtureRequest, pages: list, config: Config, tmp_path: Path) -> Iterator[tuple[int, bool]]:
    name = request.param
    fmt = name.split("-")[0]
    opts, _ = options(config)
    out = render(fmt, page_rules(pages), opts)
    (text,) = out.files.values()
    start, absolute = SERVERS[fmt]
    kwargs = {"htaccess": True} if name == "apache-htaccess" else {}
    with start(text, tmp_path, **kwargs) as port:
        yield port, absolute


def test_every_legacy_url_answers_301(server: tuple[int, bool], pages: list) -> None:
    port, absolute = server
    wrong = []
    cases = requests_for(pages)
    for target, dest in cases.items():
        want = f"http://127.0.0.1:{port}{dest}" if absolute else dest
        got = servers.request(port, target)
        if got != (301, want):
            wrong.append((target, got, want))
    assert not wrong, f"{len(wrong)} of {len(cases)} wrong: {wrong[:10]}"


def test_legacy_endpoints_are_gone(server: tuple[int, bool]) -> None:
    port, _ = server
    assert {t: servers.request(port, t)[0] for t in GONE} == dict.fromkeys(GONE, 410)
    assert {t: servers.request(port, t)[0] for t in MISSES} == dict.fromkeys(MISSES, 404)
