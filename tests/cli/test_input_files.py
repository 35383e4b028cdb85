"""Reading the input: text after the front matter, TOML fences, links, suffixes, odd names, folders."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.pages import page_text, write_page

from .helpers import load_report, posts, run_cli


@pytest.mark.parametrize("after", [" trailing words here", "Trailing words here"])
def test_text_after_the_closing_brace_is_never_silently_lost(tmp_path: Path, after: str) -> None:
    write_page(tmp_path / "in", "p.md", '{"title": "T", "slug": "brace", "date": "2020-01-02"}' + after + "\n\nBody.\n")
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    out = posts(tmp_path / "out") / "brace.md"
    if out.exists():  # kept as the body's first line...
        assert "Trailing words here".lower() in out.read_text(encoding="utf-8").lower()
    else:  # ...or one clear error on line 1, past the brace
        errors = run.diagnostics("error")
        assert run.code == 1 and len(errors) == 1 and errors[0]["line"] == "1" and int(errors[0]["col"]) > 50
    load_report(tmp_path / "r.json")


def test_toml_opening_fence_with_text_is_an_error(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", '+++ draft = true\ntitle = "T"\nslug = "t"\ndate = 2020-01-02\n+++\n\nBody.\n')
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 1
    errors = run.diagnostics("error")
    assert [(e["code"], e["line"], e["col"]) for e in errors] == [("fm.toml", "1", "1")], run.stderr


def test_toml_array_of_tables_key_is_located(tmp_path: Path) -> None:
    text = '+++\ntitle = "T"\nslug = "t"\ndate = 2020-01-02\n\n[[links]]\nurl = "http://a"\n+++\n\nBody.\n'
    write_page(tmp_path / "in", "p.md", text)
    run = run_cli(tmp_path, "in", "out")
    errors = run.diagnostics("error")
    assert [(e["code"], e["line"]) for e in errors] == [("schema.unknown-key", "6")], run.stderr


def test_dangling_symlink_page_is_reported(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    write_page(inp, "good.md", page_text("good"))
    (inp / "gone.md").symlink_to(tmp_path / "nowhere.md")
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    assert run.code == 1
    errors = run.diagnostics("error")
    assert [(e["file"], e["code"]) for e in errors] == [("in/gone.md", "read.io")], run.stderr
    assert load_report(tmp_path / "r.json")["summary"]["pages"] == 2


def test_upper_case_page_suffixes_are_read(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    write_page(inp, "ONE.MD", page_text("one"))
    write_page(inp, "TWO.TXT", page_text("two"))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0
    assert sorted(p.name for p in posts(tmp_path / "out").iterdir()) == ["one.md", "two.md"]


def test_input_folder_without_pages_says_so(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "notes.html", "<p>not a page</p>\n")
    run = run_cli(tmp_path, "in", "out")
    assert run.code in (0, 2)
    assert re.search(r"no pages?\b.*\bin\b", run.stderr, re.I), run.stderr


def test_input_folder_inside_the_output_folder_is_converted(tmp_path: Path) -> None:
    # A Hugo site keeping its legacy export inside: migrate convert site/legacy site
    write_page(tmp_path / "site" / "legacy", "p.md", page_text("legacy-page"))
    run = run_cli(tmp_path, "site/legacy", "site")
    assert run.code == 0
    assert run.summary.startswith("1 converted, 0 failed"), run.summary
    assert (posts(tmp_path / "site") / "legacy-page.md").is_file()


def test_report_is_never_written_through_a_symlink_planted_in_output(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("page"))
    outside = tmp_path / "outside.json"
    outside.write_text("precious\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.json").symlink_to(outside)
    run = run_cli(tmp_path, "in", "out", "--report", "out/report.json")
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert run.code == 1
    assert any("out/report.json" in line and "symbolic link" in line for line in run.lines), run.stderr


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("page", aliases=["/Old+Page"]))
    old = os.umask(0o022)
    try:
        run = run_cli(tmp_path, "in", "out", "--redirects", "nginx,html")
    finally:
        os.umask(old)
    assert run.code == 0, run.stderr
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(written) >= 3
    modes = {str(p.relative_to(tmp_path)): oct(p.stat().st_mode & 0o777) for p in written}
    assert set(modes.values()) == {"0o644"}, modes


def test_odd_file_names_extensions_and_links_in_input(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    write_page(inp, "with space é.md", page_text("spaced"))
    write_page(inp, "m.markdown", page_text("markdown-page"))
    write_page(inp, "t.txt", page_text("text-page"))
    write_page(inp, ".hidden.md", page_text("hidden"))
    write_page(inp, "other.html", page_text("html-page"))
    os.mkfifo(inp / "fifo.md")  # must not hang the run
    (inp / "sub").mkdir()
    (inp / "sub" / "loop").symlink_to(inp, target_is_directory=True)
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in posts(tmp_path / "out").iterdir()) == [
        "markdown-page.md",
        "spaced.md",
        "text-page.md",
    ]
    assert load_report(tmp_path / "r.json")["summary"]["pages"] == 3


def test_output_inside_input_is_not_read_back(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("page"))
    for _ in range(2):
        run = run_cli(tmp_path, "in", "in/out")
        assert run.code == 0 and run.summary.startswith("1 converted, 0 failed"), run.stderr


def test_output_folder_that_is_a_file_is_usage_error(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("page"))
    (tmp_path / "out").write_text("file\n", encoding="utf-8")
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 2 and "out" in run.stderr


def test_dry_run_creates_no_folder(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("page", aliases=["/Old+Page"]))
    run = run_cli(tmp_path, "in", "out", "--dry-run", "--redirects", "nginx")
    assert run.code == 0
    assert sorted(os.listdir(tmp_path)) == ["in"]


def test_many_tiny_pages(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    for i in range(600):
        (inp / f"p{i}.md").write_text(page_text(f"p{i}"), encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "-q", "--report", "r.json")
    assert run.code == 0 and run.summary.startswith("600 converted, 0 failed, 0 warnings")
    assert len(list(posts(tmp_path / "out").iterdir())) == 600
