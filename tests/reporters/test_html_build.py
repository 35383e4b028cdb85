"""The HTML report's files, without a browser: names, the needs-a-person groups, the command."""

from __future__ import annotations

import json
from pathlib import Path

from migrate.reporters.html.build import page_file_names, write_html_report
from migrate.reporters.html.summary import classify

from .samples import migrate


def _diag(code: str, severity: str = "warning", message: str = "m") -> dict[str, object]:
    return {"code": code, "severity": severity, "message": message, "line": 3, "column": 1}


def _report(pages: list[dict[str, object]]) -> dict[str, object]:
    return {
        "version": 1,
        "input": "wiki",
        "output": "out",
        "target": "hugo",
        "dry_run": False,
        "strict": False,
        "pages": pages,
        "run_diagnostics": [],
        "summary": {
            "pages": len(pages),
            "converted": len(pages),
            "failed": 0,
            "with_warnings": 0,
            "errors": 0,
            "warnings": 0,
            "infos": 0,
            "codes": {},
            "kept_html": {},
            "kept_html_total": 0,
            "tiki_left": 0,
            "audit_lost": {},
            "changes": {},
            "seconds": 0.5,
        },
    }


def _page(source: str, *diags: dict[str, object]) -> dict[str, object]:
    return {
        "source": source,
        "output": None,
        "url": None,
        "status": "warning",
        "diagnostics": list(diags),
        "audit": {"checked": False},
        "changes": {},
        "kept_html": 0,
        "tiki_left": 0,
    }


def test_page_file_names_are_readable_and_unique() -> None:
    names = page_file_names(["wiki/A page.md", "wiki/a-page.md", "wiki/../x.md", "Über.md"])
    assert names[0] == "wiki-a-page-md.html"
    assert len(set(names)) == 4
    assert all("/" not in n and not n.startswith(".") for n in names)


def test_what_needs_a_person_comes_first_and_the_rest_is_bulk() -> None:
    report = _report(
        [
            _page(
                "wiki/a.md",
                _diag("read.binary", "error"),
                _diag("audit.lost-words"),
                _diag("body.wikilink"),
                _diag("body.html-kept", "info", "<iframe> has no Markdown form here; kept as HTML"),
                _diag("body.html-kept", "info", "<dl> has no Markdown form here; kept as HTML"),
                _diag("body.img-alt"),
                _diag("body.img-alt"),
                _diag("taxonomy.sorted", "info"),
            )
        ]
    )
    s = classify(report)
    got = {g.key: [f.diag["code"] for f in g.findings] for g in s.needs}
    assert got["errors"] == ["read.binary"]
    assert got["audit"] == ["audit.lost-words"]
    assert got["wikilinks"] == ["body.wikilink"]
    assert got["kept-live"] == ["body.html-kept"]
    assert [(b.code, b.count, b.pages) for b in s.bulk] == [
        ("body.img-alt", 2, 1),
        ("body.html-kept", 1, 1),
        ("taxonomy.sorted", 1, 1),
    ]


def test_a_page_whose_files_are_gone_still_gets_its_page(tmp_path: Path) -> None:
    report = _report([_page("wiki/<gone>.md", _diag("body.img-alt"))])
    written = write_html_report(report, tmp_path / "html", docs="https://docs.example.org/migrate")
    page = (tmp_path / "html" / "p" / "wiki-gone-md.html").read_text(encoding="utf-8")
    assert "The source file was not found" in page and "&lt;gone&gt;" in page and "<gone>" not in page
    assert 'href="https://docs.example.org/migrate/diagnostics.md#body.img-alt"' in page
    assert written.pages == 1 and (tmp_path / "html" / "assets" / "vendor" / "chart.umd.min.js").is_file()


def test_report_command_refuses_what_is_not_a_report(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text(json.dumps({"pages": 3}), encoding="utf-8")
    odd = _report([_page("wiki/a.md", _diag("body.x", "fatal"))])
    (tmp_path / "odd.json").write_text(json.dumps(odd), encoding="utf-8")
    for name in ("bad.json", "other.json", "odd.json"):
        done = migrate(tmp_path, "report", name, "--html", "html")
        assert done.returncode == 2
        assert done.stderr.startswith(f"{name}:1:1: error[report.read] ")
        assert "Traceback" not in done.stderr
    assert "/pages/0/diagnostics/0/severity 'fatal'" in done.stderr
    assert not (tmp_path / "html").exists()


def test_report_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "r.json").write_text(json.dumps(_report([_page("wiki/a.md")])), encoding="utf-8")
    done = migrate(tmp_path, "report", "r.json", "--html", "html")
    assert done.returncode == 1 and "error[report.io]" in done.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_pages_broken_links_and_redirects_are_listed(tmp_path: Path) -> None:
    entry = _page("wiki/a.md", _diag("link.broken"))
    entry["links"] = {"broken": [{"url": "/posts/gone/", "line": 3, "kind": "missing-page", "reason": "no such page"}]}
    entry["redirects"] = [{"from": "/Old+A", "to": "/posts/a/"}]
    report = _report([entry]) | {
        "broken_links": [
            {
                "url": "/posts/gone/",
                "count": 1,
                "kind": "missing-page",
                "reason": "no such page",
                "pages": ["wiki/a.md"],
            },
        ]
    }
    write_html_report(report, tmp_path / "html")
    page = (tmp_path / "html" / "p" / "wiki-a-md.html").read_text(encoding="utf-8")
    assert '<a href="#L3">line 3</a>: <code>/posts/gone/</code> missing-page no such page' in page
    assert "<code>/Old+A</code> → <code>/posts/a/</code>" in page
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert 'data-need="broken-links" data-count="1"' in index
    assert '<code>/posts/gone/</code></td><td class="num">1</td>' in index
    assert '<a href="p/wiki-a-md.html">wiki/a.md</a>' in index
