"""The validate stage of ``migrate convert`` reports what ``migrate validate`` prints, at the same lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from migrate.config import Config
from migrate.pipeline import Context
from migrate.sources import read_all
from migrate.stages.validate import ValidateStage
from migrate.targets import get_target
from migrate.validate import check_output

from .helpers import CASES, run_validate


def run_stage(folder: Path, tmp_path: Path, config: Config | None = None) -> list[str]:
    """Diagnostics of the stage on the pages of ``folder``, named as given (relative to the working folder)."""
    paths = sorted(p.relative_to(folder) for p in folder.glob("*.md"))
    pages, unreadable = read_all(paths, None)
    assert not unreadable
    ctx = Context(config=config or Config(), target=get_target("hugo"), out_dir=tmp_path)
    stage = ValidateStage()
    stage.prepare(pages, ctx)
    for page in pages:
        stage.run(page, ctx)
    return sorted(f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}" for p in pages for d in p.diagnostics)


@pytest.mark.parametrize("name", ["yaml-keys", "json-missing", "toml-values", "cross-file", "clean"])
def test_stage_reports_the_same_lines_as_the_command(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES / name)
    printed = run_validate(".").output.splitlines()[:-1]
    expected = sorted(line.replace(" error[", " ").replace("] ", " ", 1) for line in printed)
    assert run_stage(CASES / name, tmp_path) == expected


def test_stage_uses_the_config_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "yaml-keys")
    (tmp_path / "loose.json").write_text('{"type": "object"}')
    config = Config({"validate": {"schema": "loose.json"}}, tmp_path)
    assert run_stage(CASES / "yaml-keys", tmp_path, config) == []


def test_unusable_schema_is_an_error_on_each_page_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "clean")
    (tmp_path / "broken.json").write_text("{")
    config = Config({"validate": {"schema": "broken.json"}}, tmp_path)
    lines = run_stage(CASES / "clean", tmp_path, config)
    assert len(lines) == 1 and "schema.unusable cannot validate" in lines[0] and "not valid JSON" in lines[0]


def test_check_output_accepts_what_hugo_writes_for_a_good_page(tmp_path: Path) -> None:
    pages, _ = read_all([CASES / "clean" / "page.md"], None)
    data = get_target("hugo").front_matter(pages[0])
    assert isinstance(data["date"], dt.date)
    assert sorted(check_output(data, "hugo")) == []


def test_check_output_names_what_is_wrong() -> None:
    data = {"title": " ", "slug": "Bad Slug", "date": "2024-13-45", "tags": ["a", "a"], "draft": "no"}
    assert sorted(check_output(data, "hugo")) == [
        "date: must be written as an ISO date or date-time, got '2024-13-45'",
        "draft: expected boolean, got a string 'no'",
        "slug: must be lowercase words joined by '-' (like 'vitamin-d-and-sleep'), got 'Bad Slug'",
        "tags[1]: 'a' is already listed as tags[0]",
        "title: ' ' does not match the pattern \\S",
    ]
    assert check_output({"title": "T", "slug": "t", "date": dt.datetime(2020, 1, 2, 3, 4)}, "hugo") == []
    assert check_output({"title": "T"}, "no-such-target") == []
