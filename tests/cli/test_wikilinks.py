"""Wiki links ((Page)) resolve to the new URLs: entities, labels with markup, ambiguity, inside kept HTML."""

from __future__ import annotations

from pathlib import Path

from tests.pages import page_text

from .helpers import body_of, convert_pages

_TARGET = page_text("target", "Vitamin D – Sun & Shade", "Words.\n", aliases=["/Old+Name+Here", "/5724"])


def test_a_wiki_link_with_amp_entity_resolves(tmp_path: Path) -> None:
    run = convert_pages(
        tmp_path, {"a.md": _TARGET, "p.md": page_text("p", body="See ((Vitamin D - Sun &amp; Shade)).\n")}
    )
    assert "See [Vitamin D - Sun & Shade](/posts/target/)." in body_of(tmp_path, "p")
    assert not [m for m in run.diagnostics() if m["code"] == "body.wikilink"], run.stderr


def test_a_wiki_link_label_keeps_its_markup(tmp_path: Path) -> None:
    convert_pages(tmp_path, {"a.md": _TARGET, "p.md": page_text("p", body="See ((Old Name Here|**bold** label)).\n")})
    assert "See [**bold** label](/posts/target/)." in body_of(tmp_path, "p")


def test_two_pages_with_one_title_are_an_ambiguity_warning(tmp_path: Path) -> None:
    run = convert_pages(
        tmp_path,
        {
            "b.md": page_text("dup1", "Twin Title", "x\n"),
            "c.md": page_text("dup2", "twin title", "y\n"),
            "p.md": page_text("p", body="See ((Twin Title)).\n"),
        },
    )
    msgs = [m["msg"] for m in run.diagnostics("warning") if m["file"] == "in/p.md"]
    named = [m for m in msgs if ("dup1" in m and "dup2" in m) or ("b.md" in m and "c.md" in m)]
    assert named, run.stderr


def test_a_wiki_link_inside_a_kept_table_resolves(tmp_path: Path) -> None:
    table = '<table><tr><td rowspan="2">((Old Name Here))</td><td>b</td></tr><tr><td>c</td></tr></table>\n'
    convert_pages(tmp_path, {"a.md": _TARGET, "p.md": page_text("p", body=table)})
    out = body_of(tmp_path, "p")
    assert "((" not in out, out
    assert "[Old Name Here](/posts/target/)" in out, out  # kept tables hold Markdown in their cells
