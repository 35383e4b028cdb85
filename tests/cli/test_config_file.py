"""The config file as the CLI reads it: a leading document marker, applied and checked."""

from __future__ import annotations

from pathlib import Path

from tests.pages import page_text, write_page

from .helpers import posts, run_cli


def test_config_file_starting_with_document_marker_is_applied(tmp_path: Path) -> None:
    write_page(
        tmp_path / "in",
        "p.md",
        '{"title": "I", "slug": "icons", "date": "2020-01-02"}\n\n<i class="fa fa-check"></i> Done.\n',
    )
    write_page(tmp_path, "c.yaml", "---\nbody:\n  icons:\n    check: OK\n")
    run = run_cli(tmp_path, "in", "out", "--config", "c.yaml")
    assert run.code == 0, run.stderr
    assert (posts(tmp_path / "out") / "icons.md").read_text(encoding="utf-8").endswith("\nOK Done.\n")


def test_config_file_starting_with_document_marker_is_checked(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("page"))
    write_page(tmp_path, "c.yaml", "---\nbdoy:\n  icons: {}\n")
    run = run_cli(tmp_path, "in", "out", "--config", "c.yaml")
    assert run.code == 2
    assert "c.yaml:2:1" in run.stderr and "'body'" in run.stderr, run.stderr
