"""The body: section of the config: colours in any spelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pages import page_text

from .helpers import body_of, convert_pages


@pytest.mark.parametrize(
    "html",
    [
        '<span style="color: red">word</span>',
        '<span style="color:rgb(255,0,0)">word</span>',
        '<span style="color: #F00 !important">word</span>',
        '<font color="red">word</font>',
    ],
    ids=["named", "rgb", "important", "font-named"],
)
def test_one_colour_in_any_spelling_maps(tmp_path: Path, html: str) -> None:
    convert_pages(
        tmp_path, {"p.md": page_text("p", body=f"A {html} here.\n")}, "body:\n  colors:\n    '#F00': strong\n"
    )
    assert "A **word** here." in body_of(tmp_path, "p")


def test_a_named_colour_in_the_config_matches_hex_in_the_page(tmp_path: Path) -> None:
    convert_pages(
        tmp_path,
        {"p.md": page_text("p", body='A <span style="color:#00F">word</span> here.\n')},
        "body:\n  colors:\n    blue: emphasis\n",
    )
    assert "A *word* here." in body_of(tmp_path, "p")


def test_a_coloured_span_around_paragraphs_styles_each(tmp_path: Path) -> None:
    body = '<span style="color:#F00">\n\nblock one\n\nblock two\n\n</span>\n'
    convert_pages(tmp_path, {"p.md": page_text("p", body=body)}, "body:\n  colors:\n    '#F00': strong\n")
    out = body_of(tmp_path, "p")
    assert "**block one**" in out and "**block two**" in out, out
