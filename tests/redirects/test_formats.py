"""Hosted and plain formats parsed back per their documented syntax; limits; writing beside the output."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main
from migrate.config import Config
from migrate.page import FrontMatter, Page
from migrate.redirects import FORMATS, options, page_rules, render, write_for_convert
from migrate.redirects.rules import Rule

from .samples import load, write_pages


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    return load(write_pages(tmp_path_factory.mktemp("pages") / "in"))


def many(n: int) -> list[Page]:
    """n pages with one Tiki alias each (no files needed)."""
    out = []
    for i in range(n):
        page = Page(Path(f"p{i}.md"), f"p{i}.md", FrontMatter({"aliases": [f"/Page+{i}+–+x"]}, "json"), "", 1)
        page.url = f"/posts/p{i}/"
        page.will_write = True
        from migrate.redirects.rules import Options, derive

        page.redirects = derive(page, Options(tiki_index=False)).rules
        out.append(page)
    return out


def parse_redirects_file(text: str) -> list[tuple[str, str, int]]:
    """Netlify/Cloudflare Pages `_redirects`: `from to [status]`, '#' comments, whitespace separated."""
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split()
        assert len(fields) == 3, line
        src, dst, status = fields
        assert src.startswith("/") and src.isascii() and "?" not in src and "*" not in src
        assert not any(seg.startswith(":") for seg in src.split("/"))
        # Netlify's "301!" forces the rule over an existing file (Hugo's alias page at the same path)
        rows.append((src, dst, int(status.rstrip("!"))))
    return rows


@pytest.mark.parametrize(("fmt", "limit"), [("netlify", 10_000), ("cloudflare-pages", 2_000)])
def test_redirects_file_syntax_and_limit(fmt: str, limit: int, pages: list[Page]) -> None:
    opts, _ = options(Config())
    out = render(fmt, page_rules(pages), opts)
    rows = parse_redirects_file(out.files["static/_redirects"])
    path_rules = [r for r in page_rules(pages) if r.query is None]
    assert sorted(rows) == sorted((r.source(), r.target, 301) for r in path_rules)
    forced = out.files["static/_redirects"].splitlines()[1].endswith(" 301!")
    assert forced == (fmt == "netlify")
    big = [Rule(f"/p{i}", None, f"/posts/p{i}/") for i in range(limit + 5)]
    out = render(fmt, big, opts)
    assert len(parse_redirects_file(out.files["static/_redirects"])) == limit
    overflow = list(csv.DictReader(io.StringIO(out.files[f"redirects/{fmt}-overflow.csv"])))
    assert len(overflow) == 5
    (note,) = [d for d in out.diagnostics if d.code == "redirect.overflow"]
    assert f"{limit:,} of {limit + 5:,}" in note.message and "5 did not fit" in note.message


def unescape_path_to_regexp(pattern: str) -> str:
    assert not re.search(r"(?<!\\)[:()*+?{}]", pattern), pattern
    return re.sub(r"\\(.)", r"\1", pattern)


def test_vercel_json(pages: list[Page]) -> None:
    opts, _ = options(Config())
    rules = page_rules(pages)
    data = json.loads(render("vercel", rules, opts).files["vercel.json"])
    assert set(data) == {"redirects"}
    seen = set()
    for entry in data["redirects"]:
        assert set(entry) <= {"source", "destination", "statusCode", "has"}
        assert entry["statusCode"] == 301 and "permanent" not in entry
        path = unescape_path_to_regexp(entry["source"])
        for cond in entry.get("has", []):
            assert cond["type"] == "query" and cond["value"].startswith("^") and cond["value"].endswith("$")
            re.compile(cond["value"])
        seen.add((path, entry["destination"]))
    assert {(r.source().split("?")[0], r.target) for r in rules} == seen
    out = render("vercel", page_rules(many(1100)), opts)
    assert len(json.loads(out.files["vercel.json"])["redirects"]) == 1024
    assert any("76 did not fit" in d.message for d in out.diagnostics)


def test_vercel_query_condition_matches_decoded_value(pages: list[Page]) -> None:
    opts, _ = options(Config())
    data = json.loads(render("vercel", page_rules(pages), opts).files["vercel.json"])
    values = [c["value"] for e in data["redirects"] for c in e.get("has", []) if c["key"] == "page"]
    assert any(re.fullmatch(v[1:-1], "Tom & Jerry: it's (not) 100% C++, really? – Привет") for v in values)


def test_cloudflare_bulk_csv(pages: list[Page]) -> None:
    opts, diags = options(Config({"redirects": {"base_url": "https://example.org"}}))
    assert not diags
    out = render("cloudflare", page_rules(pages), opts)
    rows = list(csv.reader(io.StringIO(out.files["redirects/cloudflare-bulk.csv"])))
    assert rows and all(len(r) == 7 for r in rows)
    for src, dst, status, *flags in rows:
        assert src.startswith("example.org/") and "?" not in src and "://" not in src
        assert dst.startswith("https://example.org/posts/") and status == "301" and flags == ["FALSE"] * 4
    assert any(d.code == "redirect.overflow" and "query string" in d.message for d in out.diagnostics)
    no_host = render("cloudflare", page_rules(pages), options(Config())[0])
    assert not no_host.files and no_host.diagnostics[0].severity == "error"


def test_html_stubs(pages: list[Page]) -> None:
    opts, _ = options(Config())
    out = render("html", page_rules(pages), opts)
    stubs = {k: v for k, v in out.files.items() if k.endswith("index.html")}
    from migrate.redirects.html import unexpressible

    # paths with ':' and the like cannot be folders on Windows: listed in the overflow, not written
    rules = [r for r in page_rules(pages) if r.query is None and unexpressible(r) is None]
    assert len(stubs) == len({r.path for r in rules})
    for r in rules:
        text = stubs["static" + r.path + "/index.html"]
        assert f'content="0; url={r.target}"' in text and f'rel="canonical" href="{r.target}"' in text


def test_csv_and_json_maps(pages: list[Page]) -> None:
    opts, _ = options(Config())
    rules = page_rules(pages)
    rows = list(csv.DictReader(io.StringIO(render("csv", rules, opts).files["redirects/redirects.csv"])))
    exact = {r["source"]: r["target"] for r in rows if r["match"] == "exact"}
    assert {r.source(): r.target for r in rules}.items() <= exact.items()
    assert {r["source"] for r in rows if r["status"] == "410"} >= {"/tiki-print.php", "/tiki-editpage.php"}
    data = json.loads(render("json", rules, opts).files["redirects/redirects.json"])
    assert data["redirects"] == exact and "/tiki-share.php" in data["gone"]


def test_every_format_handles_no_rules() -> None:
    opts, _ = options(Config({"redirects": {"base_url": "https://example.org"}}))
    for fmt in FORMATS:
        out = render(fmt, [], opts)
        assert out.main in out.files or fmt == "html"


def test_nginx_case_twins_keep_one_key() -> None:
    rules = [Rule("/Foo", None, "/a/"), Rule("/foo", None, "/b/")]
    out = render("nginx", rules, options(Config())[0])
    text = out.files["redirects/nginx.conf"]
    assert '"/Foo" "/a/"' in text and '"/foo"' not in text
    assert any(d.code == "redirect.case" for d in out.diagnostics)


def test_write_for_convert_writes_inside_out_dir(pages: list[Page], tmp_path: Path) -> None:
    out_dir = tmp_path / "site"
    diags = write_for_convert(pages, ["nginx", "netlify", "json", "bogus"], out_dir, Config())
    assert (out_dir / "redirects/nginx.conf").is_file()
    assert (out_dir / "static/_redirects").is_file()
    assert (out_dir / "redirects/redirects.json").is_file()
    assert (out_dir / "redirects/netlify-overflow.csv").is_file()
    assert any(d.code == "redirect.format" and "bogus" in d.message for d in diags)
    assert not [p for p in out_dir.rglob(".migrate-*")]


def test_write_for_convert_refuses_planted_symlinks(pages: list[Page], tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out_dir = tmp_path / "site"
    out_dir.mkdir()
    os.symlink(outside, out_dir / "redirects")
    (out_dir / "static").mkdir()
    os.symlink(outside / "victim", out_dir / "static" / "_redirects")
    diags = write_for_convert(pages, ["nginx", "netlify"], out_dir, Config())
    # nginx.conf and netlify's overflow list (both under redirects/), and _redirects itself.
    assert [d.code for d in diags if d.severity == "error"] == ["write.redirects"] * 3
    assert list(outside.iterdir()) == []


def test_cli(tmp_path: Path) -> None:
    folder = write_pages(tmp_path / "in")
    runner = CliRunner()
    got = runner.invoke(main, ["redirects", str(folder), "--format", "nginx"])
    assert got.exit_code == 0, got.output
    assert "map $request_uri $migrate_redirect" in got.stdout
    got = runner.invoke(
        main, ["redirects", str(folder), "--format", "netlify", "-o", str(tmp_path / "o" / "_redirects")]
    )
    assert got.exit_code == 0
    assert (tmp_path / "o" / "_redirects").is_file() and (tmp_path / "o" / "netlify-overflow.csv").is_file()
    assert "redirect.overflow" in got.stderr.splitlines()[1]
    assert runner.invoke(main, ["redirects", str(folder), "--format", "nope"]).exit_code == 2
    assert runner.invoke(main, ["redirects", str(folder), "--format", "html"]).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("redirects:\n  spaces: [x]\n")
    got = runner.invoke(main, ["redirects", str(folder), "--format", "csv", "--config", str(bad)])
    assert got.exit_code == 2 and "redirects.spaces" in got.stderr and "Traceback" not in got.output


def test_cli_exit_1_on_conflict(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.md").write_text(json.dumps({"title": name, "slug": name, "aliases": ["/Same"]}) + "\n")
    got = CliRunner().invoke(main, ["redirects", str(folder), "--format", "csv"])
    assert got.exit_code == 1
    assert "error[redirect.duplicate]" in got.stderr and "Traceback" not in got.output


def test_write_for_convert_refuses_two_formats_on_one_file(pages: list[Page], tmp_path: Path) -> None:
    diags = write_for_convert(pages, ["netlify", "cloudflare-pages"], tmp_path, Config())
    assert any(d.code == "redirect.format" and "both write static/_redirects" in d.message for d in diags)
    assert "cloudflare-pages" not in (tmp_path / "static/_redirects").read_text()
