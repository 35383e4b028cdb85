"""Variants derived from aliases, and every cross-page check: duplicates, live URLs, chains, loops, case."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.config import Config
from migrate.page import Page
from migrate.redirects.rules import Options, derive

from .samples import load


def make(folder: Path, name: str, slug: str, aliases: object, **extra: object) -> None:
    front = {"title": name, "slug": slug, "aliases": aliases, **extra}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(json.dumps(front, ensure_ascii=False, indent=2) + "\n\nBody.\n", "utf-8")


def sources(page: Page) -> set[str]:
    return {r.display() for r in page.redirects}


def codes(page: Page) -> list[tuple[str, str, int]]:
    return [(d.severity, d.code, d.line) for d in page.diagnostics]


def test_variants_of_a_tiki_alias(tmp_path: Path) -> None:
    make(tmp_path, "a", "vitamin-d", ["/Vitamin+D+–+Sun", "/5724"], tiki_page_id=5724)
    (page,) = load(tmp_path)
    assert sources(page) == {
        "/Vitamin+D+–+Sun",
        "/Vitamin%20D%20–%20Sun",
        "/5724",
        "/tiki-index.php?page=Vitamin+D+–+Sun",
        "/tiki-index.php?page=Vitamin+D+%E2%80%93+Sun",
        "/tiki-index.php?page=Vitamin%20D%20–%20Sun",
        "/tiki-index.php?page=Vitamin%20D%20%E2%80%93%20Sun",
        "/tiki-index.php?page_id=5724",
    }
    assert {r.target for r in page.redirects} == {"/posts/vitamin-d/"}
    assert {r.source() for r in page.redirects if r.query is None} >= {"/Vitamin+D+%E2%80%93+Sun"}


def test_variants_are_configurable(tmp_path: Path) -> None:
    make(tmp_path, "a", "x", ["/Two+Words"], tiki_page_id=9)
    config = Config(
        {"redirects": {"spaces": ["+", "-", "_"], "tiki_index": False, "page_id": False, "trailing_slash": True}}
    )
    (page,) = load(tmp_path, config)
    assert sources(page) == {"/Two+Words", "/Two+Words/", "/Two-Words", "/Two-Words/", "/Two_Words", "/Two_Words/"}


def test_throwaway_query_dropped_and_tiki_query_kept(tmp_path: Path) -> None:
    make(tmp_path, "a", "x", ["/blog/old.html?refresh=1", "/tiki-index.php?page=Some+Page"])
    (page,) = load(tmp_path)
    assert "/blog/old.html" in sources(page)
    assert not any("refresh" in s for s in sources(page))
    assert {"/tiki-index.php?page=Some+Page", "/Some+Page", "/Some%20Page"} <= sources(page)


def test_same_source_on_two_pages_is_an_error_on_both(tmp_path: Path) -> None:
    make(tmp_path, "a", "first", ["/Shared+Name"])
    make(tmp_path, "b", "second", ["/Other", "/Shared+Name"])
    a, b = load(tmp_path)
    assert ("error", "redirect.duplicate", 5) in codes(a)  # line of aliases[0] in a
    assert ("error", "redirect.duplicate", 6) in codes(b)  # line of aliases[1] in b
    dup_a = next(d for d in a.diagnostics if d.code == "redirect.duplicate")
    assert "b.md" in dup_a.message and dup_a.pointer == "/aliases/0"
    assert "/Shared+Name" not in sources(a) | sources(b)
    assert "/Other" in sources(b)


def test_source_equal_to_a_live_url_is_an_error(tmp_path: Path) -> None:
    make(tmp_path, "a", "first", ["/posts/second/"])
    make(tmp_path, "b", "second", ["/Second"])
    a, b = load(tmp_path)
    diag = next(d for d in a.diagnostics if d.code == "redirect.live-url")
    assert diag.severity == "error" and "b.md" in diag.message and diag.pointer == "/aliases/0"
    assert "/posts/second/" not in sources(a)
    assert not b.diagnostics


def test_own_url_as_alias_is_skipped_with_a_warning(tmp_path: Path) -> None:
    make(tmp_path, "a", "first", ["/posts/first"])
    (a,) = load(tmp_path)
    assert codes(a) == [("warning", "redirect.self", 5)]
    assert not a.redirects


def test_chain_through_a_page_not_written_is_collapsed(tmp_path: Path) -> None:
    # "old" is a draft (not written): its URL is an alias of "new", its own alias should go straight to "new".
    make(tmp_path, "a-old", "old", ["/Ancient"], draft=True)
    make(tmp_path, "b-new", "new", ["/posts/old/"])
    old, new = load(tmp_path)
    got = {r.display(): r.target for r in old.redirects if r.query is None}
    assert got["/Ancient"] == "/posts/new/"
    assert any(d.code == "redirect.chain" for d in old.diagnostics)
    assert {r.target for r in new.redirects} == {"/posts/new/"}


def test_loop_is_an_error(tmp_path: Path) -> None:
    make(tmp_path, "a", "one", ["/posts/two/"], draft=True)
    make(tmp_path, "b", "two", ["/posts/one/"], draft=True)
    a, b = load(tmp_path)
    assert any(d.code == "redirect.loop" and d.severity == "error" for d in a.diagnostics)
    assert any(d.code == "redirect.loop" and d.severity == "error" for d in b.diagnostics)
    assert "/posts/two/" not in sources(a)


def test_case_only_difference_is_a_warning(tmp_path: Path) -> None:
    make(tmp_path, "a", "one", ["/Vitamin+D"])
    make(tmp_path, "b", "two", ["/vitamin+d"])
    a, b = load(tmp_path)
    for page, other in ((a, "b.md"), (b, "a.md")):
        diag = next(d for d in page.diagnostics if d.code == "redirect.case")
        assert diag.severity == "warning" and other in diag.message
    assert "/Vitamin+D" in sources(a) and "/vitamin+d" in sources(b)


def test_bad_aliases_are_errors_at_their_line(tmp_path: Path) -> None:
    make(tmp_path, "a", "one", ["relative", 5, "/ok", "/new\nline"])
    (a,) = load(tmp_path)
    assert [(c, line) for _, c, line in codes(a)] == [
        ("redirect.bad-alias", 5),
        ("redirect.bad-alias", 6),
        ("redirect.bad-alias", 8),
    ]
    assert "/ok" in sources(a)


def test_aliases_not_a_list(tmp_path: Path) -> None:
    make(tmp_path, "a", "one", "/single")
    (a,) = load(tmp_path)
    assert [c for _, c, _ in codes(a)] == ["redirect.bad-alias"] and not a.redirects


def test_config_problems_are_reported() -> None:
    opts, problems = Options.from_config({"spaces": ["x"], "page_id": "yes", "base_url": "nope", "limits": {"a": -1}})
    assert opts == Options() and len(problems) == 4


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4), st.integers(min_value=-2, max_value=10**7))
def test_derive_never_crashes_and_sources_have_no_control_characters(aliases: list[str], pid: int) -> None:
    from migrate.page import FrontMatter

    page = Page(
        Path("x.md"),
        "x.md",
        FrontMatter({"aliases": ["/" + a for a in aliases], "tiki_page_id": pid}, "json"),
        "",
        1,
        url="/posts/x/",
    )
    got = derive(page, Options())
    for r in got.rules:
        assert not any(ord(c) < 0x20 or c == "\x7f" for c in r.path + (r.query or ""))
        assert r.source().partition("?")[0].isascii()
    assert derive(page, Options()).rules == got.rules  # stable
