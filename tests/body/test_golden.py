"""Golden body cleanup: every ``fixtures/<feature>/case.md`` converts to its ``expected.md``.

Also: the expected output is a fixed point (converting it again changes nothing), so is what we
actually produce, and the nothing-lost audit finds no loss between case and output (nor words added).
Regenerate with ``python -m tests.body.golden FEATURE`` and read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.body import convert_body

from .golden import cases, convert, finding_lines, lost_items, options_for, xfails

CASES = cases()


def _params(check: str) -> list[object]:
    out = []
    for folder in CASES:
        reason = xfails(folder).get(check)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(folder, id=folder.name, marks=marks))
    return out


def test_every_fixture_has_expected_output() -> None:
    assert len(CASES) >= 25
    for folder in CASES:
        assert (folder / "expected.md").is_file(), folder.name
        assert (folder / "findings.txt").is_file(), folder.name
        assert set(xfails(folder)) <= {"output", "idempotent", "audit", "findings"}, folder.name


@pytest.mark.parametrize("folder", _params("output"))
def test_case_converts_to_expected(folder: Path) -> None:
    expected = (folder / "expected.md").read_text(encoding="utf-8")
    assert convert(folder).markdown == expected


@pytest.mark.parametrize("folder", _params("idempotent"))
def test_conversion_is_a_fixed_point(folder: Path) -> None:
    opts = options_for(folder)
    expected = (folder / "expected.md").read_text(encoding="utf-8")
    assert convert_body(expected, opts).markdown == expected
    produced = convert(folder).markdown
    assert convert_body(produced, opts).markdown == produced


@pytest.mark.parametrize("folder", _params("audit"))
def test_audit_finds_nothing_lost(folder: Path) -> None:
    result = convert(folder)
    assert result.lost is not None
    assert lost_items(result) == {}
    assert result.added is not None and not result.added, "words a reader of the source never saw"


@pytest.mark.parametrize("folder", _params("findings"))
def test_case_raises_expected_diagnostics(folder: Path) -> None:
    assert finding_lines(convert(folder)) == (folder / "findings.txt").read_text(encoding="utf-8")
