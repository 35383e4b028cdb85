"""A real ``migrate convert`` killed with SIGKILL at chosen write steps, then run again.

``MIGRATE_CRASH_AFTER=N`` (migrate.fs) makes the process kill itself at its N-th write step (a
temporary file written, a file renamed into place, a journal line appended). The steps are chosen
from a seeded random sample, so every run of the suite kills at the same places.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .pages import page, published, sample, write_pages

REPO = Path(__file__).resolve().parents[2]
PAGES = 8
# each page: a body-cache entry (2 steps) and its file (journal line + 2 steps); then the redirect
# map, the manifest and the report: about 5 * PAGES + 8 steps in all
STEPS = sorted({1, 2, 3, *random.Random(20261129).sample(range(4, 5 * PAGES + 12), 9)})


def _convert(cwd: Path, out: str, crash_after: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MIGRATE_"))}
    env["PYTHONPATH"] = str(REPO)
    if crash_after is not None:
        env["MIGRATE_CRASH_AFTER"] = str(crash_after)
    args = ["convert", "in", out, "-j", "1", "--redirects", "netlify", "--report", f"{out}/report.json"]
    return subprocess.run([sys.executable, "-m", "migrate", *args], cwd=cwd, capture_output=True, text=True, env=env)


def _temporary_files(out: Path) -> list[str]:
    """Temporary files anywhere a CMS could publish them (``.migrate/tmp`` is emptied by the next run)."""
    return [
        str(p.relative_to(out))
        for p in out.rglob("*.tmp")
        if ".migrate" not in p.relative_to(out).parts[:1] or p.parent != out / ".migrate/tmp"
    ]


def _edited_run_killed_then_resumed(tmp_path: Path, pages: dict[str, str], step: int) -> dict[str, bytes]:
    """After a first run of ``tmp_path/in``: ``pages`` written there, a run killed at ``step`` (the output
    folder holding whole files of the first run or of a clean run of ``pages``), then a run to the end;
    the clean run's output, for the caller to compare."""
    before = published(tmp_path / "out")
    write_pages(tmp_path / "in", pages)
    write_pages(tmp_path / "ref/in", pages)
    assert _convert(tmp_path / "ref", "out").returncode == 0
    reference = published(tmp_path / "ref/out")
    killed = _convert(tmp_path, "out", crash_after=step)
    _check_after_kill(tmp_path / "out", before, reference, killed=killed)
    again = _convert(tmp_path, "out")
    assert again.returncode == 0, again.stderr
    assert "write.not-ours" not in again.stderr and "write.hand-edited" not in again.stderr
    return reference


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What an uninterrupted first run writes."""
    work = tmp_path_factory.mktemp("clean")
    write_pages(work / "in", sample(PAGES))
    assert _convert(work, "out").returncode == 0
    return published(work / "out")


def _check_after_kill(out: Path, *versions: dict[str, bytes], killed: subprocess.CompletedProcess[str]) -> None:
    """Killed (or done); no temporary file where a CMS publishes; every file whole: one of ``versions``."""
    assert killed.returncode in (-signal.SIGKILL, 0), killed.stderr
    assert _temporary_files(out) == []  # none beside outputs, none under static/
    for rel, data in published(out).items():
        if rel != "report.json":
            assert any(data == v.get(rel) for v in versions), f"{rel} is half-written"


@pytest.mark.parametrize("step", STEPS)
def test_first_run_killed_at_any_step_then_resumed(clean: dict[str, bytes], tmp_path: Path, step: int) -> None:
    reference = clean
    write_pages(tmp_path / "in", sample(PAGES))
    killed = _convert(tmp_path, "out", crash_after=step)
    _check_after_kill(tmp_path / "out", reference, killed=killed)
    again = _convert(tmp_path, "out")
    assert again.returncode == 0, again.stderr
    assert "write.not-ours" not in again.stderr and "write.hand-edited" not in again.stderr
    assert published(tmp_path / "out") == reference | {"report.json": published(tmp_path / "out")["report.json"]}
    assert list((tmp_path / "out/.migrate/tmp").iterdir()) == []
    assert not (tmp_path / "out/.migrate/journal").exists()


@pytest.mark.parametrize("step", STEPS[::2])
def test_incremental_run_killed_then_resumed_equals_a_clean_run(tmp_path: Path, step: int) -> None:
    pages = sample(PAGES)
    write_pages(tmp_path / "in", pages)
    assert _convert(tmp_path, "out").returncode == 0
    # edits, a deletion and a new page; a clean run of the result is the reference
    pages["p1.md"] = pages["p1.md"].replace("some text", "changed text")
    pages["p3.md"] = page("topic-3", "Topic Three", "Retitled: ((Topic 4)).")
    pages["new.md"] = page("brand-new", "Brand New", "Links to ((Topic 3)) and ((Topic Three)).")
    del pages["p6.md"]
    (tmp_path / "in/p6.md").unlink()
    reference = _edited_run_killed_then_resumed(tmp_path, pages, step)
    got = published(tmp_path / "out")
    assert got.pop("content/posts/topic-6.md", None) is not None  # stale: reported, kept until --prune
    got.pop("report.json"), reference.pop("report.json")
    assert got == reference


def test_temporary_files_left_by_an_older_run_are_removed(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", sample(2))
    for rel in ("out/static/.migrate-k3j9x1ab.tmp", "out/content/posts/.migrate-0a1b2c3d.tmp"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("half a page", encoding="utf-8")
    assert _convert(tmp_path, "out").returncode == 0
    assert _temporary_files(tmp_path / "out") == []
    assert not list((tmp_path / "out").rglob(".migrate-*.tmp"))


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample with one body edited: a re-run replays every other page."""
    pages = sample(PAGES)
    pages["p1.md"] = pages["p1.md"].replace("some text", "changed text")
    return pages


# a replayed run of this sample has 12 write steps (body cache, the page, the redirect map, the
# manifest, the store, the records, the report): every one of them, and one past the end
@pytest.mark.parametrize("step", range(1, 14))
def test_a_replayed_run_killed_at_any_step_then_resumed(edited: dict[str, str], tmp_path: Path, step: int) -> None:
    write_pages(tmp_path / "in", sample(PAGES))
    assert _convert(tmp_path, "out").returncode == 0
    reference = _edited_run_killed_then_resumed(tmp_path, edited, step)
    # and the run after it replays every page (records, store and link index whole), as a clean run reads
    third = _convert(tmp_path, "out")
    assert third.returncode == 0 and f"{PAGES} unread" in third.stderr, third.stderr
    got, want = published(tmp_path / "out"), dict(reference)
    entries = [json.loads(r.pop("report.json"))["pages"] for r in (got, want)]
    assert got == want
    for side in entries:
        for entry in side:
            entry.pop("seconds")
    assert entries[0] == entries[1]
