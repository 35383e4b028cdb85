"""Rendering both sides of a page for the report: the target's Markdown dialect, sanitized."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.reporters.html.render import markdown_to_safe_html, split_front_matter, yaml_aliases


def test_markdown_is_rendered_like_the_target() -> None:
    html = markdown_to_safe_html("a | b\n--|--\n1 | 2\n\n~~gone~~ and a note[^1]\n\n[^1]: the note\n", "out-")
    assert "<table>" in html and "<td>2</td>" in html
    assert "<s>gone</s>" in html or "<del>gone</del>" in html
    assert "the note" in html and 'id="out-fn1"' in html


def test_no_script_survives() -> None:
    hostile = (
        "<script>alert(1)</script><img src=x onerror=alert(2)>"
        '<a href="javascript:alert(3)">x</a><p onclick="alert(4)">p</p><style>body{display:none}</style>'
        '<iframe src="https://video.example.org/embed/1"></iframe>'
    )
    html = markdown_to_safe_html(hostile, "src-")
    for bad in ("<script", "onerror", "javascript:", "onclick", "<style", "alert(1)"):
        assert bad not in html
    assert 'sandbox=""' in html  # an iframe is shown, but sandboxed


def test_ids_of_the_two_sides_never_clash() -> None:
    assert 'id="src-L1"' in markdown_to_safe_html('<p id="L1">x</p>', "src-")


def test_front_matter_of_each_kind_is_split_off() -> None:
    assert split_front_matter('{\n "a": 1\n}\nbody\n') == ('{\n "a": 1\n}', "body\n", 4)
    assert split_front_matter("---\na: 1\n---\nbody\n") == ("---\na: 1\n---", "body\n", 4)
    assert split_front_matter("+++\na = 1\n+++\r\nbody\n") == ("+++\na = 1\n+++", "body\n", 4)
    assert split_front_matter("no front matter\n") == ("", "no front matter\n", 1)
    assert split_front_matter("{ not json\nbody") == ("", "{ not json\nbody", 1)


def test_aliases_as_the_write_stage_emits_them() -> None:
    front = "---\ntitle: x\naliases:\n- /Old+page\n- '/it''s'\n- \"/q\\\"\"\ntiki_page_id: 3\n---"
    assert yaml_aliases(front) == ["/Old+page", "/it's", '/q"']
    assert yaml_aliases("---\ntitle: x\n---") == []


_PIECES = [
    "<script>", "</script>", "<img src=x onerror=", "javascript:", "<a href=", "[x](", ")", "\n\n", "<", ">",
    '"', "'", "<iframe", "<svg onload=", "<style>", "`", "*", "# ", "| a |", "word",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_nothing_live_comes_out_of_any_input(text: str) -> None:
    live: list[str] = []

    class Live(HTMLParser):
        # an iframe's content is raw text to a browser (never parsed, never run): skip it like a browser
        inert = 0

        def handle_endtag(self, tag: str) -> None:
            self.inert -= tag == "iframe" and self.inert > 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if self.inert:
                return
            self.inert += tag == "iframe"
            if tag in ("script", "style", "svg", "object", "embed", "base", "meta", "link"):
                live.append(tag)
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    live.append(f"{tag} {name}={value}")

    Live().feed(markdown_to_safe_html(text, "src-"))
    assert live == []
