"""The site index behind `--site`/`--hook`: every page's claims from front matter alone, cached by size and mtime."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from migrate.validate.siteindex import SiteIndex, content_folder

from .helpers import run_validate


def page(slug: str, aliases: tuple[str, ...] = (), extra: str = "") -> str:
    listed = "".join(f"\n- {a}" for a in aliases)
    return f"---\ntitle: T {slug}\nslug: {slug}\ndate: 2024-01-01\naliases:{listed or ' []'}\n{extra}---\nBody.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / ".git").mkdir()
    content = tmp_path / "content" / "posts"
    content.mkdir(parents=True)
    for n in range(5):
        (content / f"p{n}.md").write_text(page(f"page-{n}", (f"/Page+{n}",)))
    return tmp_path


def test_index_reads_each_page_once_then_only_what_changed(site: Path) -> None:
    index = SiteIndex(site / "content", site / "cache")
    first = index.entries()
    assert index.read == 5 and sorted(e.slug for e in first) == [f"page-{n}" for n in range(5)]
    again = SiteIndex(site / "content", site / "cache")
    assert again.entries() == first and again.read == 0
    changed = site / "content" / "posts" / "p2.md"
    changed.write_text(page("renamed-page"))
    os.utime(changed, ns=(1, 1))
    third = SiteIndex(site / "content", site / "cache")
    slugs = {e.name: e.slug for e in third.entries()}
    assert third.read == 1 and slugs["content/posts/p2.md"] == "renamed-page"


def test_a_page_with_a_long_body_is_read_only_to_its_front_matter(site: Path) -> None:
    big = site / "content" / "posts" / "big.md"
    big.write_text(page("big-page", ("/Big",)) + "word " * 100_000 + "\n{ not front matter\n")
    entries = {e.name: e for e in SiteIndex(site / "content").entries()}
    assert entries["content/posts/big.md"].aliases == (("/Big", 6, 3),)


def test_content_folder_is_found_from_the_repository_root(site: Path) -> None:
    assert content_folder(None, site / "content" / "posts") == site / "content"
    assert content_folder(site / "elsewhere", site) == site / "elsewhere"


def test_site_option_reports_the_clash_on_the_file_checked(site: Path) -> None:
    (site / "new.md").write_text(page("page-3", ("/Page+1", "/posts/page-4/")))
    done = run_validate("--site", "content", "new.md")
    assert done.exit_code == 1
    lines = done.output.splitlines()
    assert lines[:3] == [
        "new.md:3:7: error[schema.duplicate-slug] slug 'page-3' is already used by content/posts/p3.md:3:7",
        "new.md:6:3: error[schema.duplicate-alias] alias '/Page+1' is also claimed by content/posts/p1.md:6:3",
        "new.md:7:3: error[schema.alias-is-url] alias '/posts/page-4/' is the URL of another page, "
        "content/posts/p4.md:3:7; the redirect would hide it",
    ]


def test_a_site_alias_onto_the_new_page_url_is_reported_on_the_new_page(site: Path) -> None:
    (site / "content" / "posts" / "p0.md").write_text(page("page-0", ("/posts/fresh/",)))
    (site / "content" / "posts" / "fresh.md").write_text(page("fresh"))
    done = run_validate("--hook", "content/posts/fresh.md")
    assert done.exit_code == 1
    assert done.output.startswith(
        "content/posts/fresh.md:3:7: error[schema.alias-is-url] slug 'fresh' gives the URL /posts/fresh/, "
        "which content/posts/p0.md:6:3 lists as an alias"
    )


def test_hook_leaves_files_outside_the_content_folder_alone(site: Path) -> None:
    (site / "README.md").write_text("# No front matter\n")
    done = run_validate("--hook", "README.md", "content/posts/p1.md")
    assert done.exit_code == 0, done.output
    assert "1 file" in done.output


@pytest.mark.parametrize("name", ["hugo", "page"])
def test_bundled_schemas_are_chosen_by_name(site: Path, name: str) -> None:
    (site / "draft.md").write_text(page("draft-page", extra="draft: true\n"))
    done = run_validate("--schema", name, "draft.md")
    if name == "hugo":
        assert done.exit_code == 0, done.output
    else:
        assert "error[schema.unknown-key] unknown key 'draft'" in done.output


def test_an_unknown_schema_name_lists_the_bundled_ones(site: Path) -> None:
    done = run_validate("--schema", "hugoo", "content")
    assert done.exit_code == 2
    assert "hugoo: no such schema file, nor a bundled schema (use one of: " in done.output
    names = done.output.split("use one of: ")[1].split(")")[0].split(", ")
    assert {"hugo", "page"} <= set(names) and "report" not in names and "config" not in names
