"""What a link points at, against an index of pages built here (own words, no corpus text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.frontmatter import read_text
from migrate.links import Index, build_index, classify
from migrate.targets import get_target


def _page(name: str, title: str, slug: str, extra: str = "") -> object:
    text = f'{{"title": "{title}", "slug": "{slug}", "date": "2020-02-03"{extra}}}\n\nBody of {title}.\n'
    page = read_text(text, Path(name), name)
    get_target("hugo").route(page)  # type: ignore[arg-type]
    return page


@pytest.fixture(params=["built", "dumped and loaded"])
def index(request):  # type: ignore[no-untyped-def]
    """The index as built, and as a re-run loads it from the output folder (each part decoded when used)."""
    pages = [
        _page(
            "a.md", "Sleep and soil", "sleep-and-soil", ', "aliases": ["/Sleep+and+soil", "/42"], "tiki_page_id": 42'
        ),
        _page("b.md", "Kale – calcium", "kale-calcium", ', "tags": ["leafy greens"]'),
        _page("c.md", "Draft page", "draft-page"),
    ]
    built = build_index(
        pages,
        lambda p: p.name != "c.md",
        hosts=["old.example.org"],
        asset_hosts=["cdn.example.org"],
        tag_url=get_target("hugo").tag_url,
    )
    built.by_url["/posts/sleep-and-soil"].anchors = {"top", "x"}
    if request.param == "built":
        return built
    loaded = Index.load(built.dump())
    assert loaded.by_url == built.by_url and loaded.by_id == built.by_id and loaded.tags == built.tags
    assert loaded.by_url["/posts/sleep-and-soil"].anchors == {"top", "x"}
    return loaded


@pytest.mark.parametrize(
    ("url", "kind", "new"),
    [
        ("/posts/sleep-and-soil/", "page", "/posts/sleep-and-soil/"),
        ("/posts/sleep-and-soil", "page", "/posts/sleep-and-soil/"),  # rewritten: the slash is part of the URL
        ("/posts/sleep-and-soil/#top", "page", "/posts/sleep-and-soil/#top"),
        ("/Sleep+and+soil", "legacy", "/posts/sleep-and-soil/"),
        ("/Sleep%20and%20soil/", "legacy", "/posts/sleep-and-soil/"),
        ("/42", "legacy", "/posts/sleep-and-soil/"),
        ("tiki-index.php?page=Sleep+and+Soil", "legacy", "/posts/sleep-and-soil/"),
        ("/tiki-index.php?page=sleep%20and%20soil#x", "legacy", "/posts/sleep-and-soil/#x"),
        ("tiki-index.php?page_id=42", "legacy", "/posts/sleep-and-soil/"),
        ("https://old.example.org/tiki-index.php?page=Kale+-+calcium", "legacy", "/posts/kale-calcium/"),
        ("https://OLD.example.org/Sleep+and+soil", "legacy", "/posts/sleep-and-soil/"),
        ("/tags/kale-calcium.html", "legacy", "/posts/kale-calcium/"),
        ("/tags/leafy-greens.html", "legacy", "/tags/leafy-greens/"),
        ("/attachments/chart.png", "asset", ""),
        ("https://cdn.example.org/attachments/x.pdf", "asset", ""),
        ("https://example.com/page", "external", ""),
        ("mailto:someone@example.com", "other", ""),
        ("#section", "anchor", "#section"),
        ("picture.png", "other", ""),
    ],
)
def test_classify(index, url: str, kind: str, new: str) -> None:  # type: ignore[no-untyped-def]
    got = classify(url, index)
    assert (got.kind, got.url) == (kind, new)


@pytest.mark.parametrize(
    ("url", "broken_kind", "reason"),
    [
        ("/posts/never-exported", "missing-page", "no page of this input has this address"),
        ("/tags/sleep-and-soils.html", "tag", "a tag page that does not exist"),
        ("tiki-index.php?page=Nowhere", "missing-page", "no page of this input is named so"),
        ("/posts/draft-page/", "not-written", "page c.md is not written"),
        ("https://old.example.org/Gone+page", "missing-page", "no page of this input has this old address"),
    ],
)
def test_broken(index, url: str, broken_kind: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    got = classify(url, index)
    assert (got.kind, got.broken_kind, got.reason) == ("broken", broken_kind, reason)


def test_a_near_name_is_suggested(index) -> None:  # type: ignore[no-untyped-def]
    assert classify("/tags/sleep-and-soils.html", index).suggestion == "/posts/sleep-and-soil/"
    assert classify("/posts/totally-different-thing", index).suggestion == ""
