"""The bundled schemas: valid JSON Schema 2020-12, described, and true to the real pages."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from migrate.schemas import schema_path
from tests.shared import needs_corpus

from .helpers import CORPUS, SHARED, run_validate

NAMES = ["page.schema.json", "hugo.schema.json"]


def properties(schema: Any) -> list[tuple[str, dict[str, Any]]]:
    out = []
    if isinstance(schema, dict):
        for name, sub in (schema.get("properties") or {}).items():
            out.append((name, sub))
        for value in schema.values():
            if isinstance(value, (dict, list)):
                out += properties(value) if isinstance(value, dict) else [p for v in value for p in properties(v)]
    return out


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_2020_12_and_every_property_is_described(name: str) -> None:
    schema = json.loads(schema_path(name).read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    props = properties(schema)
    assert props
    assert [n for n, sub in props if not sub.get("description")] == []


@needs_corpus
def test_real_pages_pass() -> None:
    result = run_validate(str(CORPUS), *[str(p) for p in (SHARED / "seed").glob("*.txt")])
    assert result.output.splitlines()[-1] == "no errors in 401 files"
    assert result.exit_code == 0


@needs_corpus
def test_a_real_page_broken_is_caught_at_the_right_line(tmp_path: Path) -> None:
    """Take real pages, break one value each, and check the error stands on that value's line."""
    pages = sorted(CORPUS.glob("*.md"))
    for path in random.Random(3).sample(pages, 5):
        text = path.read_text(encoding="utf-8")
        needle = '"tiki_page_id": '
        line = text[: text.index(needle)].count("\n") + 1
        column = text.split("\n")[line - 1].index(needle) + len(needle) + 1
        broken = tmp_path / path.name
        broken.write_text(text.replace(needle, needle + "-", 1), encoding="utf-8")
        out = run_validate(str(broken)).output
        assert out.startswith(f"{broken}:{line}:{column}: error[schema.minimum] tiki_page_id: -"), out
