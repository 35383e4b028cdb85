"""Broken JSON front matter is reported where the mistake is; no message shows a Python repr."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import run_validate

GOOD_TAIL = '  "date": "2024-01-01"\n}\nBody.\n'


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        # the comma on line 3, not the '}' on line 4 where the parser gives up
        ('{\n  "title": "A",\n  "slug": "a",\n}\nBody.\n', "3:14", "trailing comma before the '}'"),
        ('{\n  "title": "A",\n  "tags": ["a", "b",],\n  "slug": "a"\n}\n', "3:20", "trailing comma before the ']'"),
        # the missing comma belongs after line 2's value, not at line 3's key
        ('{\n  "title": "A"\n  "slug": "a",\n' + GOOD_TAIL, "2:15", "missing ',' after this value"),
        ("{\n  'title': 'A',\n" + GOOD_TAIL, "2:3", "not single quotes"),
        ('{\n  title: "A",\n' + GOOD_TAIL, "2:3", "a key must be in double quotes"),
        ('{\n  "title": True,\n' + GOOD_TAIL, "2:12", "JSON spells this value true"),
        ('{\n  "title": "A",\n  "date": "2024-01-01"\n\nBody.\n', "3:23", "opened on line 1 is not closed"),
    ],
)
def test_broken_json_is_reported_at_the_mistake(tmp_path: Path, text: str, where: str, words: str) -> None:
    (tmp_path / "page.md").write_text(text)
    done = run_validate(str(tmp_path / "page.md"))
    assert done.exit_code == 1
    line = done.output.splitlines()[0]
    assert line.startswith(f"{tmp_path / 'page.md'}:{where}: error[fm.json] broken JSON front matter: "), line
    assert words in line


def test_messages_spell_values_as_the_file_does(tmp_path: Path) -> None:
    page = '{\n  "title": null,\n  "slug": "a",\n  "date": "2024-01-01",\n  "tags": ["x", true, 3]\n}\n'
    (tmp_path / "page.md").write_text(page)
    out = run_validate(str(tmp_path)).output
    assert "title: expected string, got null\n" in out
    assert "tags[1]: expected string, got true\n" in out
    assert "tags[2]: expected string, got an integer 3\n" in out
    for python in ("None", "True", "False"):
        assert python not in out
