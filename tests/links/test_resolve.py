"""migrate convert resolves every link: rewritten to the new URL, or a link.broken warning at its line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import load_report, run_cli

ONE = """{"title": "Seed saving", "slug": "seed-saving", "date": "2019-03-04", "aliases": ["/Seed+saving", "/501"]}

# Seed saving

Keep the driest pods.
"""

TWO = """{"title": "Bean trellis", "slug": "bean-trellis", "date": "2019-03-05"}

Read [seed saving](/posts/seed-saving) first, or [its old address](tiki-index.php?page=Seed+saving#seed-saving).
A Tiki link: [tiki-index.php?page=Seed saving|the seed page] and [https://example.org/beans|a bean shop].

A [lost page](/posts/never-written) and a [dead tag](/tags/bean-poles.html).

In code it stays: `[tiki-index.php?page=Seed saving|x]` and `](/posts/never-written)`.
"""


def _write(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_links_are_rewritten_and_broken_ones_reported(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"one.md": ONE, "two.md": TWO})
    run = run_cli(tmp_path, "in", "out", "--report", "report.json", "--no-skeleton")
    assert run.code == 0, run.stderr
    body = _body(tmp_path / "out/content/posts/bean-trellis.md")
    assert "[seed saving](/posts/seed-saving)" in body  # it reaches the page as written: left alone
    assert "[its old address](/posts/seed-saving/#seed-saving)" in body
    assert "[the seed page](/posts/seed-saving/)" in body
    assert "[a bean shop](https://example.org/beans)" in body
    assert "`[tiki-index.php?page=Seed saving|x]`" in body and "`](/posts/never-written)`" in body
    broken = {(m["line"], m["msg"].split(":")[0]) for m in run.diagnostics("warning") if m["code"] == "link.broken"}
    assert broken == {("6", "broken link /posts/never-written"), ("6", "broken link /tags/bean-poles.html")}
    report = load_report(tmp_path / "report.json")
    entry = next(e for e in report["pages"] if e["source"] == "in/two.md")
    assert [b["url"] for b in entry["links"]["broken"]] == ["/posts/never-written", "/tags/bean-poles.html"]
    assert [b["kind"] for b in report["broken_links"]] == ["missing-page", "tag"]
    assert entry["changes"]["link.legacy"] == 2


def test_one_page_alone_resolves_against_its_folder(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"one.md": ONE, "two.md": TWO})
    run = run_cli(tmp_path, "in/two.md", "out", "--no-skeleton")
    assert run.code == 0, run.stderr
    assert not (tmp_path / "out/content/posts/seed-saving.md").exists()
    assert "[the seed page](/posts/seed-saving/)" in _body(tmp_path / "out/content/posts/bean-trellis.md")


def test_unlink_policy_and_map_file(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"one.md": ONE, "two.md": TWO})
    (tmp_path / "links.yaml").write_text(
        "# person-edited: old URL -> new URL\n/tags/bean-poles.html: /posts/seed-saving/  # close enough\n",
        encoding="utf-8",
    )
    (tmp_path / "migrate.yaml").write_text("links:\n  broken:\n    missing-page: unlink\n  map: links.yaml\n")
    run = run_cli(tmp_path, "in", "out", "--config", "migrate.yaml", "--no-skeleton")
    assert run.code == 0, run.stderr
    body = _body(tmp_path / "out/content/posts/bean-trellis.md")
    assert "A lost page and a [dead tag](/posts/seed-saving/)." in body
    assert [m["msg"] for m in run.diagnostics("warning") if m["code"] == "link.broken"] == [
        "broken link /posts/never-written: no page of this input has this address (unlinked)"
    ]


def test_a_bad_links_config_stops_the_run(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"one.md": ONE})
    (tmp_path / "migrate.yaml").write_text("links:\n  broken:\n    tag: delete\n")
    run = run_cli(tmp_path, "in", "out", "--config", "migrate.yaml")
    assert run.code == 2
    assert "migrate.yaml:3:10: links.broken.tag: 'delete' is not one of 'keep', 'unlink'" in run.stderr
    assert not (tmp_path / "out").exists()


def test_converting_the_output_again_changes_no_link(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"one.md": ONE, "two.md": TWO})
    assert run_cli(tmp_path, "in", "out", "--no-skeleton").code == 0
    first = (tmp_path / "out/content/posts/bean-trellis.md").read_text(encoding="utf-8")
    assert run_cli(tmp_path, "out/content/posts", "again", "--no-skeleton").code == 0
    assert (tmp_path / "again/content/posts/bean-trellis.md").read_text(encoding="utf-8") == first
    assert json.dumps(first)


def test_suggest_links_adds_commented_entries_and_keeps_the_file(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"one.md": ONE, "two.md": TWO})
    (tmp_path / "links.yaml").write_text("# mine\n/tags/old.html: /posts/seed-saving/  # kept\n", encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "--no-skeleton", "--suggest-links", "links.yaml")
    assert run.code == 0, run.stderr
    text = (tmp_path / "links.yaml").read_text(encoding="utf-8")
    assert text.startswith("# mine\n/tags/old.html: /posts/seed-saving/  # kept\n")
    assert '# /posts/never-written: ""  # 1 link, missing-page' in text
    assert '# /tags/bean-poles.html: ""  # 1 link, tag' in text
    # a second run adds nothing new
    assert run_cli(tmp_path, "in", "out", "--no-skeleton", "--suggest-links", "links.yaml").code == 0
    assert (tmp_path / "links.yaml").read_text(encoding="utf-8") == text
