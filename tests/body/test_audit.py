"""The audit also counts words ADDED: text a reader of the source never saw, shown by the output."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from migrate.body import BodyOptions, convert_body
from migrate.body.audit import added, reader_view
from migrate.body.parser import make_parser, parse
from tests.pages import page_text


def _view(markdown: str):  # type: ignore[no-untyped-def]
    return reader_view(parse(make_parser(), markdown)[0])


def test_markup_made_visible_is_counted() -> None:
    source = "Intro.\n\n<!--[if gte mso 9]><xml><w:Zoom>90</w:Zoom></xml><![endif]-->\n\nThe text.\n"
    output = "Intro.\n\n\\<w:Zoom>90\\</w:Zoom>\n\nThe text.\n"
    assert added(_view(source), _view(output)) == Counter({"<w:Zoom>90</w:Zoom>": 1})


def test_nothing_added_when_the_output_reads_the_same() -> None:
    source = "A *leaf* and <b>a stem</b>.\n"
    assert added(_view(source), _view("A *leaf* and **a stem**.\n")) == Counter()


def test_what_we_add_on_purpose_is_not_flagged() -> None:
    # bare Tiki link labels, footnote marks, list markers, an image's alt, SPLIT columns, mapped icons
    body = (
        "See [https://example.org/beans].\n\n"
        "Cold{FOOTNOTE()}Six weeks.{FOOTNOTE} and again{FOOTNOTE(sameas=1)}{FOOTNOTE}.\n\n"
        "<ul><li>one</li><li>two</li></ul>\n\n"
        '{img src="https://example.org/bean.png" alt="A bean pod"}\n\n'
        "{SPLIT()}left---right{SPLIT}\n\n"
        '<i class="fa fa-check"></i> done\n'
    )
    result = convert_body(body, BodyOptions(icons={"check": "Done:"}))
    assert "Done:" in result.markdown
    assert result.added == Counter()


def test_a_hidden_anchor_name_is_not_added() -> None:
    assert convert_body("x {ANAME()}spot | * {ANAME} y\n").added == Counter()


def test_the_stage_reports_added_words(tmp_path: Path) -> None:
    from migrate.frontmatter import read_text
    from migrate.stages.body import _added_entry

    text = page_text("p", body="Intro.\n\nMore.\n\nThe <w:Zoom> line.\n")
    page = read_text(text, Path("p.md"), "p.md")
    entry = _added_entry(page, Counter({"<w:Zoom>": 2, "junk": 1}))
    assert entry == {"added_words": 3, "added_words_items": ["<w:Zoom>", "junk"]}
    (diag,) = [d for d in page.diagnostics if d.code == "audit.added-words"]
    assert diag.severity == "warning" and "3 words" in diag.message and "'<w:Zoom>'" in diag.message
    assert diag.line == text.splitlines().index("The <w:Zoom> line.") + 1
