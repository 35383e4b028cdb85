"""Tiki bracket links become Markdown links; forms Tiki showed as text stay text and are reported;
Markdown's own bracket syntax and code are left alone."""

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
        ("[tiki-index.php?page=Peas]", "[tiki-index.php?page=Peas](tiki-index.php?page=Peas)"),
        ("[https://example.org/a|label|nocache]", "[label](https://example.org/a)"),
        ("[tiki-download_file.php?fileId=7|the seed list]", "[the seed list](tiki-download_file.php?fileId=7)"),
        ("[/garden/beds|the beds]", "[the beds](/garden/beds)"),
        ("[mailto:grower@example.org|write to us]", "[write to us](mailto:grower@example.org)"),
        ("<div>Read [https://example.org/a|the notes] first.</div>", "Read [the notes](https://example.org/a) first."),
        ("[https://example.org/a](https://example.org/b)", "[https://example.org/a](https://example.org/b)"),
        ("`[https://example.org/a|x]`", "`[https://example.org/a|x]`"),
        ("\\[https://example.org/a|x]", "\\[https://example.org/a|x]"),
        ("[not a url|x]", "[not a url|x]"),
        ("[/usr/lib] holds it", "[/usr/lib] holds it"),
    ],
)
def test_links(source: str, expected: str) -> None:
    result = convert_body(source + "\n")
    assert result.markdown.strip() == expected
    assert not result.lost or not any(result.lost.values())
    assert not [f for f in result.report.findings if f.code == "body.tiki-link-left"]


@pytest.mark.parametrize(
    "source",
    [
        "[https://example.org/a|]",  # Tiki's patterns need a label: readers saw the brackets
        "[www.example.org]",
        "[www.example.org|the site]",
        "[tiki-browse_categories.php?parentId=4]",
    ],
)
def test_leftovers_stay_text_and_are_reported(source: str) -> None:
    result = convert_body(f"Before {source} after.\n")
    assert result.markdown == f"Before {source} after.\n"
    assert [f.code for f in result.report.findings] == ["body.tiki-link-left"]
    assert result.report.stats["tiki.link-left"] == 1
    assert convert_body(result.markdown).markdown == result.markdown


def test_a_link_in_a_pipe_table_cell_keeps_its_cell() -> None:
    result = convert_body("| site | note |\n| --- | --- |\n| [https://example.org/a|the site] | kept |\n")
    assert "| [the site](https://example.org/a) | kept |" in result.markdown


@given(st.text(alphabet="[]|()htps:/.x tiki-index.php?page=w\\`", max_size=60))
def test_no_crash_and_idempotent(text: str) -> None:
    once = convert_body(text, audit=False).markdown
    assert convert_body(once, audit=False).markdown == once
