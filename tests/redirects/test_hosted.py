"""Hosted formats as a user meets them: html stub names that work everywhere, counts explained, -o paths."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from migrate.cli import main
from migrate.redirects import render
from migrate.redirects.rules import Options, Rule


def stub_rules() -> list[Rule]:
    return [
        Rule("/No+longer+easily+bruised:+due+to+vitamins?", None, "/posts/bruised/", written=True),
        Rule("/Plain+Page", None, "/posts/plain/", written=True),
        Rule("/plain+page", None, "/posts/other/"),
        Rule("/CON", None, "/posts/con/"),
        Rule("/aux.html", None, "/posts/aux/"),
        Rule("/Trailing.", None, "/posts/trailing/"),
        Rule("/Good+Name", None, "/posts/good/"),
    ]


def test_html_stubs_have_windows_safe_names_and_no_silent_case_clash() -> None:
    out = render("html", stub_rules(), Options())
    stubs = sorted(k for k in out.files if k.endswith("index.html"))
    assert stubs == ["static/Good+Name/index.html", "static/Plain+Page/index.html"]
    rows = {r["source"]: r["reason"] for r in csv.DictReader(io.StringIO(out.files["redirects/html-overflow.csv"]))}
    assert rows["/No+longer+easily+bruised:+due+to+vitamins%3F"] == "not a Windows-safe folder name (: ?)"
    assert "reserved device name" in rows["/CON"] and "reserved device name" in rows["/aux.html"]
    assert "ends with '.'" in rows["/Trailing."]
    assert rows["/plain+page"] == "differs only in case from /Plain+Page (one folder on Windows and macOS)"


def test_html_stubs_at_alias_paths_say_which_mechanism_must_win() -> None:
    out = render("html", stub_rules(), Options())
    (note,) = [d for d in out.diagnostics if d.code == "redirect.alias-pages"]
    assert "1 of the 2 stubs" in note.message and "disableAliases = true" in note.message


def write_site(folder: Path) -> Path:
    folder.mkdir()
    for i, name in enumerate(["Alpha Page", "Beta – Page"]):
        front = {
            "title": name,
            "slug": f"page-{i}",
            "date": "2024-01-01",
            "aliases": ["/" + name.replace(" ", "+"), f"/{100 + i}"],
            "tiki_page_id": 100 + i,
        }
        (folder / f"p{i}.md").write_text(json.dumps(front, ensure_ascii=False) + "\nBody.\n", encoding="utf-8")
    return folder


def test_output_names_the_files_written_and_explains_the_counts(tmp_path: Path) -> None:
    pages = write_site(tmp_path / "pages")
    dest = tmp_path / "site" / "static" / "_redirects"
    done = CliRunner().invoke(main, ["redirects", str(pages), "--format", "netlify", "-o", str(dest)])
    assert done.exit_code == 0, done.output
    edge = tmp_path / "site" / "netlify" / "edge-functions" / "migrate-redirects.js"
    assert dest.is_file() and edge.is_file()
    assert f"{edge}:1:1: info[redirect.edge-function]" in done.output
    assert f"written to {dest};" in done.output
    counts = next(line for line in done.output.splitlines() if line.startswith("netlify: "))
    # 4 aliases, 2 name spellings (%20), 2 x 2 tiki-index page= spellings + raw UTF-8, 2 page_id
    assert counts.startswith("netlify: 14 rules (4 aliases as written, 2 page-name spellings, ")
    assert f"{dest} holds 6 rules in _redirects" in counts and f"8 more answered by {edge}" in counts
    assert "static/_redirects" not in done.output.replace(str(dest), "")
