"""Finding references in converted Markdown and kept HTML, and telling assets from other links."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.assets.classify import classify
from migrate.assets.inventory import Inventory, scan
from migrate.assets.settings import AssetSettings

S = AssetSettings.from_config({"hosts": ["old.example.org", "cdn.example.net"], "base_url": "https://old.example.org"})


def urls(text: str) -> list[tuple[str, str, bool]]:
    return [(r.url, r.kind, r.html) for r in scan(text)]


def test_markdown_images_links_and_kept_html() -> None:
    text = (
        '![alt [nested]](https://cdn.example.net/a.png "t") and [doc](/attachments/b.pdf)\n'
        "[![logo](/img/logo.gif)](https://example.org/)\n"
        '<p><img alt="x" src="https://old.example.org/c.jpg?x=1&amp;y=2" width="300"></p>\n'
        "<a href='/attachments/d.zip'>zip</a> <https://old.example.org/e.pdf>\n"
    )
    assert urls(text) == [
        ("https://cdn.example.net/a.png", "image", False),
        ("/attachments/b.pdf", "link", False),
        ("/img/logo.gif", "image", False),
        ("https://example.org/", "link", False),
        ("https://old.example.org/c.jpg?x=1&y=2", "image", True),
        ("/attachments/d.zip", "link", True),
        ("https://old.example.org/e.pdf", "link", False),
    ]


def test_code_is_never_a_reference() -> None:
    text = "`![a](/x.png)` ``b ` ![c](/y.png)``\n\n~~~\n![d](/z.png)\n~~~\n\n```md\n<img src=/w.png>\n```\n![e](/v.png)"
    assert urls(text) == [("/v.png", "image", False)]


def test_brackets_do_not_pair_across_paragraphs() -> None:
    assert urls("[not closed\n\nthen](/x.pdf)") == []


def test_offsets_point_at_the_url_as_written() -> None:
    text = "![a](<https://old.example.org/with space.png>) [b](/p\\(1\\).pdf)"
    refs = scan(text)
    assert [text[r.start : r.end] for r in refs] == ["https://old.example.org/with space.png", "/p\\(1\\).pdf"]
    assert refs[1].url == "/p(1).pdf"


def test_classes() -> None:
    assert classify("https://cdn.example.net/a/b.jpg", "image", S).cls == "legacy"
    assert classify("https://OLD.example.org/x.pdf", "link", S).cls == "legacy"
    assert classify("https://old.example.org/tiki-index.php?page=X", "link", S).cls == "none"  # a page
    assert classify("/attachments/x", "link", S).fetch == "https://old.example.org/attachments/x"
    assert classify("/tiki-download_file.php?fileId=3", "link", S).cls == "legacy"
    assert classify("/posts/other/", "link", S).cls == "none"
    assert classify("/assets/moved.png", "image", S).cls == "none"  # already ours
    assert classify("https://elsewhere.org/pic.png", "image", S).cls == "external"
    assert classify("https://elsewhere.org/paper.pdf", "link", S).cls == "none"  # other sites' links
    assert classify("#top", "link", S).cls == "none"
    assert classify("mailto:a@b.c", "link", S).cls == "none"
    assert classify("data:image/png;base64,AAAA", "image", S).cls == "none"
    assert classify("//cdn.example.net/x.png", "image", S).fetch == "https://cdn.example.net/x.png"
    no_base = AssetSettings.from_config({"hosts": []})
    assert classify("/attachments/x.pdf", "link", no_base) == classify("/attachments/x.pdf", "link", no_base)
    assert classify("/attachments/x.pdf", "link", no_base).fetch == ""


def test_inventory_lists_pages_and_lines() -> None:
    inv = Inventory(S)
    inv.add("a.md", scan("x\n\n![p](https://cdn.example.net/p.png)\n"), first_line=10)
    inv.add("b.md", scan("[p](https://cdn.example.net/p.png) [q](https://elsewhere.org/q.pdf)"))
    (asset,) = inv.sorted()
    assert asset.kind == "image" and asset.pages == ["a.md", "b.md"]
    assert [(u.page, u.line, u.kind) for u in asset.uses] == [("a.md", 12, "image"), ("b.md", 1, "link")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="![]()<>`~ \n\"'\\=/ahimgsrcef.:", max_size=200))
def test_scan_never_crashes_and_offsets_stay_inside(text: str) -> None:
    for ref in scan(text):
        assert 0 <= ref.start <= ref.end <= len(text)


def test_scan_is_linear_on_hostile_input() -> None:
    for text in ("[" * 50_000, "![a](" * 20_000, "`" * 30_000 + "x", "<img src=" * 20_000, "](" * 40_000):
        scan(text)  # would not finish if quadratic


def test_sized_images_become_figures_or_img() -> None:
    from migrate.assets.rewrite import rewrite, source_sizes

    source = (
        '<img src="/a.png" width="300" alt="x"> <img src="/b.png" width=40 height="20px" title="t">\n'
        "{img src=/c.png width=90}"
    )
    text = '![A "quoted" alt](/a.png) ![b](/b.png "t") ![c](/c.png) ![again](/a.png)'
    refs = scan(text)
    moved = {"/a.png": "/assets/a.png"}
    out = rewrite(text, refs, moved, source_sizes(source), "figure")
    assert out == (
        '{{< figure src="/assets/a.png" alt="A \\"quoted\\" alt" width="300" >}} '
        '<img src="/b.png" alt="b" title="t" width="40" height="20"> '
        '{{< figure src="/c.png" alt="c" width="90" >}} ![again](/assets/a.png)'
    )
    assert rewrite(text, refs, moved, source_sizes(source), "none") == text.replace("](/a.png", "](/assets/a.png")
