"""Diagnostics point at the construct in the source file, once per occurrence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.pages import page_text

from .helpers import body_of, convert_pages


def _lines(tmp_path: Path, code: str) -> list[int]:
    """Source lines of one code's diagnostics on the first page, from the report (info included)."""
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    return [d["line"] for p in report["pages"] for d in p["diagnostics"] if d["code"] == code]


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line holding needle."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


@pytest.mark.parametrize(
    ("body", "needle", "code"),
    [
        ("Para ((Missing D)).\n\nPara ((Missing D)).\n", "Missing D", "body.wikilink"),
        ("- ((Missing A))\n- b\n- ((Missing A))\n", "Missing A", "body.wikilink"),
        ('<img src="a.png">\n\n<img src="a.png">\n', "a.png", "body.img-alt"),
    ],
    ids=["paragraph", "list-item", "html-image"],
)
def test_the_same_construct_twice_gives_two_lines(tmp_path: Path, body: str, needle: str, code: str) -> None:
    text = page_text("p", body="Intro.\n\n" + body)
    convert_pages(tmp_path, {"p.md": text})
    assert _lines(tmp_path, code) == [_line_of(text, needle, 1), _line_of(text, needle, 2)]


# `<textarea>` opens a CommonMark HTML block (type 1) that runs to `</textarea>`'s line: Markdown after it
# on that line is shown as literal text.
_TEXTAREA = 'Intro.\n\nMore.\n\n<textarea>t</textarea> <img src="a.png" alt="A cat">\n'


def test_an_audit_loss_points_at_the_construct() -> None:
    # No input known today loses anything, so the finding is built the way the body stage builds it.
    from collections import Counter

    from migrate.frontmatter import read_text
    from migrate.stages.body import _audit_entry

    text = page_text("p", body="Intro.\n\nMore.\n\nThe zebra line.\n")
    page = read_text(text, Path("p.md"), "p.md")
    _audit_entry(page, {"words": Counter({"zebra": 1}), "links": Counter(), "images": Counter()})
    (diag,) = [d for d in page.diagnostics if d.code == "audit.lost-words"]
    assert diag.line == _line_of(text, "zebra")


def test_an_image_after_a_kept_textarea_stays_an_image(tmp_path: Path) -> None:
    run = convert_pages(tmp_path, {"p.md": page_text("p", body=_TEXTAREA)})
    assert not [m for m in run.diagnostics() if m["code"].startswith("audit.")], run.stderr
    out = body_of(tmp_path, "p")
    assert "<textarea>t</textarea>" in out and "a.png" in out
    assert "\n<textarea>t</textarea> ![A cat](a.png)" not in out, out
