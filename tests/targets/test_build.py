"""The written site works in the real CMS: every page at its URL with its title and full text, no
"raw HTML omitted", every legacy URL reaching its page, and no broken internal link the report did
not list. Parametrized over every target; each site is converted and built once."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from migrate.links.site_check import broken_links, reaches, unlisted
from migrate.targets import TARGETS

from .builders import TARGET_NAMES, convert_and_build


def test_every_target_is_tested() -> None:
    assert set(TARGET_NAMES) == set(TARGETS)


@pytest.fixture(scope="module", params=TARGET_NAMES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp(request.param)
    _, built, report = convert_and_build(request.param, work)
    return request.param, work / "in", built, report


class _Text(HTMLParser):
    """The text a reader sees in the page's <main> (no scripts, styles or head)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        elif tag in ("script", "style", "template"):
            self.hidden += 1
        elif tag == "img" and self.depth > 0:
            self.parts.append(" " + (dict(attrs).get("alt") or "") + " ")  # alt text is what a reader gets
        elif tag in ("p", "li", "td", "th", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        elif tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and not self.hidden:
            self.parts.append(data)


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def _markdown_words(markdown: str) -> Counter[str]:
    """The words a reader of the written Markdown sees, rendered by mistune's own HTML renderer
    (shortcode markers left out: the CMS replaces them)."""
    import mistune

    markdown = re.sub(r"\{\{[<%].*?[>%]\}\}", " ", markdown)
    markdown = markdown.replace("* TOC\n{:toc}", " ")  # kramdown's table of contents marker (jekyll)
    parser = _Text()
    parser.depth = 1
    parser.feed(str(mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "footnotes"])(markdown)))
    return _words(" ".join(parser.parts))


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def _written(report: dict) -> list[dict]:  # type: ignore[type-arg]
    pages = [e for e in report["pages"] if e["output"]]
    assert len(pages) >= 32
    return pages


def test_every_page_is_at_its_url_with_title_and_full_text(site) -> None:  # type: ignore[no-untyped-def]
    target, src, built, report = site  # noqa: RUF059
    for entry in _written(report):
        page = built / entry["url"].strip("/") / "index.html"
        assert page.is_file(), f"{target}: {entry['source']} is not at {entry['url']}"
        text = page.read_text(encoding="utf-8")
        parser = _Text()
        parser.feed(text)
        seen = _words(" ".join(parser.parts))
        source = Path(entry["output"])
        front = source.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        title = next(line[7:] for line in front.splitlines() if line.startswith("title: "))
        title = title.strip("'\"").replace("''", "'")
        assert re.search(
            r"<h1>\s*" + re.escape(html.escape(title, quote=False)).replace("'", "(?:'|&#39;|&#x27;|’)"), text
        ) or (_words(title) <= seen), f"{target}: {entry['url']} does not show its title {title!r}"
        missing = _markdown_words(_body(source)) - seen
        assert not missing, f"{target}: {entry['url']} lacks words of its text: {sorted(missing)[:20]}"


def test_no_raw_html_omitted(site) -> None:  # type: ignore[no-untyped-def]
    target, src, built, report = site  # noqa: RUF059
    for f in built.rglob("*.html"):
        assert "raw HTML omitted" not in f.read_text(encoding="utf-8", errors="replace"), f"{target}: {f}"


def test_every_legacy_url_reaches_its_page(site) -> None:  # type: ignore[no-untyped-def]
    target, src, built, report = site
    checked = 0
    for entry in _written(report):
        source = src / Path(entry["source"]).name
        for alias in _aliases(source):
            if "?" in alias:
                continue  # a query string needs a server map (migrate redirects)
            path = unquote(alias)
            assert reaches(built, alias), f"{target}: legacy URL {alias} of {source.name} reaches nothing"
            stub = built / path.lstrip("/")
            stub = stub / "index.html" if (stub / "index.html").is_file() else stub.with_suffix(".html")
            assert entry["url"] in stub.read_text(encoding="utf-8"), (
                f"{target}: {alias} does not lead to {entry['url']}"
            )
            checked += 1
    assert checked >= 60


def _aliases(source: Path) -> list[str]:
    """The legacy URLs of a page as its source names them."""
    from migrate.sources import read_page

    page = read_page(source, source.name)
    return [a for a in page.meta.get("aliases") or [] if isinstance(a, str)]  # type: ignore[union-attr]


def test_no_broken_internal_link_the_report_did_not_list(site) -> None:  # type: ignore[no-untyped-def]
    target, src, built, report = site  # noqa: RUF059
    broken = broken_links(built)
    assert not unlisted(broken, report), f"{target}: broken links missing from the report"
    # the test page's own broken links are there, and listed
    urls = {u for _, u in broken}
    assert {"/posts/a-page-that-was-never-exported", "/tags/no-such-tag-anywhere.html"} <= urls
    listed = {b["url"] for b in report["broken_links"]}
    assert {"/posts/a-page-that-was-never-exported", "/tags/no-such-tag-anywhere.html"} <= listed


def test_links_within_the_batch_are_rewritten(site) -> None:  # type: ignore[no-untyped-def]
    target, src, built, report = site  # noqa: RUF059
    page = built / "posts" / "links-of-every-kind" / "index.html"
    text = page.read_text(encoding="utf-8")
    # the exporter's address reaches the page as written and stays; the Tiki address is rewritten
    assert text.count('href="/posts/the-gardeners-guide-to-sunlight-hours/"') == 1
    assert text.count('href="/posts/the-gardeners-guide-to-sunlight-hours"') == 1
    assert 'href="/posts/zinc-in-pumpkin-seeds/"' in text
    # a notice shows its Markdown
    assert 'href="/posts/soil-ph-and-blueberry-yield"' in text and "<strong>bold</strong>" in text
    assert 'href="https://example.org/soil"' in text and "an example site" in text
    assert "{{" not in text and "{%" not in text
    assert json.dumps(report["broken_links"])
