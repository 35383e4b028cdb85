"""Each target's routing, front matter, body dialect and skeleton, without building (fast)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.frontmatter import read_text
from migrate.targets import TARGETS, get_target
from migrate.targets.shortcodes import names, translate
from tests.cli.helpers import run_cli

PAGE = """{"title": "Pea shoots", "slug": "pea-shoots", "date": "2018-04-09",
 "aliases": ["/Pea+shoots", "/Pea%20shoots%20%E2%80%93%20indoors", "/77"], "tags": ["greens"]}

{{< toc >}}

## Sowing

Sow densely. Code keeps braces: `{{< toc >}}`.

{{% notice tip %}}
Soak the peas **overnight**.
{{% /notice %}}

{{< figure src="/img/peas.jpg" caption="Shoots on day 9" >}}

{{< gallery dir="x" >}}
"""


def _page(text: str = PAGE, target: str = "hugo"):  # type: ignore[no-untyped-def]
    page = read_text(text, Path("pea.md"), "in/pea.md")
    get_target(target).route(page)  # type: ignore[arg-type]
    return page


@pytest.mark.parametrize(
    ("target", "path"),
    [
        ("hugo", "content/posts/pea-shoots.md"),
        ("jekyll", "_posts/2018-04-09-pea-shoots.md"),
        ("eleventy", "posts/pea-shoots.md"),
        ("astro", "src/content/posts/pea-shoots.md"),
    ],
)
def test_route(target: str, path: str) -> None:
    page = _page(target=target)
    assert (page.output_path, page.url) == (path, "/posts/pea-shoots/")  # type: ignore[union-attr]


def test_jekyll_page_without_a_date_is_a_plain_page() -> None:
    page = _page(PAGE.replace(' "date": "2018-04-09",', ""), "jekyll")
    assert page.output_path == "posts/pea-shoots.md"  # type: ignore[union-attr]


def test_front_matter_per_target() -> None:
    hugo = get_target("hugo").front_matter(_page())  # type: ignore[arg-type]
    assert hugo["aliases"] == ["/Pea+shoots", "/Pea shoots – indoors", "/77"]
    jekyll = get_target("jekyll").front_matter(_page(target="jekyll"))  # type: ignore[arg-type]
    assert jekyll["permalink"] == "/posts/pea-shoots/" and jekyll["render_with_liquid"] is False
    assert jekyll["redirect_from"][0] == "/Pea+shoots" and "aliases" not in jekyll and jekyll["layout"] == "post"
    eleventy = get_target("eleventy").front_matter(_page(target="eleventy"))  # type: ignore[arg-type]
    assert eleventy["templateEngineOverride"] == "md" and eleventy["permalink"] == "/posts/pea-shoots/"
    assert list(get_target("astro").front_matter(_page(target="astro")))[:3] == ["title", "slug", "date"]  # type: ignore[arg-type]


def test_shortcodes_are_translated_and_every_one_reported() -> None:
    body = PAGE.split("\n\n", 1)[1]
    assert names(body) == {"toc", "notice", "figure", "gallery"}
    out, changes = translate(body, "* TOC\n{:toc}", "jekyll")
    assert out.startswith("* TOC\n{:toc}\n")
    assert "`{{< toc >}}`" in out  # code is left alone
    assert '<div class="notice notice-tip" markdown="1">\n\n\nSoak the peas **overnight**.\n\n\n</div>' in out
    assert (
        '<figure><img src="/img/peas.jpg" alt="Shoots on day 9"><figcaption>Shoots on day 9</figcaption></figure>'
        in out
    )
    assert '{{< gallery dir="x" >}}' in out
    assert [c[1] for c in changes] == ["target.shortcode"] * 3 + ["target.shortcode-left"]


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_skeleton_is_written_once_and_never_over_a_users_file(tmp_path: Path, target: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pea.md").write_text(PAGE, encoding="utf-8")
    cms = get_target(target)
    config = cms.config_names[0]  # type: ignore[attr-defined]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / config).write_text("# mine\n", encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "--target", target)
    assert run.code == 0, run.stderr
    assert (tmp_path / "out" / config).read_text(encoding="utf-8") == "# mine\n"
    written = set(cms.skeleton({"toc", "notice"})) - set(cms.config_names)  # type: ignore[attr-defined]
    assert written and all((tmp_path / "out" / rel).is_file() for rel in written)


def test_no_skeleton(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pea.md").write_text(PAGE, encoding="utf-8")
    assert run_cli(tmp_path, "in", "out", "--no-skeleton").code == 0
    out = tmp_path / "out"
    # .migrate/ holds the re-run state (manifest, cache): never published
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".migrate" not in p.parts}
    assert files == {"content/posts/pea-shoots.md"}


@pytest.mark.parametrize(("target", "static"), [("hugo", "static"), ("jekyll", ""), ("eleventy", "public")])
def test_served_redirect_files_go_to_the_static_folder(tmp_path: Path, target: str, static: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pea.md").write_text(PAGE, encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "--target", target, "--redirects", "netlify,nginx", "--no-skeleton")
    assert run.code == 0, run.stderr
    out = tmp_path / "out"
    assert (out / static / "_redirects").is_file()
    assert (out / "redirects" / "nginx.conf").is_file()
    assert not (out / "static").exists() or static == "static"
