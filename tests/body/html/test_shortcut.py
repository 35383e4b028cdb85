"""body/html/shortcut.py: whenever the stack builds a fragment's tree, it is the parser's tree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.body.html.shortcut import build
from migrate.body.html.tree import Comment, Element, Node, parse_fragment, parse_fragment_by_parser

PIECES = [
    "<p>", "</p>", "<p class=MsoNormal>", "<div>", "</div>", "<div style='x'>", "<center>", "</center>",
    "<ul>", "</ul>", "<ol start=\"2\">", "</ol>", "<li>", "</li>", "<h2>", "</h2>", "<h3 id=a>", "</h3>",
    "<blockquote>", "</blockquote>", "<b>", "</b>", "<i>", "</i>", "<span>", "</span>", '<a href="/x">', "</a>",
    "<br>", "<br />", "<hr>", '<img src="a.png" alt="">', "<sup>", "</sup>", "<table>", "<td>", "</br>", "<x>",
    "<!-- note -->", "<!x>", "<div/>", "</h4>", "<B Class=\"k\">", "<a href='1' href='2'>",
    "<tbody>", "</tbody>", "<tr>", "</tr>", "</td>", "<th>", "</th>", "</table>", "<dl>", "</dl>", "<dt>", "<dd>",
    "</dd>", "<thead>", "<colgroup>", "</colgroup>", '<col width="20">',
    "one", " two ", "\n", "&amp;", "&nbsp;", "&copy", "a &lt; b", "x<y", "&#0;", "&notit;",
]  # fmt: skip


def _shape(node: Node) -> object:
    if isinstance(node, Element):
        return (node.tag, node.attrs, node.raw_open, [_shape(c) for c in node.children])
    return node if isinstance(node, str) else ("#comment", node.text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16))
def test_the_shortcut_builds_the_parsers_tree(pieces: list[str]) -> None:
    src = "".join(pieces)
    quick = build(src)
    if quick is not None:
        root, _ = parse_fragment_by_parser(src)
        # the trees, not the stray end tags: the parser's list of those comes from a scan of its own that
        # does not track every implied end (after <dd><dt>, it still counts a </dd> as closing the <dd>)
        assert _shape(quick[0]) == _shape(root)


def test_plain_fragments_take_the_shortcut_and_others_the_parser() -> None:
    assert build('<div class="note"><p>Sow <b>early</b>.</p>\n<ul><li>one</li></ul></div>\n') is not None
    assert build("<table><tr><td>x</td></tr></table>") is not None
    for src in ("<table><tr>x<td>", "<b><i>x</b>y</i>", "<p><b>a<div>b</div></p>", "a < b"):
        assert build(src) is None
    root, _ = parse_fragment("<p>a<!-- n --></p>")
    assert root.children == [Element("p", {}, ["a", Comment(" n ")], "<p>")]


TABLE_PIECES = [
    "<colgroup>", "<col>", "</colgroup>", "<tbody>", "</tbody>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>",
    "x", " ", "\n", "<p>", "</p>", "<b>", "</b>", "<table>", "</table>", "<ul>", "<li>", "</li>", "</ul>", "<div>",
    "</div>",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TABLE_PIECES), max_size=20))
def test_the_shortcut_builds_the_parsers_tables(pieces: list[str]) -> None:
    src = "<table>" + "".join(pieces) + "</table>"
    quick = build(src)
    if quick is not None:
        assert _shape(quick[0]) == _shape(parse_fragment_by_parser(src)[0])
