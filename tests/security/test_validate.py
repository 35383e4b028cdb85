"""Validation never reaches out: a schema's $ref is read only from the user's schema folder."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import migrate, page


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request (none may arrive)."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            body = b'{"properties": {"title": {"const": "REMOTE-RULE"}}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/remote.json", seen
    finally:
        server.shutdown()
        server.server_close()


def _schema(tmp: Path, text: str) -> Path:
    path = tmp / "schemas" / "page.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize("command", ["validate", "convert"])
def test_a_remote_ref_is_an_error_and_never_fetched(
    tmp_path: Path, listener: tuple[str, list[str]], command: str
) -> None:
    url, seen = listener
    page(tmp_path / "in", "a")
    _schema(tmp_path, f'{{"$ref": "{url}"}}')
    if command == "validate":
        run = migrate(tmp_path, "validate", "--schema", "schemas/page.json", "in")
    else:
        (tmp_path / "migrate.yaml").write_text("validate:\n  schema: schemas/page.json\n")
        run = migrate(tmp_path, "convert", "in", "out", "--config", "migrate.yaml")
    assert run.returncode == (2 if command == "validate" else 1), run.stderr  # convert: an error on each page
    assert seen == []
    assert "outside the schema's folder" in run.stderr and "Traceback" not in run.stderr


def test_a_file_outside_the_folder_is_never_read(tmp_path: Path) -> None:
    (tmp_path / "secret.json").write_text('{"properties": {"title": {"const": "TOP-SECRET-VALUE"}}}')
    page(tmp_path / "in", "a")
    for ref in [(tmp_path / "secret.json").as_uri(), "../secret.json"]:
        _schema(tmp_path, f'{{"$ref": "{ref}"}}')
        run = migrate(tmp_path, "validate", "--schema", "schemas/page.json", "in")
        assert run.returncode == 2 and "TOP-SECRET-VALUE" not in run.stdout + run.stderr, run.stderr


def test_a_ref_beside_the_schema_is_used(tmp_path: Path) -> None:
    page(tmp_path / "in", "a")
    _schema(tmp_path, '{"$ref": "parts/title.json"}')
    (tmp_path / "schemas" / "parts").mkdir()
    (tmp_path / "schemas" / "parts" / "title.json").write_text('{"properties": {"title": {"const": "Other"}}}')
    run = migrate(tmp_path, "validate", "--schema", "schemas/page.json", "in")
    assert run.returncode == 1 and "Other" in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        ('{"$ref": "#"}', "$ref cycle"),
        (
            '{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, '
            '"properties": {"title": {"$ref": "#/$defs/a"}}}',
            "$ref cycle",
        ),
        ('{"$defs": {"a": 3}, "properties": {"title": {"$ref": "#/$defs/a"}}}', "not"),
        ('{"properties": {"title": {"$ref": "#/$defs/missing"}}}', "points at nothing"),
    ],
)
def test_bad_refs_are_one_line_errors(tmp_path: Path, schema: str, words: str) -> None:
    page(tmp_path / "in", "a")
    _schema(tmp_path, schema)
    run = migrate(tmp_path, "validate", "--schema", "schemas/page.json", "in")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1 and words in run.stderr


def test_a_recursive_schema_that_reads_values_is_fine(tmp_path: Path) -> None:
    page(tmp_path / "in", "a", extra={"child": {"child": {}}})
    _schema(
        tmp_path,
        '{"$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}}}, '
        '"properties": {"extra": {"$ref": "#/$defs/node"}}}',
    )
    run = migrate(tmp_path, "validate", "--schema", "schemas/page.json", "in")
    assert run.returncode == 0, run.stdout + run.stderr
