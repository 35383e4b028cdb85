"""The Netlify, Cloudflare Pages and Vercel edge functions, run with Node on every legacy spelling the server tests use.

No platform runner is needed: each generated file is imported by tests/redirects/edge/run.mjs and called
the way its platform calls it (Netlify and Vercel: ``default(request)``; Cloudflare Pages:
``onRequest({request, next})``), with a real WHATWG ``Request``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from migrate.config import Config
from migrate.redirects import options, page_rules, render

from .samples import load, write_pages
from .test_servers import CONFIGS, GONE, MISSES, SAMPLES, requests_for

RUN = Path(__file__).parent / "edge" / "run.mjs"
PLATFORMS = ["netlify", "cloudflare-pages", "vercel"]
NOTHING = {"netlify": 0, "cloudflare-pages": 0, "vercel": 0}


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed")
    return found


@pytest.fixture(scope="module", params=list(CONFIGS))
def pages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[list, Config]:
    folder = write_pages(tmp_path_factory.mktemp("pages") / "in")
    for sample in sorted(SAMPLES.glob("*.md")):
        shutil.copy(sample, folder / f"sample-{sample.name}")
    config = CONFIGS[request.param]
    return load(folder, config), config


def run_edge(fmt: str, config: Config, pages: list, tmp_path: Path, targets: list[str]) -> dict[str, list]:
    opts, _ = options(config)
    out = render(fmt, page_rules(pages), opts)
    (name,) = [n for n in out.files if n.endswith(".js")]
    site = tmp_path / "site"
    for rel, text in out.files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    (site / "package.json").write_text('{"type": "module"}\n')
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(targets, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [node(), str(RUN), str(site / name), fmt, str(cases)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("fmt", PLATFORMS)
def test_every_legacy_spelling_is_answered_by_the_edge_function(
    fmt: str, pages: tuple[list, Config], tmp_path: Path
) -> None:
    """With no room in the platform's rule file, the edge function alone answers every spelling."""
    batch, config = pages
    squeezed = Config({**config.data, "redirects": {**config.section("redirects"), "limits": NOTHING}})
    cases = requests_for(batch)
    got = run_edge(fmt, squeezed, batch, tmp_path, [*cases, *GONE, *MISSES])
    wrong = {t: got[t] for t, dest in cases.items() if got[t] != [301, f"http://127.0.0.1{dest}"]}
    assert not wrong, f"{len(wrong)} of {len(cases)} wrong: {list(wrong.items())[:10]}"
    assert {t: got[t][0] for t in GONE} == dict.fromkeys(GONE, 410)
    assert {t: got[t] for t in MISSES} == {t: [404, None] for t in MISSES}


@pytest.mark.parametrize("fmt", PLATFORMS)
def test_the_edge_function_answers_what_the_rule_file_cannot(
    fmt: str, pages: tuple[list, Config], tmp_path: Path
) -> None:
    """With the default limits, each spelling is either a rule in the platform's file or answered by the function."""
    batch, config = pages
    opts, _ = options(config)
    out = render(fmt, page_rules(batch), opts)
    held = out.files[out.main]
    if fmt == "vercel":
        sources = {unquote(e["source"].replace("\\", "")) for e in json.loads(held)["redirects"]}
    else:
        sources = {unquote(line.split()[0]) for line in held.splitlines() if line and not line.startswith("#")}
    cases = requests_for(batch)
    got = run_edge(fmt, config, batch, tmp_path, list(cases))
    query_cases = [t for t in cases if "?page" in t]
    # Netlify and Cloudflare Pages cannot match a query; Vercel's file can (a `has` condition).
    assert query_cases and (fmt == "vercel" or all(got[t][0] == 301 for t in query_cases))
    for target, dest in cases.items():
        if got[target] != [404, None]:
            assert got[target] == [301, f"http://127.0.0.1{dest}"], target
        else:
            assert unquote(target.split("?")[0]) in sources, f"{target} is answered by nothing"
