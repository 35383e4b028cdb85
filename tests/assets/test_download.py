"""Downloads against a real local server: each good file once, each failure with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.assets.mover import AssetRun
from migrate.assets.settings import AssetSettings

from .server import PDF, SHARED, AssetServer, png, serving


def settings(srv: AssetServer, **kw: object) -> AssetSettings:
    base = {"hosts": ["127.0.0.1"], "retries": 2, "backoff": 0.01, "timeout": 2.0, "rate": 0, "jobs": 4}
    return AssetSettings.from_config(base | kw)


def page_text(base: str) -> str:
    return f"""Intro with a picture ![a chart](<{base}/img/chart.png> "The chart").

Twice the same picture: ![again]({base}/img/chart.png) and a PDF [the study]({base}/files/study.pdf).

<table><tr><td><img src="{base}/img/in-table.png" alt="cell"></td></tr></table>

Two names, one content: ![one]({base}/same/one.png) ![two]({base}/same/two.png)

Failures: ![gone]({base}/missing.png) ![locked]({base}/secret.png) ![moved]({base}/elsewhere.png)
![html]({base}/page.png) ![big]({base}/huge.png) ![bigger]({base}/huge-chunked.png)
![cut]({base}/dropped.png) ![flaky]({base}/flaky.png) ![busy]({base}/busy.png) ![down]({base}/broken-server.png)
![renamed]({base}/renamed.png) [download](/tiki-download_file.php?fileId=12)

