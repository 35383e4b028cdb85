"""Replaying unchanged pages from the last run's records (migrate.incremental.replay): an unchanged
source is not read, a touched one is hashed and reused, and whatever the fast path does, the output
folder and the report are those of a clean run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import migrate.sources
from migrate.incremental import replay as replay_module
from migrate.incremental.replay import RACY_NS, Replay
from tests.cli.helpers import load_report, run_cli

from .pages import page, published, sample, write_pages

PAST = 1_600_000_000_000_000_000  # 2020: far from any run's start


def _age(folder: Path) -> None:
    """Sources with old modification times (their ctime is now: see ``no_racy_window``)."""
    for path in folder.rglob("*.md"):
        os.utime(path, ns=(PAST, PAST))


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's ctime is when it was written, just before the run: no test waits two seconds."""
    monkeypatch.setattr(replay_module, "RACY_NS", 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the sources each run reads."""
    seen: list[str] = []
    real = migrate.sources.read_source

    def counting(path, name, max_size=migrate.sources.MAX_PAGE_SIZE):  # type: ignore[no-untyped-def]
        seen.append(str(name))
        return real(path, name, max_size)

    monkeypatch.setattr(migrate.sources, "read_source", counting)
    return seen


def _convert(tmp: Path, out: str = "out", *extra: str):  # type: ignore[no-untyped-def]
    run = run_cli(tmp, "in", out, "--report", f"{out}.json", "-j", "1", *extra)
    return run, load_report(tmp / f"{out}.json")


def _same_as_clean(tmp: Path, inc_report: dict, *extra: str) -> None:  # type: ignore[type-arg]
    shutil.rmtree(tmp / "clean", ignore_errors=True)
    _, clean = _convert(tmp, "clean", *extra)
    assert published(tmp / "out") == published(tmp / "clean")
    for r in (inc_report, clean):
        for entry in r["pages"]:
            entry.pop("seconds", None)
            if entry["output"]:
                entry["output"] = entry["output"].split("/", 1)[1]
    assert inc_report["pages"] == clean["pages"]
    for key in ("codes", "warnings", "errors", "changes", "audit_lost"):
        assert inc_report["summary"][key] == clean["summary"][key]


def test_unchanged_pages_are_replayed_unread_and_one_edited_body_is_converted(tmp_path: Path, reads: list[str]) -> None:
    pages = sample()
    write_pages(tmp_path / "in", pages)
    _age(tmp_path / "in")
    _convert(tmp_path)
    assert len(reads) == 6
    reads.clear()
    run, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["replayed"] == 6 and report["summary"]["outputs"]["written"] == 0
    assert "6 unread" in run.stderr and reads == []
    (tmp_path / "in/p2.md").write_text(pages["p2.md"].replace("some text", "other text"), encoding="utf-8")
    run, report = _convert(tmp_path)
    assert reads == ["in/p2.md"]
    out = report["summary"]["outputs"]
    assert (out["replayed"], out["reused"], out["written"], out["unchanged"]) == (5, 5, 1, 5)
    assert "other text" in (tmp_path / "out/content/posts/topic-2.md").read_text(encoding="utf-8")
    _same_as_clean(tmp_path, report)


def test_a_touched_source_is_hashed_reused_and_then_trusted_by_its_new_stat(tmp_path: Path, reads: list[str]) -> None:
    write_pages(tmp_path / "in", sample(3))
    _age(tmp_path / "in")
    _convert(tmp_path)
    os.utime(tmp_path / "in/p1.md", ns=(PAST + 10**9, PAST + 10**9))  # new times, same bytes
    reads.clear()
    _, report = _convert(tmp_path)
    assert reads == ["in/p1.md"]  # hashed: the same text
    assert report["summary"]["outputs"]["replayed"] == 3 and report["summary"]["outputs"]["written"] == 0
    lines = (tmp_path / "out/.migrate/records.jsonl").read_text(encoding="utf-8").split("\n")[1:-1]
    records = dict(json.loads(line) for line in lines)
    assert records["in/p1.md"]["stat"][1] == PAST + 10**9  # its new stat, for the next run
    reads.clear()
    _, report = _convert(tmp_path)
    assert reads == [] and report["summary"]["outputs"]["replayed"] == 3


def test_a_same_size_edit_with_the_old_mtime_put_back_is_still_seen(tmp_path: Path) -> None:
    pages = sample(3)
    write_pages(tmp_path / "in", pages)
    _age(tmp_path / "in")
    _convert(tmp_path)
    edited = pages["p1.md"].replace("some text", "sOmE tExT")
    assert len(edited) == len(pages["p1.md"])
    (tmp_path / "in/p1.md").write_text(edited, encoding="utf-8")
    os.utime(tmp_path / "in/p1.md", ns=(PAST, PAST))  # mtime back; the ctime cannot be set back
    _, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["written"] == 1
    assert "sOmE tExT" in (tmp_path / "out/content/posts/topic-1.md").read_text(encoding="utf-8")


def test_a_stat_near_the_run_start_or_in_the_future_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replay_module, "RACY_NS", RACY_NS)
    replay = Replay.__new__(Replay)
    replay.started_ns = now = 10**19
    assert replay._trusted([1, now - 3 * RACY_NS, now - 3 * RACY_NS, 7]) is not None
    assert replay._trusted([1, now - RACY_NS // 2, now - 3 * RACY_NS, 7]) is None  # mtime in the racy window
    assert replay._trusted([1, now - 3 * RACY_NS, now + RACY_NS, 7]) is None  # ctime in the future


def test_replayed_pages_outputs_are_checked_hand_edits_and_deletions_handled_like_a_full_run(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample())
    _age(tmp_path / "in")
    _convert(tmp_path)
    posts = tmp_path / "out/content/posts"
    (posts / "topic-1.md").write_text("edited by hand\n", encoding="utf-8")
    (posts / "topic-4.md").unlink()
    run, report = _convert(tmp_path)
    out = report["summary"]["outputs"]
    assert out["hand_edited"] == ["content/posts/topic-1.md"] and out["written"] == 1  # topic-4 written again
    assert out["replayed"] == 4
    assert (posts / "topic-1.md").read_text(encoding="utf-8") == "edited by hand\n"
    assert any(m["code"] == "write.hand-edited" and m["file"] == "in/p1.md" for m in run.diagnostics("warning"))
    run, report = _convert(tmp_path)  # still kept, still said
    assert report["summary"]["outputs"]["hand_edited"] == ["content/posts/topic-1.md"]
    run, report = _convert(tmp_path, "out", "--overwrite")
    assert report["summary"]["outputs"]["overwritten"] == ["content/posts/topic-1.md"]
    _same_as_clean(tmp_path, report)


def test_changes_other_pages_see_take_the_full_pipeline_with_the_same_result(tmp_path: Path) -> None:
    pages = sample()
    write_pages(tmp_path / "in", pages)
    _age(tmp_path / "in")
    _convert(tmp_path)
    # front matter: a new title other pages' wiki links resolve to
    (tmp_path / "in/p4.md").write_text(page("topic-4", "Topic Four", "Now without links."), encoding="utf-8")
    _, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["replayed"] == 0
    _same_as_clean(tmp_path, report)
    # a body whose new heading is an anchor other pages could link to
    _convert(tmp_path)
    (tmp_path / "in/p2.md").write_text(pages["p2.md"].replace("Page 2", "## A heading\n\nPage 2"), encoding="utf-8")
    _, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["replayed"] == 0
    _same_as_clean(tmp_path, report)
    # a body that now has an error: the page is no longer a link target
    _convert(tmp_path)
    (tmp_path / "in/p3.md").write_text(pages["p3.md"] + "\n" + "> " * 5000 + "deep\n", encoding="utf-8")
    _, report = _convert(tmp_path)
    _same_as_clean(tmp_path, report)


def test_replay_with_stubs_redirect_maps_and_a_page_with_errors(tmp_path: Path) -> None:
    pages = sample(4)
    pages["bad.md"] = '{"title": "Broken", "slug": "../up"}\n\nBody.\n'
    pages["a.md"] = json.dumps({"title": "Aliased", "slug": "aliased", "aliases": ["/Old+Name"]}) + "\n\nText.\n"
    write_pages(tmp_path / "in", pages)
    (tmp_path / "in/binary.md").write_bytes(b"\x00\x01\x02")
    _age(tmp_path / "in")
    extra = ("--target", "eleventy", "--redirects", "nginx,csv")
    _convert(tmp_path, "out", *extra)
    (tmp_path / "in/p1.md").write_text(pages["p1.md"].replace("some text", "more text"), encoding="utf-8")
    run, report = _convert(tmp_path, "out", *extra)
    assert report["summary"]["outputs"]["replayed"] == 5  # p0, p2, p3, a.md and bad.md (recorded errors)
    assert run.code == 1  # bad.md and binary.md still fail
    _same_as_clean(tmp_path, report, *extra)


def test_a_copied_output_folder_is_hashed_once_then_known_by_its_new_stat(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample(3))
    _convert(tmp_path)
    shutil.copytree(tmp_path / "out", tmp_path / "saved")  # copy2: same times, new inodes
    shutil.rmtree(tmp_path / "out")
    shutil.copytree(tmp_path / "saved", tmp_path / "out")
    _, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["replayed"] == 3 and report["summary"]["outputs"]["written"] == 0
    manifest = json.loads((tmp_path / "out/.migrate/manifest.json").read_text(encoding="utf-8"))["files"]
    rel = "content/posts/topic-1.md"
    assert manifest[rel]["stat"][2] == (tmp_path / "out" / rel).stat().st_ino


def test_a_replayed_page_keeps_its_report_entry_only_under_the_same_ignore_codes(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample())
    _age(tmp_path / "in")
    _convert(tmp_path, "out", "--ignore", "body")
    _, report = _convert(tmp_path)  # without --ignore: the entries must show every code again
    assert report["summary"]["outputs"]["replayed"] == 0
    _same_as_clean(tmp_path, report)
    _, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["replayed"] == 6
    _same_as_clean(tmp_path, report)


def test_a_damaged_store_or_link_index_costs_a_full_run_never_a_wrong_report(tmp_path: Path) -> None:
    pages = sample()
    write_pages(tmp_path / "in", pages)
    _age(tmp_path / "in")
    _convert(tmp_path)
    (store,) = (tmp_path / "out/.migrate").glob("records-*.store")
    store.write_bytes(store.read_bytes()[:100])  # cut short: the records name bytes that are gone
    run, report = _convert(tmp_path)
    assert report["summary"]["outputs"]["replayed"] == 0 and "Traceback" not in run.stderr
    _same_as_clean(tmp_path, report)
    (tmp_path / "out/.migrate/links.txt").write_text("{", encoding="utf-8")
    (tmp_path / "in/p1.md").write_text(pages["p1.md"].replace("some text", "more text"), encoding="utf-8")
    run, report = _convert(tmp_path)  # an edited body needs the link index: gone, so the full pipeline
    assert report["summary"]["outputs"]["replayed"] == 0 and "Traceback" not in run.stderr
    _same_as_clean(tmp_path, report)


def test_the_store_grows_by_what_changed_and_is_compacted_when_mostly_dead(tmp_path: Path) -> None:
    pages = sample()
    write_pages(tmp_path / "in", pages)
    _age(tmp_path / "in")
    _convert(tmp_path)
    (first,) = (tmp_path / "out/.migrate").glob("records-*.store")
    size = first.stat().st_size
    generations = {first.name}
    for n in range(12):
        (tmp_path / "in/p1.md").write_text(pages["p1.md"].replace("some text", f"text {n}"), encoding="utf-8")
        _, report = _convert(tmp_path)
        assert report["summary"]["outputs"]["replayed"] == 5
        (store,) = (tmp_path / "out/.migrate").glob("records-*.store")  # one generation at a time
        generations.add(store.name)
        assert store.stat().st_size < 2.5 * size
    assert len(generations) > 1  # appended to, then written anew
    _same_as_clean(tmp_path, report)


def test_links_planted_in_place_of_the_records_store_or_index_are_never_read_nor_written_through(
    tmp_path: Path,
) -> None:
    pages = sample()
    write_pages(tmp_path / "in", pages)
    _age(tmp_path / "in")
    _convert(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours\n", encoding="utf-8")
    state = tmp_path / "out/.migrate"
    (store,) = state.glob("records-*.store")
    for planted in (state / "records.jsonl", state / "links.txt", store):
        planted.unlink()
        planted.symlink_to(outside)
    (tmp_path / "in/p1.md").write_text(pages["p1.md"].replace("some text", "more text"), encoding="utf-8")
    for _ in range(2):
        run, report = _convert(tmp_path)
        assert run.code == 0 and "Traceback" not in run.stderr
    assert outside.read_text(encoding="utf-8") == "not ours\n"
    _same_as_clean(tmp_path, report)
