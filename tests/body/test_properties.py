"""Property tests for body cleanup: never raises, converting the output again changes nothing,
and hostile sizes finish (no timing asserts: a stall shows as a hung test, not a flaky one)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from migrate.body import BodyOptions, convert_body

WORDS = st.sampled_from(
    ["soil", "kale", "3 * 4", "snake_case", "[1]", "<0.001", "a_b", "x*y", "café", "5%", "C#", "2 < 3", "end."]
)
URLS = st.sampled_from(["https://example.org/a_b", "https://example.org/p?q=1&r=2", "#anchor", "/posts/x/", ""])
# No * or _ pairs in shortcode arguments here: inside HTML blocks they get escaped, a known bug
# (fixtures/shortcodes-in-html, shortcodes-after-comment).
SHORTCODES = st.sampled_from(
    ["{{< toc >}}", "{{% notice info %}}", "{{% /notice %}}", '{{< ref "a_b.md" >}}', '{{< figure src="x.png" >}}']
)
TIKI = st.sampled_from(
    [
        "~hs~",
        "~tc~note~/tc~",
        # spaces around: a removed anchor between [1] and [2] is a known bug (fixtures/anchor-between-brackets)
        " {ANAME()}spot{ANAME} ",
        "{SUB()}2{SUB}",
        "{FOOTNOTE()}see notes{FOOTNOTE}",
        "{FONT(size=12)}",
        "{FONT}",
        "{SPLIT()}",
        "{SPLIT}",
        '{img src="https://example.org/i.png" alt="leaf"}',
        "((Some Page))",
        "((Other|label))",
        "~~#F00:red~~",
        "{MYSTERY(x=1)}",
        "text <!-- {LIST()}{LIST} -->",
    ]
)
INLINE_HTML = st.sampled_from(
    [
        "<span>",
        "</span>",
        '<span style="color:#f00">',
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        '<i class="fa fa-check"></i>',
        "<em>",
        "</em>",
        "<strong>",
        "</strong>",
        "<sup>",
        "</sup>",
        "<sub>",
        "</sub>",
        # loose <code>/</code> left out: an empty one is a known bug (fixtures/code-empty)
        # spaces around: two adjacent <code> elements are a known bug (fixtures/adjacent-code)
        " <code>a_b * c</code> ",
        # <br> only between words: at the edge of <b>/<i> it is a known bug (fixtures/*-br)
        "soil<br>kale",
        "kale<br/>soil",
        "<font color=red>",
        "</font>",
        '<a name="spot"></a>',
        "</a>",
        "&nbsp;",
        "&amp;",
        "&lt;",
        "\u00a0",
        # a comment never starts a line here: text after one is mis-escaped (fixtures/comment-then-text)
        "text <!-- note -->",
    ]
)
# Backslash only before Markdown punctuation: before Tiki syntax it is a known bug (fixtures/escaped-tiki).
# No bare "[": a literal [ before an escaped \[x](y) is a known bug (fixtures/escaping-brackets).
MARKDOWN_INLINE = st.sampled_from(["**", "*", "_", "`", "~~", "]", "(", ")", "\\*", "\\_", "|", "#", "! "])


@st.composite
def links(draw: st.DrawFn) -> str:
    url, text = draw(URLS), draw(WORDS)
    if draw(st.booleans()):
        return f'<a href="{url}" title="{text}">{text}</a>'
    return f"![{text}]({url or 'x.png'})" if draw(st.booleans()) else f"[{text}]({url or '#'})"


INLINE = st.one_of(WORDS, WORDS, URLS, SHORTCODES, TIKI, INLINE_HTML, MARKDOWN_INLINE, links())


@st.composite
def lines(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["", "", "", "# ", "- ", "1. ", "> ", "    ", "| ", "<p>", "<div>"]))
    parts = draw(st.lists(INLINE, min_size=1, max_size=8))
    return prefix + draw(st.sampled_from([" ", ""])).join(parts)


BLOCKS = st.one_of(
    lines(),
    lines(),
    st.just("| a | b |\n|---|---|\n| 1 |\n| 2 | 3 | 4 |"),
    st.just("<table><tr><th>h</th></tr><tr><td>c</td></tr></table>"),
    st.just('<table><tr><td colspan="2">m</td></tr></table>'),
    st.just("<ul><li>one<li>two</ul>"),
    st.just("```\ncode * _x_ {{< toc >}} &nbsp;\n```"),
    st.just("- - - - -"),
    st.just("<div>\n*literal*\n</div>"),
    st.just('<img src="https://example.org/p.png" alt="image" width="10">'),
    SHORTCODES,
    st.sampled_from(
        # second round: constructs the first round covered lightly. Known bugs stay out (see the fixtures
        # html-pre-*, html-table-cell-pipes, paragraph-not-a-table, html-block-after-list-item,
        # shortcode-paired-raw-inner): no <pre> holding markup or starting with a newline, no | in URLs,
        # titles or code inside HTML cells, no "--|--" lines, HTML blocks only after a blank line.
        [
            "- kale\n  <ul><li>nested <b>html</b></li><li>two</li></ul>\n- soil",
            "<ul>\n<li>html item\n\n- md inside\n\n</li>\n<li>two</li>\n</ul>",
            '<ol start="3"><li>three</li><li>four</li></ol>',
            "<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>",
            "<ul><li><p>loose one</p></li><li><p>loose</p><p>two</p></li></ul>",
            "- a\n\n- b\n- c",
            "1. one\n   <ol><li>sub a</li><li>sub b</li></ol>\n2. two",
            "> <b>bold</b> quote\n> - one\n> - two",
            "<blockquote><p>para <i>it</i></p><ul><li>one</li></ul></blockquote>",
            "<blockquote>\n\nA *quoted* [link](https://example.org/q).\n\n</blockquote>",
            "## Head [link](https://example.org/a_b) and ![leaf](x.png)",
            '<h2>Head <a href="https://example.org/">link</a> <img src="y.png" alt="leaf"> <b>b</b></h2>',
            "<h3>C# and *stars* ##</h3>",
            "Setext heading\n==============",
            "Second level\n------------",
            "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody>"
            "<tfoot><tr><td>s</td><td>3</td></tr></tfoot></table>",
            '<table><tr><td>a<br>b</td><td><p>p1</p><p>p2</p></td></tr><tr><td><img src="i.png" alt="cat"></td>'
            '<td><a href="https://example.org/x">lnk</a></td></tr><tr></tr><tr><td>d</td></tr></table>',
            "<table><tr><td>outer<table><tr><td>inner</td></tr></table></td></tr></table>",
            "<table><tr><td>pipe | text *x*</td><td>&lt;tag&gt; `tick`</td></tr></table>",
            "| a | b |\n|---|---|\n| x \\| y | `c \\| d` |",
            "<pre><code>x = 1\n  y = 2\n</code></pre>",
            '<a href="https://example.org/?a=1&amp;b=2" title="Tom &amp; &quot;J&quot; (p)">t</a>',
            "[t](https://example.org/p_(x) 'single \"q\"') and [u](<https://example.org/a b>)",
            '<a href="https://example.org/a"><img src="i.png" alt="logo"></a> [![logo](j.png)](https://example.org/b)',
            "See <https://example.org/a_b> and https://example.org/a_b_c and www.example.org/x_y.",
            'Ref [link][r1] and [r2].\n\n[r1]: https://example.org/one "One"\n[r2]: <https://example.org/two>',
            "Text with note[^n].\n\n[^n]: The note *text*.",
            "<div>\r\n<b>crlf</b>\r\n\r\n<i>block</i>\r\n</div>",
            "Tabs\tinside\ttext and -\ttab",
            "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_b_c",
            "שלום <b>עולם</b> مرحبا <i>بالعالم</i> cafe\u0301 👍🏽 👨\u200d👩\u200d👧",
            "***strong em*** and ***mixed** em* and <b><i>both</i></b>",
            "Line with two spaces  \nnext<br/>then<br />more<BR>end",
            "Price&nbsp;: 5&nbsp;€ ; «&nbsp;quoted&nbsp;» and word&nbsp;.",
            "{{< /notice >}}",
            "{{% notice tip %}}\n**Bold** and a_b_c <b>html</b>\n{{% /notice %}}",
            "Text <i>unclosed italic at the end",
        ]
    ),
)
BODIES = st.lists(BLOCKS, min_size=1, max_size=8).map(lambda bs: "\n\n".join(bs) + "\n")

OPTIONS = BodyOptions(
    icons={"check": "✓"},
    colors={"#f00": "strong"},
    resolve_title=lambda t: "/posts/some-page/" if t.strip().lower() == "some page" else None,
)

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)


_INNER_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def _squeeze(text: str) -> str:
    return _INNER_SPACES.sub(" ", text)


def _emphasis_across_link(body: str) -> bool:
    """A * inside one <a>'s text and another * elsewhere: emphasis then crosses the element's edges
    (mis-nested HTML, which browsers repair in their own way); round-trips of that are not promised."""
    return body.count("*") >= 2 and re.search(r">[^<]*\*[^<]*</a>", body) is not None


def _known_bug(body: str) -> bool:
    """Inputs whose round trip is not promised: emphasis crossing the edges of a link element."""
    return _emphasis_across_link(body)


@FAST
@given(BODIES)
def test_convert_never_raises_and_is_idempotent_up_to_double_spaces(body: str) -> None:
    assume(not _known_bug(body))
    first = convert_body(body, OPTIONS).markdown
    assert _squeeze(convert_body(first, OPTIONS).markdown) == _squeeze(first)


@FAST
@given(BODIES)
def test_convert_is_idempotent_byte_for_byte(body: str) -> None:
    assume(not _known_bug(body))
    first = convert_body(body, OPTIONS).markdown
    assert convert_body(first, OPTIONS).markdown == first


@FAST
@given(st.text(max_size=300))
def test_any_text_never_raises(body: str) -> None:
    result = convert_body(body, OPTIONS)
    assert isinstance(result.markdown, str)
    assert result.markdown == "" or result.markdown.endswith("\n")


@FAST
@given(BODIES)
def test_shortcodes_survive_byte_for_byte(body: str) -> None:
    out = convert_body(body, OPTIONS).markdown
    assert "{{\\<" not in out and "{{\\%" not in out
    for sc in ("{{< toc >}}", "{{% notice info %}}"):
        assert out.count(sc) >= body.count(sc) - body.count("```\ncode") * sc.count("toc")


# ---- hostile sizes: they must finish and give text back, never raise ----------------------------


def test_spans_nested_5000_deep() -> None:
    body = "<span>" * 5000 + "deep words" + "</span>" * 5000 + "\n"
    out = convert_body(body).markdown
    assert "deep words" in out


def test_divs_nested_5000_deep_unclosed() -> None:
    body = "<div>\n" * 5000 + "buried words\n"
    out = convert_body(body).markdown
    assert "buried words" in out


def test_inline_tags_nested_5000_deep_mixed() -> None:
    body = "text " + "<b><i>" * 2500 + "core" + "</i></b>" * 2500 + " tail\n"
    out = convert_body(body).markdown
    assert "core" in out and "tail" in out


def test_one_megabyte_single_line() -> None:
    body = ("word_with_underscores and *stars* [1] " * 28_000)[:1_000_000] + "\n"
    out = convert_body(body, audit=False).markdown
    assert "\n" not in out.rstrip("\n")
    assert len(out) >= 900_000


def test_ten_thousand_spans() -> None:
    body = "".join(f"<span>w{i}</span> " for i in range(10_000)) + "\n"
    out = convert_body(body).markdown
    assert "<span" not in out
    assert "w0" in out and "w9999" in out


def test_unclosed_tags_everywhere() -> None:
    body = "".join(f"<{t}>open {t} " for t in ["b", "i", "span", "a", "font", "sup", "code", "em"] * 300) + "\n"
    out = convert_body(body).markdown
    assert "open em" in out


def test_ten_thousand_tiki_plugins_and_wikilinks() -> None:
    body = " ".join(f"{{SUB()}}x{{SUB}} ((Page {i})) ~hs~" for i in range(3000)) + "\n"
    out = convert_body(body).markdown
    assert "Page 2999" in out


def test_inline_tags_nested_150_deep() -> None:
    body = "<span><b>" * 75 + "core" + "</b></span>" * 75 + " tail\n"
    out = convert_body(body).markdown
    assert "core" in out and "tail" in out and "<span" not in out


def test_a_hundred_unclosed_tags() -> None:
    body = "".join(f"<{t}>open {t} " for t in ["span", "font", "b", "sup"] * 25) + "\n"
    out = convert_body(body).markdown
    assert out.count("open sup") == 25
