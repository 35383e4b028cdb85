"""The 400 real pages (read at run time, never copied): no false conflicts; nginx answers every alias."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.config import Config
from migrate.redirects import options, page_rules, render
from tests.shared import CORPUS, needs_corpus

from . import servers
from .samples import load

pytestmark = needs_corpus


@pytest.fixture(scope="module")
def pages() -> list:
    return load(CORPUS)


def test_no_conflicts_and_every_alias_kept(pages: list) -> None:
    assert len(pages) == 400
    assert [d.format() for p in pages for d in p.diagnostics] == []
    for p in pages:
        written = {r.display() for r in p.redirects if r.written}
        assert len(written) == len(p.meta["aliases"])  # every alias as written is a source
        pid = p.meta.get("tiki_page_id")
        if pid:
            assert f"/tiki-index.php?page_id={pid}" in {r.display() for r in p.redirects}


def test_real_aliases_on_nginx(pages: list, tmp_path: Path) -> None:
    opts, _ = options(Config())
    rules = page_rules(pages)
    (text,) = render("nginx", rules, opts).files.values()
    with servers.nginx(text, tmp_path) as port:
        wrong = []
        for p in pages:
            for alias in p.meta["aliases"]:
                for target in {alias, *(r.source() for r in p.redirects)}:
                    got = servers.request(port, target)
                    if got != (301, f"http://127.0.0.1:{port}{p.url}"):
                        wrong.append((target, got))
    assert not wrong, wrong[:5]
