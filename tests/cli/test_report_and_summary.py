"""The run report and the summary line agree with what was printed; dry runs and unwritable reports."""

from __future__ import annotations

import os
from pathlib import Path

from tests.pages import page_text, write_page

from .helpers import DIAG, SUMMARY, load_report, no_traceback, run_cli, run_subprocess


def test_non_utf8_file_name_with_report(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / os.fsdecode(b"caf\xe9.md")).write_text(page_text("cafe"), encoding="utf-8")
    run = run_subprocess(tmp_path, "in", "out", "--report", "r.json")
    no_traceback(run)
    assert run.code == 0
    report = load_report(tmp_path / "r.json")
    assert report["summary"]["converted"] == 1


def test_invalid_date_diagnostic_code_fits_the_report_schema(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("bad-date").replace("2020-01-02", "2020-13-45"))
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    assert run.code == 1
    assert [m["file"] for m in run.diagnostics("error")] == ["in/p.md"], run.stderr  # helpers.DIAG: lowercase codes
    load_report(tmp_path / "r.json")


def _redirect_batch(tmp_path: Path) -> None:
    # html stubs cannot match tiki-index.php?page=... spellings: overflow warnings at run level
    for slug in ("first-page", "second-page"):
        aliases = [f"/{slug.title()}", "/tiki-index.php?page=" + slug]
        write_page(tmp_path / "in", f"{slug}.md", page_text(slug, aliases=aliases))


def test_summary_counts_every_warning_printed(tmp_path: Path) -> None:
    _redirect_batch(tmp_path)
    run = run_cli(tmp_path, "in", "out", "--redirects", "html", "--report", "r.json")
    assert run.code == 0, run.stderr
    printed = [line for line in run.lines if (m := DIAG.match(line)) and m["sev"] == "warning"]
    assert printed, run.stderr
    report = load_report(tmp_path / "r.json")
    assert report["summary"]["warnings"] == len(printed)
    assert SUMMARY.match(run.summary) and f", {len(printed)} warning" in run.summary, run.summary


def test_dry_run_report_keeps_redirect_diagnostics(tmp_path: Path) -> None:
    _redirect_batch(tmp_path)
    real = run_cli(tmp_path, "in", "out", "--redirects", "html", "--report", "real.json")
    dry = run_cli(tmp_path, "in", "dry", "--redirects", "html", "--report", "dry.json", "--dry-run")
    assert not (tmp_path / "dry").exists()
    assert real.code == dry.code == 0
    assert load_report(tmp_path / "real.json")["run_diagnostics"]
    real_diags = load_report(tmp_path / "real.json")["run_diagnostics"]
    dry_diags = load_report(tmp_path / "dry.json")["run_diagnostics"]
    strip = lambda ds: [{k: v for k, v in d.items() if k != "file"} for d in ds]  # noqa: E731
    assert strip(dry_diags) == strip(real_diags)


def test_unwritable_report_error_has_the_one_line_format(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("page"))
    (tmp_path / "blocker").write_text("a file\n", encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "--report", "blocker/r.json")
    assert run.code == 1
    errors = run.diagnostics("error")
    assert [(e["file"], e["code"]) for e in errors] == [("blocker/r.json", "report.io")], run.stderr


def test_the_summary_ranks_warnings_by_code_and_lists_pages_to_check(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_page(folder, "a.md", page_text("a", body='<img src="x.png"> and <img src="y.png"> and ((Nowhere)).\n'))
    write_page(folder, "b.md", page_text("b", body='<img src="z.png">\n'))
    run = run_cli(tmp_path, "in", "out")
    tail = run.lines[-6:]
    assert tail[:3] == [
        "warnings by code (leave a code out with --ignore CODE; see docs/diagnostics.md):",
        "       3  body.img-alt",
        "       1  body.wikilink",
    ]
    assert tail[3:5] == ["pages a person should check (1):", "  in/a.md: body.wikilink"]
    assert tail[5].startswith("2 converted, 0 failed, 4 warnings")
    quiet = run_cli(tmp_path, "in", "out2", "--ignore", "body.img-alt")
    assert "body.img-alt" not in quiet.stderr and "  in/a.md: body.wikilink" in quiet.lines


def test_a_dry_run_says_would_convert(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "a.md", page_text("a"))
    run = run_cli(tmp_path, "in", "out", "--dry-run")
    assert run.summary.startswith("1 would convert, 0 failed") and run.summary.endswith("(dry run: nothing written)")
    assert not (tmp_path / "out").exists()


def test_every_command_shows_its_default_folder_and_exit_codes() -> None:
    from click.testing import CliRunner

    from migrate.cli import main

    for command in ("convert", "validate", "redirects", "taxonomy"):
        text = " ".join(CliRunner().invoke(main, [command, "--help"]).output.split())
        assert "default: input" in text and "Exit status: 0" in text, command
