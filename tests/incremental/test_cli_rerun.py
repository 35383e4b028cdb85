"""Re-running ``migrate convert`` through the CLI: reuse, hand edits, --overwrite, stale outputs, --prune."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

from tests.cli.helpers import load_report, run_cli

from .pages import page, published, sample, write_pages


def _convert(tmp: Path, *extra: str):  # type: ignore[no-untyped-def]
    run = run_cli(tmp, "in", "out", "--report", "report.json", "-j", "1", *extra)
    return run, load_report(tmp / "report.json")


def test_second_run_reuses_every_page_and_writes_nothing(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample())
    first, report1 = _convert(tmp_path)
    assert first.code == 0 and report1["summary"]["outputs"]["written"] == 6
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "out/content/posts").iterdir()}
    second, report2 = _convert(tmp_path)
    out = report2["summary"]["outputs"]
    assert (out["reused"], out["written"], out["unchanged"]) == (6, 0, 6)
    assert "outputs: 6 of 6 pages reused" in second.stderr
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes  # not even rewritten with the same bytes
    for r in (report1, report2):
        r["summary"].pop("seconds"), r["summary"].pop("outputs")
        for entry in r["pages"]:
            entry.pop("seconds", None)  # time spent on the page: less when reused
    assert report1 == report2  # the same diagnostics, stats and audit as when converted


def test_edited_source_and_renamed_title_reconvert_exactly_the_pages_they_touch(tmp_path: Path) -> None:
    pages = sample()
    write_pages(tmp_path / "in", pages)
    _convert(tmp_path)
    # p2's body changes: only p2 is converted again
    (tmp_path / "in/p2.md").write_text(pages["p2.md"].replace("some text", "other text"), encoding="utf-8")
    _, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["reused"] == 5
    assert report["summary"]["outputs"]["written"] == 1
    # p4 gets a new title: p4 (front matter) is rewritten, p3 (links to "Topic 4") is converted again
    (tmp_path / "in/p4.md").write_text(page("topic-4", "Topic Four", "Now without links."), encoding="utf-8")
    _, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["reused"] == 4  # p4's body changed, p3's link answer changed
    assert report["summary"]["outputs"]["written"] == 2
    text = (tmp_path / "out/content/posts/topic-3.md").read_text(encoding="utf-8")
    assert "((Topic 4))" not in text and "Topic 4" in text  # the link is gone: its text kept


def test_hand_edited_output_is_kept_reported_with_a_diff_command_and_overwrite_replaces_it(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample())
    _convert(tmp_path)
    target = tmp_path / "out/content/posts/topic-1.md"
    edited = target.read_text(encoding="utf-8") + "\nA line an editor added by hand.\n"
    target.write_text(edited, encoding="utf-8")
    # the source changes too: migrate would write this file, but the hand edit wins
    src = tmp_path / "in/p1.md"
    src.write_text(src.read_text(encoding="utf-8").replace("some text", "new text"), encoding="utf-8")
    run, report = _convert(tmp_path)
    assert run.code == 0
    assert target.read_text(encoding="utf-8") == edited
    warns = [m for m in run.diagnostics("warning") if m["code"] == "write.hand-edited"]
    assert len(warns) == 1 and warns[0]["file"] == "in/p1.md"
    assert report["summary"]["outputs"]["hand_edited"] == ["content/posts/topic-1.md"]
    command = warns[0]["msg"].split("`")[1]
    assert command.startswith("diff -u ")
    diff = subprocess.run(shlex.split(command), cwd=tmp_path, capture_output=True, text=True)
    assert diff.returncode == 1
    assert "\n+A line an editor added by hand." in diff.stdout  # the hand edit, against...
    assert "\n-Page 1 of the" in diff.stdout and "new text" in diff.stdout  # ...what migrate would write now
    # the next run still keeps it, still says so
    again, _ = _convert(tmp_path)
    assert target.read_text(encoding="utf-8") == edited and "write.hand-edited" in again.stderr
    # --overwrite replaces it with what a clean run writes
    run, report = _convert(tmp_path, "--overwrite")
    assert report["summary"]["outputs"]["overwritten"] == ["content/posts/topic-1.md"]
    assert "A line an editor added" not in target.read_text(encoding="utf-8")
    assert "new text" in target.read_text(encoding="utf-8")
    _, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["hand_edited"] == []


def test_a_file_we_did_not_write_is_never_replaced_even_with_overwrite(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample(2))
    theirs = tmp_path / "out/content/posts/topic-0.md"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("a page somebody else made\n", encoding="utf-8")
    for extra in ((), ("--overwrite",)):
        run, report = _convert(tmp_path, *extra)
        assert run.code == 1
        assert theirs.read_text(encoding="utf-8") == "a page somebody else made\n"
        assert report["summary"]["outputs"]["not_ours"] == ["content/posts/topic-0.md"]
        assert any(m["code"] == "write.not-ours" and m["file"] == "in/p0.md" for m in run.diagnostics("error"))


def test_deleted_and_renamed_sources_leave_stale_outputs_that_prune_deletes_only_if_ours(tmp_path: Path) -> None:
    pages = sample()
    write_pages(tmp_path / "in", pages)
    _convert(tmp_path)
    posts = tmp_path / "out/content/posts"
    user_file = posts / "notes-by-an-editor.md"
    user_file.write_text("mine\n", encoding="utf-8")
    (tmp_path / "in/p0.md").unlink()  # deleted source
    (tmp_path / "in/p5.md").write_text(pages["p5.md"].replace('"topic-5"', '"topic-five"'), encoding="utf-8")
    (tmp_path / "in/p2.md").rename(tmp_path / "in/p2-renamed.md")  # same page under a new file name: not stale
    (posts / "topic-3.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "in/p3.md").unlink()  # deleted source whose output was edited by hand

    run, report = _convert(tmp_path)
    stale = ["content/posts/topic-0.md", "content/posts/topic-3.md", "content/posts/topic-5.md"]
    assert report["summary"]["outputs"]["stale"] == stale
    warned = sorted(m["file"] for m in run.diagnostics("warning") if m["code"] == "write.stale")
    assert warned == [f"out/{s}" for s in stale]
    assert all((posts.parent.parent / s).exists() for s in stale)
    assert (posts / "topic-five.md").exists() and (posts / "topic-2.md").exists()

    run, report = _convert(tmp_path, "--prune")
    assert report["summary"]["outputs"]["pruned"] == ["content/posts/topic-0.md", "content/posts/topic-5.md"]
    assert report["summary"]["outputs"]["stale"] == ["content/posts/topic-3.md"]  # edited: kept
    assert not (posts / "topic-0.md").exists() and not (posts / "topic-5.md").exists()
    assert (posts / "topic-3.md").read_text(encoding="utf-8") == "edited by hand\n"
    assert user_file.read_text(encoding="utf-8") == "mine\n"  # never ours: never stale, never pruned

    run, report = _convert(tmp_path, "--prune", "--overwrite")
    assert report["summary"]["outputs"]["pruned"] == ["content/posts/topic-3.md"]
    assert user_file.exists()
    assert sorted(p for p in published(tmp_path / "out") if p.startswith("content/posts/")) == sorted(
        f"content/posts/{s}.md" for s in ("notes-by-an-editor", "topic-1", "topic-2", "topic-4", "topic-five")
    )


def test_a_source_with_errors_leaves_its_last_output_stale_until_it_is_fixed(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample(3))
    _convert(tmp_path)
    good = (tmp_path / "in/p1.md").read_text(encoding="utf-8")
    (tmp_path / "in/p1.md").write_text('{"title": "half-edited', encoding="utf-8")
    run, report = _convert(tmp_path)
    assert run.code == 1
    assert report["summary"]["outputs"]["stale"] == ["content/posts/topic-1.md"]
    assert "its source has errors in this run" in run.stderr
    assert (tmp_path / "out/content/posts/topic-1.md").exists()  # kept until --prune
    (tmp_path / "in/p1.md").write_text(good, encoding="utf-8")
    run, report = _convert(tmp_path, "--prune")
    assert run.code == 0 and report["summary"]["outputs"]["pruned"] == []
    # topic-1 is up to date again; topic-0, which links to "Topic 1", gets its link back
    assert (report["summary"]["outputs"]["unchanged"], report["summary"]["outputs"]["written"]) == (2, 1)


def test_dry_run_reports_what_would_happen_and_changes_nothing(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample(3))
    _convert(tmp_path)
    (tmp_path / "in/p0.md").unlink()
    before = {str(p): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    run, report = _convert(tmp_path, "--dry-run", "--prune")
    assert report["summary"]["outputs"]["pruned"] == ["content/posts/topic-0.md"]
    assert "would be deleted" in run.stderr
    after = {str(p): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before


def test_manifest_records_hashes_of_what_we_wrote(tmp_path: Path) -> None:
    import hashlib

    write_pages(tmp_path / "in", sample(2))
    _convert(tmp_path)
    manifest = json.loads((tmp_path / "out/.migrate/manifest.json").read_text(encoding="utf-8"))
    for rel, entry in manifest["files"].items():
        assert entry["sha256"] == hashlib.sha256((tmp_path / "out" / rel).read_bytes()).hexdigest()
    assert {e["source"] for e in manifest["files"].values()} == {"in/p0.md", "in/p1.md", "(site)"}
    assert manifest["files"]["hugo.toml"]["source"] == "(site)"  # the skeleton is tracked too
    assert not (tmp_path / "out/.migrate/journal").exists()  # folded into the manifest at the end


def test_a_changed_taxonomy_rule_rewrites_exactly_the_pages_whose_terms_it_changes(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample())  # tags: Garden and t0/t1/t2 (p1 and p4 have t1)
    (tmp_path / "config.yaml").write_text("taxonomy:\n  rules: taxonomy.yaml\n", encoding="utf-8")
    (tmp_path / "taxonomy.yaml").write_text("rename:\n  t2: tee two\n", encoding="utf-8")
    _convert(tmp_path, "--config", "config.yaml")
    (tmp_path / "taxonomy.yaml").write_text("rename:\n  t2: tee two\n  t1: tee one\n", encoding="utf-8")
    _, report = _convert(tmp_path, "--config", "config.yaml")
    out = report["summary"]["outputs"]
    assert (out["reused"], out["written"], out["unchanged"]) == (6, 2, 4)  # bodies reused; p1, p4 rewritten
    assert "- tee one" in (tmp_path / "out/content/posts/topic-4.md").read_text(encoding="utf-8")
