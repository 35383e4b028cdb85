"""Golden cases: each folder of ``cases/`` holds pages (and maybe ``schema.json``) and the exact text output."""

from __future__ import annotations

import pytest

from .helpers import CASES, run_validate

NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("name", NAMES)
def test_case_output_is_exact(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / name
    monkeypatch.chdir(case)
    args = ["--schema", "schema.json"] if (case / "schema.json").exists() else []
    result = run_validate(*args, ".")
    expected = (case / "expected.out").read_text()
    assert result.output == expected
    assert result.exit_code == (0 if expected.startswith("no errors") else 1)


def test_every_kind_of_error_has_a_case() -> None:
    text = "".join((CASES / n / "expected.out").read_text() for n in NAMES)
    for code in (
        "schema.required",
        "schema.unknown-key",
        "schema.anyOf",
        "schema.type",
        "schema.pattern",
        "schema.duplicate",
        "schema.minimum",
        "schema.enum",
        "schema.duplicate-slug",
        "schema.duplicate-id",
        "schema.duplicate-alias",
        "schema.alias-is-url",
        "fm.duplicate-key",
        "schema.minLength",
    ):
        assert f"[{code}]" in text, code
    assert "(closest oneOf branch:" in text and "(closest anyOf branch:" in text


def test_missing_key_points_at_the_opening_delimiter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "json-missing")
    # two blank lines, then '{' on line 3
    assert "page.md:3:1: error[schema.required] front matter needs the key 'slug'" in run_validate("page.md").output


def test_yaml_impossible_date_is_a_schema_error_at_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "yaml-keys")
    out = run_validate("page.md").output
    assert "page.md:4:7: error[schema.anyOf] date: must be an ISO date" in out
    assert "got '2024-13-45'" in out


def test_closest_branch_is_reported_not_a_random_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "enum-oneof")
    out = run_validate("--schema", "schema.json", "page.md").output
    assert "page.md:9:10: error[schema.type] cover.width: expected integer, got a string 'wide'" in out
    assert "closest oneOf branch: 2 of 2" in out


def test_closest_anyof_branch_and_per_keyword_error_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "anyof-errormessage")
    out = run_validate("--schema", "schema.json", "a.md", "b.md").output.splitlines()
    assert out == [
        "a.md:2:12: error[schema.minLength] title: title needs 3 letters or more, got 'Hi'",
        "a.md:5:14: error[schema.pattern] author.email: 'ann.example.org' does not match the pattern @"
        " (closest anyOf branch: 3 of 3)",
        "b.md:5:3: error[fm.duplicate-key] duplicate key 'name' in front matter",
        "3 errors in 2 of 2 files",
    ]


def test_a_file_named_twice_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "cross-file")
    out = run_validate(".", "a.md", "./c.md").output
    assert out == (CASES / "cross-file" / "expected.out").read_text()
