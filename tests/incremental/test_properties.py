"""Property: after any sequence of source edits, deletions and renames, an incremental run writes the
same bytes (and reports the same pages) as a clean run of the same sources."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.helpers import run_cli

from .pages import page, published

TITLES = ("Alpha", "Beta", "Gamma", "Delta")
BODIES = (
    "Plain words.",
    "A link to ((Beta)) and ((Gamma|the third)).",
    "<b>Bold</b> and <span style='color:#F00'>red</span>; see ((Alpha)).",
    "- one\n- two ((Delta))\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "Text with ~hs~ Tiki &nbsp; leftovers and ((Nobody)).",
)

edit = st.tuples(st.just("edit"), st.integers(0, 5), st.sampled_from(BODIES))
retitle = st.tuples(st.just("retitle"), st.integers(0, 5), st.sampled_from(TITLES))
reslug = st.tuples(st.just("reslug"), st.integers(0, 5), st.sampled_from(("one", "two", "three", "four", "five")))
delete = st.tuples(st.just("delete"), st.integers(0, 5), st.none())
rename = st.tuples(st.just("rename"), st.integers(0, 5), st.sampled_from(("x.md", "y.md", "sub/z.md")))
steps = st.lists(st.lists(st.one_of(edit, retitle, reslug, delete, rename), min_size=1, max_size=3), max_size=4)


def _apply(src: dict[str, dict[str, str]], op: tuple[str, int, str | None]) -> None:
    kind, index, value = op
    names = sorted(src)
    if not names:
        return
    name = names[index % len(names)]
    if kind == "delete":
        del src[name]
    elif kind == "rename" and value not in src:
        src[value] = src.pop(name)  # type: ignore[index]
    elif kind in ("edit", "retitle", "reslug"):
        src[name][{"edit": "body", "retitle": "title", "reslug": "slug"}[kind]] = value  # type: ignore[assignment]


def _write(folder: Path, src: dict[str, dict[str, str]]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()  # kept when every page is deleted: the run then finds no pages and prunes
    for name, p in src.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(page(p["slug"], p["title"], p["body"]), encoding="utf-8")


def _pages(report_file: Path) -> list[dict[str, object]]:
    """The report's page entries, output paths taken relative to the output folder."""
    pages = json.loads(report_file.read_text(encoding="utf-8"))["pages"]
    for entry in pages:
        entry.pop("seconds", None)  # time spent on a page differs from run to run
        if entry["output"]:
            entry["output"] = entry["output"].split("/", 1)[1]
    return pages  # type: ignore[no-any-return]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_incremental_run_equals_clean_run(history: list[list[tuple[str, int, str | None]]]) -> None:
    src = {
        f"p{i}.md": {"slug": slug, "title": TITLES[i], "body": BODIES[i]}
        for i, slug in enumerate(("one", "two", "three", "four"))
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _write(work / "in", src)
        run_cli(work, "in", "inc", "-j", "1", "--prune", "--report", "inc.json")
        for batch in history:
            for op in batch:
                _apply(src, op)
            _write(work / "in", src)
            run_cli(work, "in", "inc", "-j", "1", "--prune", "--report", "inc.json")
            shutil.rmtree(work / "clean", ignore_errors=True)
            run_cli(work, "in", "clean", "-j", "1", "--report", "clean.json")
            assert published(work / "inc") == published(work / "clean")
            assert _pages(work / "inc.json") == _pages(work / "clean.json")
