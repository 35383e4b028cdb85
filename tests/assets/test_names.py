"""File names: stable, readable, safe on Windows, no two differing only in case."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from migrate.assets.names import PATH_MAX, NameBook, candidate, clean_part

SAFE = re.compile(r"^[a-z0-9._-]+(/[a-z0-9._-]+)*$")
RESERVED = re.compile(r"(^|/)_?(con|prn|aux|nul|com\d|lpt\d)(\.|/|$)")


def test_readable_names_from_urls() -> None:
    assert candidate("https://cdn.example.net/attachments/jpeg/Vitamin D.JPG", host_folder=False) == (
        "attachments/jpeg/vitamin-d.jpg"
    )
    assert candidate("https://elsewhere.org/a/pic.png") == "elsewhere.org/a/pic.png"
    assert candidate("https://x.org/tiki-download_file.php?fileId=12", "application/pdf", False) == (
        "tiki-download_file-fileid-12.pdf"
    )
    assert candidate("https://x.org/img/chart", "image/png", False) == "img/chart.png"
    assert candidate("https://x.org/a%20b/%C3%A9t%C3%A9.gif", host_folder=False) == "a-b/ete.gif"


def test_windows_trouble() -> None:
    assert clean_part("CON.txt") == "_con.txt"
    assert clean_part("aux") == "_aux"
    assert clean_part('a<b>c:d"e|f?g*h.png') == "a-b-c-d-e-f-g-h.png"
    assert clean_part("trailing. . .") == "trailing"
    assert clean_part("..") == "file"
    assert len(clean_part("x" * 500 + ".jpeg")) <= 80


def test_name_book_keeps_names_and_parts_clashes() -> None:
    book = NameBook({"d1": "img/a.png"})
    assert book.give("img/a.png", "d1") == "img/a.png"
    other = book.give("IMG/A.png", "d2")  # another file wanting the same name in another case
    assert other != "img/a.png" and other.startswith("IMG/A-") and other.endswith(".png")
    assert book.give("img/a.png/b.png", "d3") != "img/a.png/b.png"  # a file cannot be a folder too
    assert book.give("img", "d4") != "img"


@given(st.text(max_size=300), st.sampled_from(["", "image/png", "application/pdf"]))
def test_every_name_is_safe(path: str, ctype: str) -> None:
    name = candidate("https://h.example/" + path, ctype, host_folder=False)
    assert SAFE.match(name), name
    assert not RESERVED.search(name.replace("/_", "/")) or "/_" in "/" + name
    assert len(name) <= PATH_MAX + 1
    assert all(not part.endswith(".") and part not in (".", "..") for part in name.split("/"))
