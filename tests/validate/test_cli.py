"""``migrate validate``: formats, exit codes, unusable schemas and config, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from migrate.page import Diagnostic
from migrate.validate.formats import summary_line

from .helpers import CASES, run_validate


@pytest.fixture
def yaml_case(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(CASES / "yaml-keys")
    return CASES / "yaml-keys"


def test_json_format_is_one_array_with_every_field(yaml_case: Path) -> None:
    result = run_validate("--format", "json", "page.md")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert len(items) == 8
    assert set(items[0]) == {
        "file", "line", "column", "end_line", "end_column", "severity", "code", "pointer", "message",
    }  # fmt: skip
    by_pointer = {i["pointer"]: i for i in items}
    assert by_pointer["/title"]["line"] == 1 and by_pointer["/title"]["end_column"] == 4  # the '---'
    titel = by_pointer["/titel"]
    assert (titel["line"], titel["column"], titel["end_line"], titel["end_column"]) == (2, 1, 2, 6)
    date = by_pointer["/date"]
    assert (date["line"], date["column"], date["end_column"]) == (4, 7, 17)
    assert by_pointer["/tags/1"]["column"] == 15 and by_pointer["/tags/1"]["end_column"] == 17  # ""
    assert "summary" not in result.stdout and "8 errors in 1 of 1 file" in result.stderr


def test_github_format_annotates_then_lists_everything(yaml_case: Path) -> None:
    out = run_validate("--format", "github", "page.md").output.splitlines()
    annotations = [line for line in out if line.startswith("::error ")]
    assert len(annotations) == 8
    assert annotations[1] == (
        "::error file=page.md,line=2,col=1,endLine=2,endColumn=6,title=schema.unknown-key::"
        "unknown key 'titel' (did you mean 'title'?)"
    )
    assert "page.md:2:1: error[schema.unknown-key] unknown key 'titel' (did you mean 'title'?)" in out
    assert out[-1] == "8 errors in 1 of 1 file"


def test_github_escapes_properties_and_newlines() -> None:
    from migrate.validate.formats.github import annotation

    d = Diagnostic("schema.x", "error", "50% off\nnext", 1, 2, "a,b:c.md")
    assert annotation(d) == "::error file=a%2Cb%3Ac.md,line=1,col=2,title=schema.x::50%25 off%0Anext"


def test_summary_line_counts_errors_and_files() -> None:
    diags = [Diagnostic("schema.x", "error", "m", file=f) for f in ("a", "a", "b")]
    assert summary_line(diags, 2000) == "3 errors in 2 of 2,000 files"
    assert summary_line(diags[:1], 1) == "1 error in 1 of 1 file"
    assert summary_line([], 12) == "no errors in 12 files"


def test_clean_exit_0(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "clean")
    result = run_validate("page.md")
    assert (result.exit_code, result.output) == (0, "no errors in 1 file\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "schema is not valid JSON"),
        ('{"type": "nonsense"}', "not a valid JSON Schema at type"),
        ('{"$ref": "other.json"}', "cannot resolve a $ref"),
        ("[1]", "a schema must be a JSON object"),
    ],
)
def test_unusable_schema_exits_2(tmp_path: Path, content: str, message: str) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(content)
    result = run_validate("--schema", str(schema), str(CASES / "clean" / "page.md"))
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_missing_schema_and_missing_path_exit_2(tmp_path: Path) -> None:
    result = run_validate("--schema", str(tmp_path / "none.json"), str(CASES / "clean"))
    assert result.exit_code == 2 and "cannot read schema" in result.stderr
    assert run_validate(str(tmp_path / "nope.md")).exit_code == 2


def test_config_maps_globs_to_schemas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text("---\ntitle: Note\n---\n")
    (tmp_path / "p.md").write_text("---\ntitle: Page\n---\n")
    (tmp_path / "note.schema.json").write_text('{"type": "object", "required": ["title"]}')
    (tmp_path / "migrate.yaml").write_text("validate:\n  schemas:\n    'notes/*.md': note.schema.json\n")
    monkeypatch.chdir(tmp_path)
    result = run_validate("--config", "migrate.yaml", ".")
    # the note passes its own schema; the page is judged by page.schema.json
    assert result.output.splitlines() == [
        "p.md:1:1: error[schema.required] front matter needs the key 'slug'",
        "p.md:1:1: error[schema.required] front matter needs the key 'date'",
        "2 errors in 1 of 2 files",
    ]


def test_bad_config_section_exits_2(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("validate:\n  schemas: [a, b]\n")
    result = run_validate("--config", str(tmp_path / "c.yaml"), str(CASES / "clean"))
    assert result.exit_code == 2 and "validate.schemas: must map" in result.stderr


def test_unreadable_pages_are_errors_and_the_rest_still_runs(tmp_path: Path) -> None:
    (tmp_path / "bin.md").write_bytes(b"\x00\x01")
    (tmp_path / "latin.md").write_bytes(b'{"title": "caf\xe9"}')
    (tmp_path / "none.md").write_text("just text\n")
    (tmp_path / "ok.md").write_text('{"title": "T", "slug": "t", "date": "2020-01-01"}\n')
    result = run_validate(str(tmp_path))
    codes = [line.split("[")[1].split("]")[0] for line in result.output.splitlines()[:-1]]
    assert codes == ["read.binary", "read.encoding", "read.no-front-matter"]
    assert result.output.endswith("3 errors in 3 of 4 files\n") and result.exit_code == 1


def test_real_entry_point_one_file(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: T\nslug: t\ndate: 2020-01-01\n---\n")
    done = subprocess.run([sys.executable, "-m", "migrate", "validate", str(page)], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "no errors in 1 file", "")


def test_one_json_page_does_not_import_markdown_or_yaml_libraries(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text('{"title": "T", "slug": "t", "date": "2020-01-01"}\n')
    code = (
        "import sys, runpy; sys.argv = ['migrate', 'validate', sys.argv[1]]\n"
        "try:\n    runpy.run_module('migrate', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mistune', 'ruamel', 'rich', 'rapidfuzz')))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
