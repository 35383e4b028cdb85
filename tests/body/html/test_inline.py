"""body/html/inline.py: the stack's shortcut builds the parser's tree whenever it takes a run."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.body.html.inline import _fold_simple, fold_parsed, fold_tags

TAGS = [
    "<span>", "</span>", '<span style="color:red">', "<b>", "</b>", "<i>", "</i>", "<a href=\"/x\">", "</a>",
    "<sup>", "</sup>", "<br>", "<br/>", '<img src="a.png" alt="">', "<p>", "</p>", "<div>", "</div>", "<x>",
    "</x>", "<table>", "<td>", "</br>", "<B CLASS=\"k\">", "<span/>", "<!-- note -->", "<!x>", "<nobr>",
    "<center>", "</center>", '<p class="x">', "<u>", "</u>",
]  # fmt: skip
TOKEN = st.one_of(
    st.sampled_from(TAGS).map(lambda raw: {"type": "inline_html", "raw": raw}),
    st.sampled_from(["one", " ", "two words"]).map(lambda raw: {"type": "text", "raw": raw}),
    st.just({"type": "strong", "children": [{"type": "text", "raw": "s"}]}),
)


def _shape(tokens: list[Any]) -> list[Any]:
    """The tree without the ``closed`` flag (the shortcut knows which element lacked its end tag,
    the parser's path only counts tags) and ``implied`` (never true in runs the shortcut takes)."""
    out = []
    for t in tokens:
        t = {k: v for k, v in t.items() if k not in ("closed", "implied")}
        if t["type"] == "html":
            t["children"] = _shape(t["children"])
        out.append(t)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKEN, max_size=14))
def test_the_shortcut_builds_the_parsers_tree(run: list[dict[str, Any]]) -> None:
    simple_strays: list[str] = []
    parsed_strays: list[str] = []
    simple = _fold_simple(copy.deepcopy(run), simple_strays.append)
    if simple is not None:
        assert _shape(simple) == _shape(fold_parsed(copy.deepcopy(run), parsed_strays.append, lambda t: None))
        assert simple_strays == parsed_strays


def test_runs_the_shortcut_refuses_go_to_the_parser() -> None:
    run = [{"type": "inline_html", "raw": r} for r in ("<b>", "<i>")]
    run[1:1] = [{"type": "text", "raw": "x"}]
    run += [
        {"type": "inline_html", "raw": "</b>"},
        {"type": "text", "raw": "y"},
        {"type": "inline_html", "raw": "</i>"},
    ]
    assert _fold_simple(copy.deepcopy(run), lambda t: None) is None
    out = fold_tags(run, lambda t: None, lambda t: None)
    assert [(t["tag"], [c.get("tag", c.get("raw")) for c in t["children"]]) for t in out] == [
        ("b", ["x", "i"]),
        ("i", ["y"]),
    ]
