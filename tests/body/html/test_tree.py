"""body/html/tree.py: fragments read as a browser reads them, start tags kept as written."""

from __future__ import annotations

from migrate.body.html.inline import fold_tags
from migrate.body.html.tree import MAX_DEPTH, Comment, Element, parse_fragment, serialize


def _tags(node: Element) -> list[str]:
    return [n.tag for n in node.descendants() if isinstance(n, Element)]


def test_misnested_formatting_is_rebuilt_by_the_adoption_agency() -> None:
    root, _ = parse_fragment("<b><i>x</b>y</i>")
    assert [(n.tag, n.text()) for n in root.children if isinstance(n, Element)] == [("b", "x"), ("i", "y")]


def test_stray_text_in_a_table_is_foster_parented_before_it() -> None:
    root, _ = parse_fragment("<table><tr><td>a</td></tr>stray</table>")
    assert root.children[0] == "stray"
    assert isinstance(root.children[1], Element) and root.children[1].tag == "table"


def test_start_tags_are_kept_as_written_and_implied_ones_are_not_written() -> None:
    src = "<TABLE Border=1 class='x'><tr><td title=\"a>b\">c</td></tr></TABLE>"
    root, _ = parse_fragment(src)
    table = root.children[0]
    assert isinstance(table, Element) and table.raw_open == "<TABLE Border=1 class='x'>"
    assert _tags(table)[0] == "tbody" and serialize(root) == (
        "<TABLE Border=1 class='x'><tr><td title=\"a>b\">c</td></tr></table>"
    )


def test_bogus_markup_becomes_comments_and_a_doctype_is_ignored() -> None:
    root, _ = parse_fragment('a<![if !supportLists]>b<![endif]><!DOCTYPE html PUBLIC "x"\n\n"y">c<?xml v?>d</ x>')
    assert root.children == [
        "a", Comment("[if !supportLists]"), "b", Comment("[endif]"), "c", Comment("?xml v?"), "d", Comment(" x"),
    ]  # fmt: skip


def test_a_comment_the_fragment_ends_inside_is_a_comment() -> None:
    root, _ = parse_fragment("x<!--[if gte mso 9]><xml>\n")
    assert root.children == ["x", Comment("[if gte mso 9]><xml>\n")]


def test_end_tags_that_close_nothing_are_reported() -> None:
    _, stray = parse_fragment("<p>a</span></p>\n</div>")
    assert stray == ["span", "div"]


def test_hostile_nesting_is_flattened_not_recursed() -> None:
    root, _ = parse_fragment("<div>" * 5000 + "deep")
    assert len(_tags(root)) == MAX_DEPTH and root.text() == "deep"


def test_inline_tags_are_nested_by_the_parser_around_other_tokens() -> None:
    strays: list[str] = []
    strong = {"type": "strong", "children": [{"type": "text", "raw": "s"}]}
    run = [
        {"type": "inline_html", "raw": "<a href='1'>"},
        {"type": "text", "raw": "one"},
        {"type": "inline_html", "raw": "<a href='2'>"},
        strong,
        {"type": "inline_html", "raw": "</a>"},
        {"type": "inline_html", "raw": "</em>"},
    ]
    out = fold_tags(run, strays.append, lambda tag: None)
    assert [(t["tag"], t["raw_open"]) for t in out] == [("a", "<a href='1'>"), ("a", "<a href='2'>")]
    assert out[0]["children"] == [{"type": "text", "raw": "one"}] and out[1]["children"] == [strong]
    assert strays == ["em"]
