"""Which files are pages (one rule for every command) and reading them safely."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main
from migrate.sources import DEFAULT_RULE, PageRule, find_pages, read_all
from tests.cli.helpers import run_cli
from tests.pages import page_text, write_page


def page(folder: Path, name: str, slug: str) -> Path:
    return write_page(folder, name, page_text(slug, tags=["x"]))


def names(root: Path, rule: PageRule = DEFAULT_RULE) -> list[str]:
    return [p.relative_to(root).as_posix() for p in find_pages(root, rule)]


def test_the_default_rule_and_overrides(tmp_path: Path) -> None:
    for name in ("a.md", "b.markdown", "c.txt", "d.html", ".hidden.md", ".git/e.md", "broken/f.md", "sub/g.MD"):
        page(tmp_path, name, "x")
    assert names(tmp_path) == ["a.md", "b.markdown", "c.txt", "sub/g.MD"]
    assert names(tmp_path, PageRule.from_options(include=["*.md"])) == ["a.md", "sub/g.MD"]
    assert names(tmp_path, PageRule.from_options(exclude=["sub/"])) == ["a.md", "b.markdown", "c.txt", "broken/f.md"]
    assert names(tmp_path, PageRule.from_options(section={"exclude": ["*.txt", "broken"]})) == [
        "a.md",
        "b.markdown",
        "sub/g.MD",
    ]


def _run(cwd: Path, *args: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout + result.stderr


def test_every_command_reads_the_same_pages(tmp_path: Path) -> None:
    for name, slug in (("a.md", "a"), ("t.txt", "t"), ("broken/b.md", "b"), (".h.md", "h")):
        page(tmp_path / "input", name, slug)
    convert = run_cli(tmp_path, "input", "out", "--report", "r.json")
    assert convert.code == 0 and convert.summary.startswith("2 converted")
    assert _run(tmp_path, "validate", "input")[1].splitlines()[-1] == "no errors in 2 files"
    code, out = _run(tmp_path, "taxonomy", "input", "--format", "json")
    assert code == 0 and json.loads(out[: out.rindex("}") + 1])["pages"] == 2
    code, out = _run(tmp_path, "redirects", "input", "--format", "csv")
    assert "from 2 page(s)" in out
    # the same override everywhere; an override replaces the default
    assert run_cli(tmp_path, "input", "out2", "--exclude", "*.txt").summary.startswith("2 converted")
    assert run_cli(tmp_path, "input", "out3", "--exclude", "*.txt", "--exclude", "broken").summary.startswith("1 conv")
    assert _run(tmp_path, "validate", "input", "--include", "*.txt")[1].splitlines()[-1] == "no errors in 1 file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_links_to_a_fifo_or_a_device_are_errors_not_hangs(tmp_path: Path) -> None:
    folder = tmp_path / "input"
    page(folder, "ok.md", "ok")
    os.mkfifo(tmp_path / "fifo")
    (folder / "fifo.md").symlink_to(tmp_path / "fifo")
    (folder / "zero.md").symlink_to("/dev/zero")
    pages, bad = read_all(find_pages(folder), folder)
    assert [p.name for p in pages] == ["input/ok.md"]
    assert [(d.file, d.code) for d in bad] == [
        ("input/fifo.md", "read.not-a-file"),
        ("input/zero.md", "read.not-a-file"),
    ]


def test_a_page_over_the_size_limit_is_one_error(tmp_path: Path) -> None:
    page(tmp_path / "input", "ok.md", "ok")
    big = page(tmp_path / "input", "big.md", "big")
    big.write_text(big.read_text() + "x" * 5000)
    got = run_cli(tmp_path, "input", "out", "--max-page-size", "4000")
    (line,) = [m.string for m in got.diagnostics()]
    assert line.startswith("input/big.md:1:1: error[read.too-large] file is 5,") and "4,000-byte" in line
    assert got.summary.startswith("1 converted, 1 failed")


def test_convert_into_its_own_input_folder_works_twice(tmp_path: Path) -> None:
    page(tmp_path / "site", "a.md", "a")
    first = run_cli(tmp_path, "site", "site")
    second = run_cli(tmp_path, "site", "site")
    assert first.code == second.code == 0
    assert first.summary.startswith("1 converted, 0 failed") and second.summary.startswith("1 converted, 0 failed")
    assert (tmp_path / "site" / "content" / "posts" / "a.md").is_file()


def test_an_output_folder_inside_the_input_is_not_read(tmp_path: Path) -> None:
    page(tmp_path / "in", "a.md", "a")
    assert run_cli(tmp_path, "in", "in/out").code == 0
    assert run_cli(tmp_path, "in", "in/out").summary.startswith("1 converted, 0 failed")


def test_a_file_name_with_a_newline_cannot_forge_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "input"
    page(folder, "ok.md", "ok")
    (folder / "f\n::error::X.md").write_text("no front matter\n")
    got = run_cli(tmp_path, "input", "out")
    assert not any(line.startswith("::") for line in got.lines)
    assert "input/f\\n::error::X.md:1:1: error[read.no-front-matter]" in got.stderr
    _, out = _run(tmp_path, "validate", "input", "--format", "github")
    assert not any(line.startswith("::error::X") for line in out.splitlines())
