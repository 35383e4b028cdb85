"""Nothing in a converted body is live on the new site unless it was live in the source.

Each case is a tiny page of our own, converted through the CLI and built with the real Hugo, in its
default (safe) Markdown mode and with raw HTML switched on (``unsafe = true``), which is what a site
that keeps our kept HTML needs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import hugo_build, live_things, migrate, page

CASES = {
    "shortcode-entities": "A &#123;&#123;&lt; param secret &gt;&#125;&#125; B\n\n"
    "C &#123;&#123;% param secret %&#125;&#125; D\n\n<code>&#123;&#123;% param secret %&#125;&#125;</code>\n",
    "js-entity": '<a href="&#74;avascript:alert(2)">named</a>\n',
    "js-control": '<a href="&#x1F;JAVASCRIPT:alert(1)">controlled</a>\n',
    "js-newline": '<a href="java&#x0A;script:alert(1)">split</a>\n',
    "vbscript": '<a href="vbscript:msgbox(1)">vb</a> and [md](vbscript:x)\n',
    "data-html": '<a href="data:text/html,<script>alert(1)</script>">data</a> ![pic](data:text/html,x)\n',
    "markdown-js": "[click](javascript:alert(1)) and <javascript:alert(2)>\n",
    "xmp": "<xmp><script>alert(1)</script></xmp>\n",
    "xmp-block": "Intro.\n\n<xmp>\n<script>alert(1)</script>\n</xmp>\n",
    "plaintext": "<plaintext><script>alert(1)</script>\n",
    "noembed": "<noembed><img src=x onerror=alert(1)></noembed>\n",
    "textarea": "<textarea><script>alert(1)</script></textarea>\n",
    "handlers": '<table><tr><td colspan="2" onclick="alert(1)">a</td></tr>'
    '<tr><td onmouseover="x()">b</td><td>c</td></tr></table>\n',
    "svg-script": '<svg><script>alert(1)</script></svg>\n\n<math><mi xlink:href="javascript:alert(1)">x</mi></math>\n',
    "object-embed": '<object data="x.swf"></object>\n\n<embed src="x.swf">\n',
    "iframe-srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;" src="https://example.org/v"></iframe>\n',
    "form-action": '<form action="javascript:alert(1)"><input type="text" name="q"></form>\n',
    "style-expression": '<table><tr><td colspan="2" style="width: expression(alert(1))">a</td></tr>'
    '<tr><td style="background: url(javascript:alert(1))">b</td><td>c</td></tr></table>\n',
    "script": "Before.\n\n<script>alert(1)</script>\n\nAfter.\n",
    "inline-handler": 'Text <abbr title="t" onmouseover="alert(1)">abbr</abbr> more.\n',
}


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("body")
    for name, body in CASES.items():
        page(tmp / "in", name, body)
    run = migrate(tmp, "convert", "in", "out", "--report", "report.json")
    return tmp, run.stderr


@pytest.fixture(scope="module", params=[False, True], ids=["hugo-safe", "hugo-unsafe"])
def built(request: pytest.FixtureRequest, converted: tuple[Path, str]) -> dict[str, str]:
    tmp, _ = converted
    return hugo_build(tmp / "out" / "content", tmp / f"site-{request.param}", unsafe=request.param)


@pytest.mark.parametrize("name", list(CASES))
def test_nothing_live_in_the_built_page(name: str, built: dict[str, str]) -> None:
    html = built[f"posts/{name}/index.html"]
    assert live_things(html) == [], html
    assert "HUGO-SECRET-PARAM" not in html


def test_shortcodes_spelled_by_entities_show_as_text(built: dict[str, str]) -> None:
    html = built["posts/shortcode-entities/index.html"]
    assert "param secret" in html and "HUGO-SECRET-PARAM" not in html


@pytest.mark.parametrize("name", ["js-entity", "js-control", "js-newline", "vbscript", "data-html", "markdown-js"])
def test_unsafe_url_keeps_its_label_and_is_reported(name: str, converted: tuple[Path, str]) -> None:
    tmp, stderr = converted
    text = (tmp / "out" / "content" / "posts" / f"{name}.md").read_text()
    label = {"js-entity": "named", "js-control": "controlled", "js-newline": "split", "vbscript": "vb"}.get(name)
    if label:
        assert label in text
    # the URL may stay as words, never as a link destination or an autolink
    assert not re.search(r"\]\([^)]*(?:script|data):|<(?:java|vb)script:|href=", text, re.I), text
    lines = [line for line in stderr.splitlines() if f"{name}.md:" in line and "[body.unsafe-url]" in line]
    assert lines and all(line.split(":")[1] == "3" for line in lines), stderr  # the body's first line is line 3


@pytest.mark.parametrize("name", ["xmp", "xmp-block", "plaintext", "noembed", "textarea"])
def test_raw_text_content_stays_text(name: str, built: dict[str, str]) -> None:
    html = built[f"posts/{name}/index.html"]
    assert "<script>" not in html and "<img" not in html
    if "raw HTML omitted" not in html:  # Hugo's safe mode leaves out a kept <textarea> whole
        assert "&lt;script&gt;" in html or "&lt;img" in html


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("handlers", "onclick= on <td>"),
        ("svg-script", "<svg>"),
        ("object-embed", "<object>"),
        ("iframe-srcdoc", "srcdoc= on <iframe>"),
        ("form-action", "action= on <form>"),
        ("style-expression", "style= on <td>"),
        ("script", "<script>"),
    ],
)
def test_each_removal_from_kept_html_is_reported(name: str, what: str, converted: tuple[Path, str]) -> None:
    _, stderr = converted
    assert any(f"{name}.md:" in line and "[body.unsafe-html]" in line and what in line for line in stderr.splitlines())


def test_safe_kept_html_is_unchanged(tmp_path: Path) -> None:
    body = '<table><tr><td colspan="2" class="c">a &amp; b</td></tr><tr><td>b</td><td>c</td></tr></table>\n'
    page(tmp_path / "in", "safe", body)
    run = migrate(tmp_path, "convert", "in", "out")
    assert "unsafe" not in run.stderr
    # kept tables are written as their structure: only the data attributes stay, the text escaped as written
    written = (tmp_path / "out" / "content" / "posts" / "safe.md").read_text()
    assert '<tr><td colspan="2">a &amp; b</td></tr>\n<tr><td>b</td><td>c</td></tr>' in written, written


def test_converting_again_changes_nothing(converted: tuple[Path, str], tmp_path: Path) -> None:
    tmp, _ = converted
    first = tmp / "out" / "content" / "posts"
    again = migrate(tmp_path, "convert", str(first), "again")
    assert again.returncode in (0, 1), again.stderr
    for path in first.glob("*.md"):
        second = tmp_path / "again" / "content" / "posts" / path.name
        if second.exists():
            assert second.read_text().split("---\n", 2)[2] == path.read_text().split("---\n", 2)[2], path.name
