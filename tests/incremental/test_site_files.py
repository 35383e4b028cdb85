"""The site's own files (skeleton, legacy-URL stubs, redirect maps) are tracked in the manifest like pages:
reused when unchanged, a hand edit kept, stale (and pruned) when no longer made, a user's file never touched."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import load_report, run_cli

from .pages import page, write_pages


def _convert(tmp: Path, *extra: str):  # type: ignore[no-untyped-def]
    run = run_cli(tmp, "in", "out", "--report", "report.json", "-j", "1", *extra)
    return run, load_report(tmp / "report.json")


def _manifest(out: Path) -> dict[str, dict[str, str]]:
    return json.loads((out / ".migrate/manifest.json").read_text(encoding="utf-8"))["files"]  # type: ignore[no-any-return]


def _with_alias(slug: str, alias: str) -> str:
    front = {"title": slug.title(), "slug": slug, "date": "2021-03-04", "aliases": [alias]}
    return json.dumps(front) + "\n\nSome words.\n"


def test_eleventy_stubs_are_ours_kept_when_edited_and_pruned_when_their_alias_goes(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", {"a.md": _with_alias("alpha", "/Old+Alpha"), "b.md": _with_alias("beta", "/Old+Beta")})
    run, _ = _convert(tmp_path, "--target", "eleventy")
    assert run.code == 0
    files = _manifest(tmp_path / "out")
    stubs = sorted(rel for rel, e in files.items() if e["source"] == "(site)" and rel.startswith("public/"))
    assert len(stubs) >= 2 and all(rel.endswith(".html") for rel in stubs)  # one or more spellings an alias
    alpha_stub = next(rel for rel in stubs if "Alpha" in rel)
    # reused: nothing rewritten
    mtimes = {rel: (tmp_path / "out" / rel).stat().st_mtime_ns for rel in stubs}
    run, report = _convert(tmp_path, "--target", "eleventy")
    assert {rel: (tmp_path / "out" / rel).stat().st_mtime_ns for rel in stubs} == mtimes
    # a hand edit is kept and reported; its alias gone: stale, and --prune keeps the edited one
    edited = tmp_path / "out" / alpha_stub
    edited.write_text("<p>my own redirect page</p>\n", encoding="utf-8")
    run, report = _convert(tmp_path, "--target", "eleventy")
    assert edited.read_text(encoding="utf-8") == "<p>my own redirect page</p>\n"
    assert alpha_stub in report["summary"]["outputs"]["hand_edited"]
    warned = [m["file"] for m in run.diagnostics("warning") if m["code"] == "write.hand-edited"]
    assert warned == [f"out/{alpha_stub}"]
    write_pages(tmp_path / "in", {"a.md": page("alpha", "Alpha"), "b.md": page("beta", "Beta")})
    run, report = _convert(tmp_path, "--target", "eleventy", "--prune")
    assert report["summary"]["outputs"]["pruned"] == [rel for rel in stubs if rel != alpha_stub]
    assert report["summary"]["outputs"]["stale"] == [alpha_stub]  # edited by hand: kept
    assert edited.exists() and not any((tmp_path / "out" / rel).exists() for rel in stubs if rel != alpha_stub)
    assert "the site no longer needs it" in run.stderr


def test_hugo_skeleton_is_tracked_a_user_edit_is_kept_quietly_and_an_unused_template_is_stale(tmp_path: Path) -> None:
    with_shortcode = page("alpha", "Alpha", "Before.\n\n{{< toc >}}\n\n{{< gallery >}}\n\nAfter.")
    write_pages(tmp_path / "in", {"a.md": with_shortcode})
    run, _ = _convert(tmp_path)
    files = _manifest(tmp_path / "out")
    skeleton = sorted(rel for rel, e in files.items() if e["source"] == "(site)")
    assert "hugo.toml" in skeleton and "layouts/_default/single.html" in skeleton
    templates = [rel for rel in skeleton if rel.startswith("layouts/shortcodes/")]
    assert templates, skeleton
    # people are meant to edit the skeleton: kept, and nothing said while ours would be the same
    config = tmp_path / "out/hugo.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# my setting\n", encoding="utf-8")
    run, report = _convert(tmp_path)
    assert "# my setting" in config.read_text(encoding="utf-8")
    assert "write.hand-edited" not in run.stderr and report["summary"]["outputs"]["hand_edited"] == []
    # the shortcode gone from every page: its template is stale, --prune deletes it; the edited config stays
    write_pages(tmp_path / "in", {"a.md": page("alpha", "Alpha", "No shortcodes now.")})
    run, report = _convert(tmp_path, "--prune")
    assert report["summary"]["outputs"]["pruned"] == templates
    assert not any((tmp_path / "out" / rel).exists() for rel in templates)
    assert "# my setting" in config.read_text(encoding="utf-8")


def test_a_users_own_config_is_never_touched_nor_tracked(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", {"a.md": page("alpha", "Alpha")})
    (tmp_path / "out").mkdir()
    (tmp_path / "out/config.yaml").write_text("title: mine\n", encoding="utf-8")
    (tmp_path / "out/layouts/_default").mkdir(parents=True)
    (tmp_path / "out/layouts/_default/single.html").write_text("mine\n", encoding="utf-8")
    for _ in range(2):
        run, _ = _convert(tmp_path, "--prune", "--overwrite")
        assert run.code == 0
        files = _manifest(tmp_path / "out")
        assert "config.yaml" not in files and "hugo.toml" not in files  # theirs: no config of ours
        assert "layouts/_default/single.html" not in files
        assert (tmp_path / "out/layouts/_default/single.html").read_text(encoding="utf-8") == "mine\n"
        assert not (tmp_path / "out/hugo.toml").exists()


def test_redirect_maps_are_tracked_and_a_hand_edit_is_kept(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", {"a.md": _with_alias("alpha", "/Old+Alpha")})
    _convert(tmp_path, "--redirects", "nginx")
    files = _manifest(tmp_path / "out")
    maps = [rel for rel, e in files.items() if e["source"] == "(site)" and "nginx" in rel]
    assert maps, sorted(files)
    target = tmp_path / "out" / maps[0]
    target.write_text(target.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    _, report = _convert(tmp_path, "--redirects", "nginx")
    assert target.read_text(encoding="utf-8").endswith("# mine\n")
    assert maps[0] in report["summary"]["outputs"]["hand_edited"]
    _convert(tmp_path, "--redirects", "nginx", "--overwrite")
    assert not target.read_text(encoding="utf-8").endswith("# mine\n")
