"""Property tests: every recorded JSON position points at its value; validation never crashes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.frontmatter import parse_front_matter
from migrate.page import Page
from migrate.validate import Schemas, validate_page

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
)
front_matters = st.dictionaries(
    st.sampled_from(["title", "slug", "date", "tags", "aliases", "tiki_page_id", "titel", ",:{", 'q"uote']) | st.text(),
    values,
    max_size=8,
)


def offset(text: str, line: int, column: int) -> int:
    return sum(len(s) + 1 for s in text.split("\n")[: line - 1]) + column - 1


@given(front_matters, st.sampled_from([None, 1, 4]), st.sampled_from([True, False]))
@settings(max_examples=200, deadline=None)
def test_json_positions_point_at_their_values(data: dict[str, Any], indent: int | None, ascii_only: bool) -> None:
    text = "\n" + json.dumps(data, indent=indent, ensure_ascii=ascii_only) + "\nbody\n"
    front, _, _ = parse_front_matter(text)
    assert front.data == data
    decoder = json.JSONDecoder()
    for path, (line, column) in front.values.items():
        expected: Any = data
        for part in path:
            expected = expected[part]
        got, _ = decoder.raw_decode(text, offset(text, line, column))
        assert got == expected
    for path, (line, column) in front.keys.items():
        key, _ = decoder.raw_decode(text, offset(text, line, column))
        assert key == path[-1]


@given(front_matters)
@settings(max_examples=200, deadline=None)
def test_validation_never_crashes_and_stays_in_the_file(data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2) + "\n"
    front, body, line = parse_front_matter(text)
    page = Page(source=Path("p.md"), name="p.md", front=front, body=body, body_line=line)
    lines = text.count("\n") + 1
    for d in validate_page(page, SCHEMAS, text):
        assert 1 <= d.line <= lines and d.column >= 1 and d.code.startswith("schema.")


SCHEMAS = Schemas()
