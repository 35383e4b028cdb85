"""``migrate convert --assets`` and ``migrate assets`` as a user runs them, against a local server,
and the Hugo site built from the result."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from .server import PDF, SHARED, png, serving
from .site import hugo_skeleton, load_report, migrate, tree, write_config, write_pages


class _Sources(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.imgs: list[dict[str, str | None]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.imgs.append(dict(attrs))
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")


def test_convert_with_assets_then_hugo_shows_every_image_from_its_own_files(tmp_path: Path) -> None:
    with serving() as srv:
        base = srv.base
        write_pages(tmp_path / "in", base)
        write_config(tmp_path / "cfg.yaml", base)
        done = migrate(tmp_path, "convert", "in", "out", "--config", "cfg.yaml", "--assets", "--report", "r.json")
        hits = dict(srv.hits)
    assert done.returncode == 0, done.stderr
    assert all(n == 1 for n in hits.values()), hits  # every file asked for once
    report = load_report(tmp_path / "r.json")
    items = {i["url"].replace(base, ""): i for i in report["assets"]["items"]}
    assert items["/missing.png"]["status"] == "not-found"
    assert items["/attachments/compost-guide.pdf"]["file"] == "/assets/attachments/compost-guide.pdf"
    assert "in/compost.md:21:1: warning[assets.not-moved]" in done.stderr
    out = tmp_path / "out"
    rows = list(csv.DictReader(io.StringIO((out / "assets.csv").read_text(encoding="utf-8"))))
    assert {r["url"].replace(base, "") for r in rows} == set(items)
    # the sized image keeps its width, as a Hugo figure
    compost = (out / "content/posts/compost-heaps.md").read_text(encoding="utf-8")
    assert '{{< figure src="/assets/img/heap.png" alt="A steaming compost heap" width="320" >}}' in compost

    if shutil.which("hugo") is None:
        pytest.skip("hugo is not installed")
    hugo_skeleton(out)
    built = subprocess.run(["hugo", "--quiet", "-s", str(out), "-d", str(tmp_path / "public")], capture_output=True)
    assert built.returncode == 0, built.stderr
    public = tmp_path / "public"
    seen = 0
    for page in ("posts/compost-heaps/index.html", "posts/mulch-and-worms/index.html"):
        parser = _Sources()
        parser.feed((public / page).read_text(encoding="utf-8"))
        for img in parser.imgs:
            src = img["src"] or ""
            if src.endswith("/missing.png"):
                assert src == f"{base}/missing.png"  # not fetched: keeps its old URL
                continue
            assert src.startswith("/assets/"), src
            assert (public / src.lstrip("/")).is_file(), src
            seen += 1
        for href in parser.links:
            if href.startswith("/assets/"):
                assert (public / href.lstrip("/")).read_bytes().startswith(PDF)
    assert seen == 5
    assert (public / "assets/img/heap.png").read_bytes() == png("/img/heap.png")
    assert (public / "assets/same/first.png").read_bytes() == SHARED
    heap = (public / "posts/compost-heaps/index.html").read_text(encoding="utf-8")
    assert 'src="/assets/img/heap.png"' in heap and 'width="320"' in heap


def test_a_second_convert_downloads_nothing_and_writes_the_same(tmp_path: Path) -> None:
    with serving() as srv:
        write_pages(tmp_path / "in", srv.base)
        write_config(tmp_path / "cfg.yaml", srv.base)
        first = migrate(tmp_path, "convert", "in", "out", "--config", "cfg.yaml", "--assets")
        before = _ours(tree(tmp_path / "out"))
        n = sum(srv.hits.values())
        again = migrate(tmp_path, "convert", "in", "out", "--config", "cfg.yaml", "--assets")
        assert sum(srv.hits.values()) == n
    assert first.returncode == again.returncode == 0
    assert "0 downloaded now" in again.stderr
    assert _ours(tree(tmp_path / "out")) == before


def test_convert_without_assets_never_touches_the_network(tmp_path: Path) -> None:
    with serving() as srv:
        write_pages(tmp_path / "in", srv.base)
        write_config(tmp_path / "cfg.yaml", srv.base)
        done = migrate(tmp_path, "convert", "in", "out", "--config", "cfg.yaml", "--report", "r.json")
        assert sum(srv.hits.values()) == 0
    assert done.returncode == 0
    assert "assets" not in load_report(tmp_path / "r.json")
    assert not (tmp_path / "out/static").exists() and not (tmp_path / "out/assets.csv").exists()


def test_assets_command_inventory_in_dry_run(tmp_path: Path) -> None:
    with serving() as srv:
        write_pages(tmp_path / "in", srv.base)
        write_config(tmp_path / "cfg.yaml", srv.base)
        migrate(tmp_path, "convert", "in", "out")
        before = tree(tmp_path / "out")
        done = migrate(
            tmp_path, "assets", "out", "--config", "cfg.yaml", "--dry-run", "--download", "--report", "a.json",
            "--csv", "a.csv",
        )  # fmt: skip
        assert sum(srv.hits.values()) == 0
    assert done.returncode == 0, done.stderr
    assert tree(tmp_path / "out") == before
    report = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert report["summary"]["assets"] == 7 and report["summary"]["references"] == 8
    uses = {i["url"].replace(srv.base, ""): i["uses"] for i in report["items"]}
    assert uses["/img/heap.png"] == [
        {"page": "content/posts/compost-heaps.md", "line": 13},
        {"page": "content/posts/mulch-and-worms.md", "line": 13},
    ]
    assert (tmp_path / "a.csv").read_text(encoding="utf-8").startswith("url,kind,class,host,status")


def test_assets_command_moves_files_of_a_converted_site(tmp_path: Path) -> None:
    with serving() as srv:
        write_pages(tmp_path / "in", srv.base)
        write_config(tmp_path / "cfg.yaml", srv.base)
        migrate(tmp_path, "convert", "in", "out")
        done = migrate(tmp_path, "assets", "out", "--config", "cfg.yaml", "--download")
        n = sum(srv.hits.values())
        after = _ours(tree(tmp_path / "out"))
        again = migrate(tmp_path, "assets", "out", "--config", "cfg.yaml", "--download")
        assert sum(srv.hits.values()) == n
    assert done.returncode == again.returncode == 0, done.stderr
    mulch = (tmp_path / "out/content/posts/mulch-and-worms.md").read_text(encoding="utf-8")
    assert "[Worm counts, 2020](/assets/tiki-download_file-fileid-77.pdf)" in mulch
    assert mulch.startswith("---\ntitle: Mulch and worms\n")
    assert "content/posts/compost-heaps.md:19:1: warning[assets.not-moved]" in done.stderr
    now = _ours(tree(tmp_path / "out"))
    # the pages and files as they were; the inventory lists the moved files under their old URLs
    # (a file two URLs shared is listed under the first of them: the page no longer says which)
    csv_after, csv_now = after.pop("assets.csv"), now.pop("assets.csv")
    assert now == after
    files = [{r["file"] for r in csv.DictReader(io.StringIO(c.decode()))} for c in (csv_after, csv_now)]
    assert files[0] == files[1] and len(files[0] - {""}) == 5


def test_pages_moved_by_migrate_assets_are_still_migrates_own(tmp_path: Path) -> None:
    with serving() as srv:
        write_pages(tmp_path / "in", srv.base)
        # (widths: none, because plain convert leaves sizes out and convert --assets would add them)
        write_config(tmp_path / "cfg.yaml", srv.base, widths="none")
        migrate(tmp_path, "convert", "in", "out")
        migrate(tmp_path, "assets", "out", "--config", "cfg.yaml", "--download")
        pages = {k: v for k, v in tree(tmp_path / "out" / "content").items()}
        n = sum(srv.hits.values())
        # convert --assets over it: the same pages, nothing fetched, no page taken for a hand edit
        again = migrate(tmp_path, "convert", "in", "out", "--config", "cfg.yaml", "--assets")
        assert sum(srv.hits.values()) == n
    assert again.returncode == 0, again.stderr
    assert "hand-edited" not in again.stderr and "edited by hand" not in again.stderr
    assert tree(tmp_path / "out" / "content") == pages


def test_a_run_killed_halfway_resumes_without_downloading_again(tmp_path: Path) -> None:
    site = tmp_path / "out" / "content" / "posts"
    site.mkdir(parents=True)
    with serving() as srv:
        body = "\n\n".join(f"![picture {i}]({srv.base}/img/{i}.png)" for i in range(6))
        # sorted last, so with one request at a time the first six are done when it hangs
        body += f"\n\n![held]({srv.base}/z-hold/last.png)\n"
        (site / "p.md").write_text("---\ntitle: P\n---\n\n" + body, encoding="utf-8")
        write_config(tmp_path / "cfg.yaml", srv.base, jobs=1)
        args = ["assets", "out", "--config", "cfg.yaml", "--download"]
        proc = subprocess.Popen(
            _argv(*args),
            cwd=tmp_path,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert srv.held.wait(60), "the run never reached the held request"
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        journal = (tmp_path / "out/.migrate-assets/state.jsonl").read_text(encoding="utf-8")
        assert journal.count('"status": "ok"') == 6
        srv.release.set()  # the held file answers now
        done = migrate(tmp_path, *args)
        hits = dict(srv.hits)
    assert done.returncode == 0, done.stderr
    assert all(hits[f"/img/{i}.png"] == 1 for i in range(6)), hits
    assert hits["/z-hold/last.png"] == 2
    text = (site / "p.md").read_text(encoding="utf-8")
    assert text.count("](/assets/") == 7
    assert "1 downloaded now" in done.stderr


def test_bad_assets_config_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "cfg.yaml").write_text("assets:\n  widht: figure\n", encoding="utf-8")
    done = migrate(tmp_path, "assets", "out", "--config", "cfg.yaml")
    assert done.returncode == 2
    assert "widht" in done.stderr and "did you mean 'widths'?" in done.stderr
    (tmp_path / "cfg.yaml").write_text("assets:\n  max_size: lots\n", encoding="utf-8")
    done = migrate(tmp_path, "assets", "out", "--config", "cfg.yaml")
    assert done.returncode == 2
    assert "assets.max_size: 'lots' is not a size" in done.stderr


def _ours(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files a run writes, without convert's own bookkeeping (.migrate/: memos keyed by the code's hash)."""
    return {k: v for k, v in files.items() if not k.startswith(".migrate/")}


def _env() -> dict[str, str]:
    import os

    from .site import REPO

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    return env


def _argv(*args: str) -> list[str]:
    import sys

    return [sys.executable, "-m", "migrate", *args]
