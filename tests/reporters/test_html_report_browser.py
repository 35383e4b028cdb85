"""The HTML report opened in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Checks what a person sees: the summary's figures are the JSON report's, the page table filters,
a page that lost a word shows it highlighted, and no script of a wiki page runs in the report.
A screenshot of the summary page is kept as a test artifact.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .samples import LOSS_PAGE, LOST_WORD, REPO, lose_a_word, migrate, write_pages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is a test extra")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/apt-packages.txt)")

FLAGS = [
    "--headless",
    "--no-sandbox",  # we run as root in CI
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("MIGRATE_TEST_ARTIFACTS") or REPO / "test-artifacts")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Our sample pages converted, one output page then robbed of a word, the HTML report made from that."""
    cwd = tmp_path_factory.mktemp("run")
    write_pages(cwd / "wiki")
    done = migrate(cwd, "convert", "wiki", "out", "--report", "report.json", "--html-report", "first-html")
    assert done.returncode == 0, done.stderr
    assert (cwd / "first-html" / "index.html").is_file()
    report = lose_a_word(cwd, cwd / "report.json")
    done = migrate(cwd, "report", "report.json", "--html", "html")
    assert done.returncode == 0, done.stderr
    return cwd / "html", report


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    # the report must work with no network at all: refuse everything that is not a file
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.errors.append("dialog: " + d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_summary_figures_are_the_json_reports(site: tuple[Path, dict[str, Any]], page: Any) -> None:
    html, report = site
    page.goto((html / "index.html").as_uri())
    summary = report["summary"]
    shown = {
        el.get_attribute("data-total"): int(el.inner_text().split("\n")[0].replace(",", ""))
        for el in page.locator("[data-total]").all()
    }
    lost = summary["audit_lost"]
    expected = {k: summary[k] for k in ("pages", "converted", "failed", "with_warnings", "errors", "warnings")}
    expected |= {"infos": summary["infos"], "kept_html_total": summary["kept_html_total"]}
    expected |= {"lost_words": lost["words"], "lost_links": lost["links"], "lost_images": lost["images"]}
    assert shown == expected
    groups = page.locator("[data-need]").all()
    needs = {e.get_attribute("data-need"): int(e.get_attribute("data-count")) for e in groups}
    assert needs["audit"] == 1 and needs["wikilinks"] == 1 and needs["kept-live"] >= 1 and needs["errors"] == 0
    # "needs a person" comes before the charts and the bulk notes
    order = page.evaluate(
        "['.needs', '.charts', '.bulk-notes'].map(s => document.querySelector(s).getBoundingClientRect().top)"
    )
    assert order == sorted(order)
    # the charts were drawn by the bundled Chart.js, with the report's numbers
    drawn = page.evaluate("Chart.getChart('chart-status').data.datasets[0].data")
    statuses = [sum(e["status"] == s for e in report["pages"]) for s in ("ok", "warning", "error")]
    assert drawn == statuses
    codes = page.evaluate(
        "(() => { const c = Chart.getChart('chart-codes'); return Object.fromEntries("
        "c.data.labels.map((l, i) => [l, c.data.datasets[0].data[i]])); })()"
    )
    assert codes == summary["codes"]
    # the slowest pages, from the report's per-page times
    slow = page.evaluate("Chart.getChart('chart-slow').data.datasets[0].data")
    timed = sorted((e["seconds"] for e in report["pages"]), reverse=True)
    assert len(slow) == len(timed)
    assert all(abs(ms - s * 1000) <= 0.5 for ms, s in zip(slow, timed, strict=True))  # whole milliseconds
    # each code links to its entry in docs/diagnostics.md
    href = page.locator("a.code").first.get_attribute("href")
    assert href.endswith("diagnostics.md#" + page.locator("a.code").first.inner_text())
    assert page.errors == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report-summary.png"), full_page=True)


def test_page_table_sorts_and_filters(site: tuple[Path, dict[str, Any]], page: Any) -> None:
    html, report = site
    page.goto((html / "pages.html").as_uri())
    rows = page.locator("#pages tbody tr")
    assert rows.count() == len(report["pages"])
    warned = sorted(e["source"] for e in report["pages"] if e["status"] == "warning")
    page.select_option("#f-status", "warning")
    assert sorted(rows.locator("td:first-child").all_inner_texts()) == warned
    page.select_option("#f-status", "")
    page.select_option("#f-code", "body.wikilink")
    assert rows.locator("td:first-child").all_inner_texts() == ["wiki/garden-notes.md"]
    page.select_option("#f-code", "")
    page.select_option("#f-loss", "words")
    assert rows.locator("td:first-child").all_inner_texts() == [f"wiki/{LOSS_PAGE}"]
    assert "loss=words" in page.url  # a filtered view is a link one can share
    page.select_option("#f-loss", "")
    page.select_option("#f-kept", "form")
    assert rows.locator("td:first-child").all_inner_texts() == ["wiki/contact-form.md"]
    page.select_option("#f-kept", "")
    page.fill("#f-text", "compost")
    assert rows.locator("td:first-child").all_inner_texts() == ["wiki/compost-basics.md"]
    page.fill("#f-text", "")
    page.click("th[data-sort=s]")  # sorted by source already: a click reverses
    backwards = sorted((e["source"] for e in report["pages"]), reverse=True)
    assert rows.locator("td:first-child").all_inner_texts() == backwards
    # a link from the summary opens the table already filtered
    page.goto((html / "pages.html").as_uri() + "#code=body.wikilink")
    assert rows.count() == 1
    assert page.errors == []


def test_a_lost_word_is_highlighted(site: tuple[Path, dict[str, Any]], page: Any) -> None:
    html, _ = site
    page.goto((html / "pages.html").as_uri() + "#loss=words")
    with page.expect_navigation(wait_until="load"):  # the report page's own script has run by its load event
        page.click("#pages tbody a")
    assert page.locator("#src-view mark.lost").all_inner_texts() == [LOST_WORD]
    assert page.locator("#out-view mark.added").count() == 0
    assert page.locator("#diffstat").get_attribute("data-lost-words") == "1"
    assert LOST_WORD in page.locator("ul.losses").inner_text()
    # the diagnostic links to its line of the source
    page.click("table.diags a[href='#L8']")
    line = page.locator("#L8")
    assert "zebra marking" in line.inner_text() and "hit" in (line.get_attribute("class") or "")
    assert page.errors == []


def test_no_script_of_a_wiki_page_runs(site: tuple[Path, dict[str, Any]], page: Any) -> None:
    html, _ = site
    page.goto((html / "p" / "wiki-contact-form-md.html").as_uri())
    assert page.evaluate("window.__ranPageScript === undefined")
    assert page.locator(".rendered script, .rendered [onerror]").count() == 0
    # the kept form is shown (inert) so a person can judge it
    assert page.locator("#out-view form input[name=email]").count() == 1
    assert page.errors == []


def test_report_json_is_the_input(site: tuple[Path, dict[str, Any]]) -> None:
    html, report = site
    data = (html / "assets" / "data.js").read_text(encoding="utf-8")
    payload = json.loads(data.removeprefix("window.MIGRATE_REPORT=").rstrip().removesuffix(";"))
    assert payload["summary"] == report["summary"]
    assert [p["s"] for p in payload["pages"]] == [e["source"] for e in report["pages"]]


@pytest.fixture(scope="module")
def render(site: tuple[Path, dict[str, Any]], browser: Any) -> Iterator[Any]:
    """``render(markdown, prefix)``: the HTML a report page shows for a side (its own render.js, in Chromium)."""
    html, _ = site
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    pg = context.new_page()
    pg.goto((html / "p" / "wiki-contact-form-md.html").as_uri())
    yield lambda text, prefix="src-": pg.evaluate("([t, p]) => MigrateRender.render(t, p)", [text, prefix])
    context.close()


def test_markdown_is_rendered_like_the_target(render: Any) -> None:
    html = render("a | b\n--|--\n1 | 2\n\n~~gone~~ and a note[^1]\n\n[^1]: the note\n", "out-")
    assert "<table>" in html and "<td>2</td>" in html
    assert "<s>gone</s>" in html or "<del>gone</del>" in html
    assert "the note" in html and 'id="out-fn1"' in html and 'href="#out-fn1"' in html


def test_no_script_survives(render: Any) -> None:
    hostile = (
        "<script>alert(1)</script><img src=x onerror=alert(2)>"
        '<a href="javascript:alert(3)">x</a><p onclick="alert(4)">p</p><style>body{display:none}</style>'
        '<iframe src="https://video.example.org/embed/1" srcdoc="<b>x</b>"></iframe>'
        '<p class="lost" style="position:fixed">a page cannot fake a highlight</p>'
    )
    html = render(hostile)
    for bad in ("<script", "onerror", "javascript:", "onclick", "<style", "alert(1)", "srcdoc", "class=", "style="):
        assert bad not in html
    assert 'sandbox=""' in html  # an iframe is shown, but sandboxed


def test_ids_of_the_two_sides_never_clash(render: Any) -> None:
    assert 'id="src-L1"' in render('<p id="L1">x</p>', "src-")


_PIECES = [
    "<script>", "</script>", "<img src=x onerror=", "javascript:", "<a href=", "[x](", ")", "\n\n", "<", ">",
    '"', "'", "<iframe", "<svg onload=", "<style>", "`", "*", "# ", "| a |", "word", "<math>", "<noscript>",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_nothing_live_comes_out_of_any_input(render: Any, text: str) -> None:
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

    Live().feed(render(text))
    assert live == []
