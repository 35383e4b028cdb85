"""Tiki bracket links become Markdown links; Markdown's own bracket syntax and code are left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migrate.body import convert_body


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("See [https://example.org/a|the site].", "See [the site](https://example.org/a)."),
        ("See [https://example.org/a].", "See [https://example.org/a](https://example.org/a)."),
        ("[tiki-index.php?page=Pea shoots|peas]", "[peas](<tiki-index.php?page=Pea shoots>)"),
        ("[https://example.org/a|label|nocache]", "[label](https://example.org/a)"),
        ("[https://example.org/a|]", "[https://example.org/a](https://example.org/a)"),
        ("[https://example.org/a](https://example.org/b)", "[https://example.org/a](https://example.org/b)"),
        ("`[https://example.org/a|x]`", "`[https://example.org/a|x]`"),
        ("[not a url|x]", "[not a url|x]"),
    ],
)
def test_bracket_links(source: str, expected: str) -> None:
    result = convert_body(source + "\n")
    assert result.markdown.strip() == expected
    assert not result.lost or not any(result.lost.values())


@given(st.text(alphabet="[]|()htps:/.x tiki-index.php?page=", max_size=60))
def test_no_crash_and_idempotent(text: str) -> None:
    once = convert_body(text, audit=False).markdown
    assert convert_body(once, audit=False).markdown == once