Not assets: [a page]({base}/tiki-index.php?page=Other) [elsewhere](https://example.org/x.pdf)
`![code]({base}/img/code.png)`

```
![fenced]({base}/img/fenced.png)
```
"""


def test_every_good_asset_once_every_failure_with_its_reason(tmp_path: Path) -> None:
    with serving() as srv:
        s = settings(srv, base_url=srv.base, max_size="1MB")
        run = AssetRun(s, tmp_path, download=True)
        text = page_text(srv.base)
        run.add_page("p.md", text)
        run.execute()
        hits = dict(srv.hits)
        agents = set(srv.user_agents)
    status = {i["url"].replace(srv.base, ""): i["status"] for i in run.report()["items"]}
    assert status == {
        "/img/chart.png": "ok",
        "/files/study.pdf": "ok",
        "/img/in-table.png": "ok",
        "/same/one.png": "ok",
        "/same/two.png": "ok",
        "/missing.png": "not-found",
        "/secret.png": "forbidden",
        "/elsewhere.png": "redirect-other-host",
        "/page.png": "wrong-type",
        "/huge.png": "too-large",
        "/huge-chunked.png": "too-large",
        "/dropped.png": "connection",
        "/flaky.png": "ok",
        "/busy.png": "ok",
        "/broken-server.png": "server-error",
        "/renamed.png": "ok",
        "/tiki-download_file.php?fileId=12": "ok",
    }
    # every good asset fetched exactly once; retried ones as often as they failed, plus one
    for path in ("/img/chart.png", "/files/study.pdf", "/img/in-table.png", "/same/one.png", "/same/two.png"):
        assert hits[path] == 1, path
    assert hits["/flaky.png"] == 2 and hits["/busy.png"] == 3
    assert hits["/dropped.png"] == 3 and hits["/broken-server.png"] == 3  # retries: 2
    assert hits["/missing.png"] == hits["/secret.png"] == hits["/elsewhere.png"] == 1  # never retried
    assert "/img/code.png" not in hits and "/img/fenced.png" not in hits and "/x.pdf" not in hits
    assert all(a.startswith("migrate-wiki/") for a in agents)
    # the files, by content: the two names of one content are one file
    static = tmp_path / "static" / "assets"
    files = sorted(p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file())
    assert files == [
        "busy.png",
        "files/study.pdf",
        "flaky.png",
        "img/chart.png",
        "img/in-table.png",
        "renamed.png",
        "same/one.png",
        "tiki-download_file-fileid-12.pdf",
    ]
    assert (static / "img/chart.png").read_bytes() == png("/img/chart.png")
    assert (static / "same/one.png").read_bytes() == SHARED
    assert not (static / "same/two.png").exists()
    assert (static / "files/study.pdf").read_bytes() == PDF + b"/files/study.pdf"
    assert (static / "tiki-download_file-fileid-12.pdf").is_file()
    # the failures' reasons, in words
    items = {i["url"].replace(srv.base, ""): i for i in run.report()["items"]}
    assert "HTTP 404" in items["/missing.png"]["detail"]
    assert "localhost" in items["/elsewhere.png"]["detail"]
    assert "text/html" in items["/page.png"]["detail"]


def test_references_rewritten_and_failures_keep_their_url(tmp_path: Path) -> None:
    with serving() as srv:
        run = AssetRun(settings(srv, base_url=srv.base, max_size="1MB"), tmp_path, download=True)
        run.add_page("p.md", page_text(srv.base))
        run.execute()
        out = run.rewritten("p.md")
        b = srv.base
    assert '![a chart](</assets/img/chart.png> "The chart")' in out
    assert "![again](/assets/img/chart.png)" in out
    assert "[the study](/assets/files/study.pdf)" in out
    assert '<img src="/assets/img/in-table.png" alt="cell">' in out
    assert "![one](/assets/same/one.png) ![two](/assets/same/one.png)" in out
    assert "[download](/assets/tiki-download_file-fileid-12.pdf)" in out
    assert f"![gone]({b}/missing.png)" in out and f"![cut]({b}/dropped.png)" in out
    assert f"`![code]({b}/img/code.png)`" in out and f"![fenced]({b}/img/fenced.png)" in out
    assert f"[a page]({b}/tiki-index.php?page=Other)" in out
    fails = {url.replace(b, ""): why for _line, url, why in run.failures("p.md")}
    assert fails["/missing.png"].startswith("not-found")
    assert "/img/chart.png" not in fails


def test_second_run_downloads_nothing(tmp_path: Path) -> None:
    with serving() as srv:
        s = settings(srv, base_url=srv.base, max_size="1MB")
        first = AssetRun(s, tmp_path, download=True)
        first.add_page("p.md", page_text(srv.base))
        first.execute()
        before = sum(srv.hits.values())
        again = AssetRun(s, tmp_path, download=True)
        again.add_page("p.md", page_text(srv.base))
        again.execute()
        after = sum(srv.hits.values())
        extra = {p: n for p, n in srv.hits.items()}
        assert again.rewritten("p.md") == first.rewritten("p.md")
    # only the transient failures (server down, connection cut) are tried again
    assert after - before == extra["/dropped.png"] - 3 + extra["/broken-server.png"] - 3
    assert again.fetched_now == 0 and again.report()["summary"]["moved"] == first.report()["summary"]["moved"]


def test_in_flight_never_above_the_limit(tmp_path: Path) -> None:
    with serving(delay=0.05) as srv:
        s = settings(srv, jobs=3, per_host=8)
        run = AssetRun(s, tmp_path, download=True)
        run.add_page("p.md", "\n\n".join(f"![x{i}]({srv.base}/img/{i}.png)" for i in range(40)))
        run.execute()
        max_active = srv.max_active
    assert run.report()["summary"]["moved"] == 40
    assert run.stats.max_in_flight <= 3 and max_active <= 3
    assert max_active >= 2  # the limit is a limit, not one at a time


def test_per_host_limit(tmp_path: Path) -> None:
    with serving(delay=0.05) as srv:
        run = AssetRun(settings(srv, jobs=8, per_host=2), tmp_path, download=True)
        run.add_page("p.md", "\n\n".join(f"![x{i}]({srv.base}/img/{i}.png)" for i in range(20)))
        run.execute()
        assert srv.max_active <= 2
    assert run.stats.max_per_host["127.0.0.1"] <= 2


def test_timeout_is_reported_after_retries(tmp_path: Path) -> None:
    with serving() as srv:
        run = AssetRun(settings(srv, timeout=0.3, retries=1), tmp_path, download=True)
        run.add_page("p.md", f"![slow]({srv.base}/hang.png)")
        run.execute()
        assert srv.hits["/hang.png"] == 2
    (item,) = run.report()["items"]
    assert item["status"] == "timeout" and "no answer" in item["detail"]


def test_nothing_reaches_the_network_without_download(tmp_path: Path) -> None:
    with serving() as srv:
        run = AssetRun(settings(srv, base_url=srv.base), tmp_path, download=False)
        run.add_page("p.md", page_text(srv.base))
        run.execute()
        assert sum(srv.hits.values()) == 0
    assert {i["status"] for i in run.report()["items"]} == {"not-fetched"}
    assert run.rewritten("p.md") == page_text(srv.base)
    assert not (tmp_path / ".migrate-assets").exists() and not (tmp_path / "static").exists()


def test_dry_run_with_download_fetches_nothing(tmp_path: Path) -> None:
    with serving() as srv:
        run = AssetRun(settings(srv, base_url=srv.base), tmp_path, download=True, dry_run=True)
        run.add_page("p.md", page_text(srv.base))
        run.execute()
        assert sum(srv.hits.values()) == 0
    assert len(run.report()["items"]) == 17
    assert list(tmp_path.iterdir()) == []


def test_redirect_to_another_host_followed_only_when_allowed(tmp_path: Path) -> None:
    with serving() as srv:
        run = AssetRun(settings(srv), tmp_path, download=True)
        run.add_page("p.md", f"![r]({srv.base}/elsewhere.png)")
        run.execute()
    (item,) = run.report()["items"]
    assert item["status"] == "redirect-other-host" and item["final_url"] == "http://localhost:9/x.png"


@pytest.mark.parametrize("external", [False, True])
def test_other_sites_images_are_listed_and_moved_only_when_asked(tmp_path: Path, external: bool) -> None:
    with serving() as srv:
        # the server is "another site": not in hosts
        s = AssetSettings.from_config({"hosts": ["old.example.org"], "rate": 0, "external_images": external})
        run = AssetRun(s, tmp_path, download=True)
        run.add_page("p.md", f"![x]({srv.base}/img/ext.png) [file]({srv.base}/files/ext.pdf)")
        run.execute()
        hits = dict(srv.hits)
    items = run.report()["items"]
    assert [(i["class"], i["status"]) for i in items] == [("external", "ok" if external else "external")]
    assert hits == ({"/img/ext.png": 1} if external else {})
