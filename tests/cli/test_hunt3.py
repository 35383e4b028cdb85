"""Third bug hunt: everything around the body (reading, front matter, writing, the CLI, the report).

Each test here started as a known bug (an xfail) stating the behaviour we expect; all are fixed now.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import frontmatter
import pytest
from ruamel.yaml import YAML

from .helpers import DIAG, SUMMARY, load_report, run_cli, run_subprocess


def _json_page(slug: str, title: str = "", **extra: object) -> str:
    data = {"title": title or slug.title(), "slug": slug, "date": "2020-01-02", **extra}
    return json.dumps(data, ensure_ascii=False) + "\n\nSome words about " + slug + ".\n"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _head(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[1]


def _posts(out: Path) -> Path:
    return out / "content" / "posts"


def _no_traceback(run) -> None:
    assert "Traceback" not in run.stderr + run.stdout, run.stderr[-3000:]


# ---- front matter values the writer must survive ------------------------------------------------


def test_one_page_with_a_lone_surrogate_does_not_break_the_pages_after_it(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    # JSON allows "\ud83d" (half an emoji, as broken exports write it); sorted first, so it is written first
    _write(inp, "a-lone.md", '{"title": "Half \\ud83d emoji", "slug": "a-lone", "date": "2020-01-02"}\n\nBody.\n')
    for i in range(3):
        _write(inp, f"z{i}.md", _json_page(f"fine-{i}"))
    # a subprocess: in-process, the broken emitter would stay broken for every later test too
    run = run_subprocess(tmp_path, "in", "out")
    assert run.code == 1
    assert sorted(p.name for p in _posts(tmp_path / "out").iterdir()) == ["fine-0.md", "fine-1.md", "fine-2.md"]
    assert [m["file"] for m in run.diagnostics("error")] == ["in/a-lone.md"]


@pytest.mark.parametrize(
    "text",
    [
        '{"title": "Half \\ud83d emoji", "slug": "lone", "date": "2020-01-02"}\n\nBody.\n',
        '{"title": "Tagged", "slug": "lone", "date": "2020-01-02", "tags": ["x\\udc00"]}\n\nBody.\n',
        '---\ntitle: "Half \\ud83d emoji"\nslug: lone\ndate: 2020-01-02\n---\n\nBody.\n',
    ],
    ids=["json-title", "json-tag", "yaml-title"],
)
def test_lone_surrogate_is_a_front_matter_error_at_the_value(tmp_path: Path, text: str) -> None:
    _write(tmp_path / "in", "lone.md", text)
    run = run_subprocess(tmp_path, "in", "out", "--report", "r.json")
    assert run.code == 1
    errors = run.diagnostics("error")
    assert len(errors) == 1, run.stderr
    assert errors[0]["code"].startswith("fm."), errors[0].group(0)
    assert (errors[0]["line"], errors[0]["col"]) != ("1", "1") or text.startswith("{")
    assert "surrogate" in errors[0]["msg"]
    load_report(tmp_path / "r.json")


def test_strings_that_yaml_11_reads_as_other_types_are_quoted(tmp_path: Path) -> None:
    tags = ["no", "on", "off", "Yes", "12:30:00", "1:20"]  # distinct terms: taxonomy merges case variants
    _write(tmp_path / "in", "p.md", _json_page("yes-page", title="yes", tags=tags))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0, run.stderr
    out = _posts(tmp_path / "out") / "yes-page.md"
    post = frontmatter.loads(out.read_text(encoding="utf-8"))  # PyYAML: YAML 1.1, like many CMS readers
    ruamel = YAML(typ="safe").load(io.StringIO(_head(out)))
    assert post["title"] == ruamel["title"] == "yes"
    assert sorted(post["tags"]) == sorted(ruamel["tags"]) == sorted(tags)


def test_emoji_and_astral_characters_are_written_as_characters(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("sun", title="Sun 🌞 and 𝔸 maths", tags=["🌱 seedlings"]))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0, run.stderr
    head = _head(_posts(tmp_path / "out") / "sun.md")
    assert "title: Sun 🌞 and 𝔸 maths\n" in head
    assert "🌱 seedlings" in head
    assert "\\U" not in head


# ---- reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("after", [" trailing words here", "Trailing words here"])
def test_text_after_the_closing_brace_is_never_silently_lost(tmp_path: Path, after: str) -> None:
    _write(tmp_path / "in", "p.md", '{"title": "T", "slug": "brace", "date": "2020-01-02"}' + after + "\n\nBody.\n")
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    out = _posts(tmp_path / "out") / "brace.md"
    if out.exists():  # kept as the body's first line...
        assert "Trailing words here".lower() in out.read_text(encoding="utf-8").lower()
    else:  # ...or one clear error on line 1, past the brace
        errors = run.diagnostics("error")
        assert run.code == 1 and len(errors) == 1 and errors[0]["line"] == "1" and int(errors[0]["col"]) > 50
    load_report(tmp_path / "r.json")


def test_toml_opening_fence_with_text_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", '+++ draft = true\ntitle = "T"\nslug = "t"\ndate = 2020-01-02\n+++\n\nBody.\n')
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 1
    errors = run.diagnostics("error")
    assert [(e["code"], e["line"], e["col"]) for e in errors] == [("fm.toml", "1", "1")], run.stderr


def test_toml_array_of_tables_key_is_located(tmp_path: Path) -> None:
    text = '+++\ntitle = "T"\nslug = "t"\ndate = 2020-01-02\n\n[[links]]\nurl = "http://a"\n+++\n\nBody.\n'
    _write(tmp_path / "in", "p.md", text)
    run = run_cli(tmp_path, "in", "out")
    errors = run.diagnostics("error")
    assert [(e["code"], e["line"]) for e in errors] == [("schema.unknown-key", "6")], run.stderr


def test_dangling_symlink_page_is_reported(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    _write(inp, "good.md", _json_page("good"))
    (inp / "gone.md").symlink_to(tmp_path / "nowhere.md")
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    assert run.code == 1
    errors = run.diagnostics("error")
    assert [(e["file"], e["code"]) for e in errors] == [("in/gone.md", "read.io")], run.stderr
    assert load_report(tmp_path / "r.json")["summary"]["pages"] == 2


def test_upper_case_page_suffixes_are_read(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    _write(inp, "ONE.MD", _json_page("one"))
    _write(inp, "TWO.TXT", _json_page("two"))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0
    assert sorted(p.name for p in _posts(tmp_path / "out").iterdir()) == ["one.md", "two.md"]


def test_input_folder_without_pages_says_so(tmp_path: Path) -> None:
    _write(tmp_path / "in", "notes.html", "<p>not a page</p>\n")
    run = run_cli(tmp_path, "in", "out")
    assert run.code in (0, 2)
    assert re.search(r"no pages?\b.*\bin\b", run.stderr, re.I), run.stderr


# ---- folders ----------------------------------------------------------------------------------------


def test_input_folder_inside_the_output_folder_is_converted(tmp_path: Path) -> None:
    # A Hugo site keeping its legacy export inside: migrate convert site/legacy site
    _write(tmp_path / "site" / "legacy", "p.md", _json_page("legacy-page"))
    run = run_cli(tmp_path, "site/legacy", "site")
    assert run.code == 0
    assert run.summary.startswith("1 converted, 0 failed"), run.summary
    assert (_posts(tmp_path / "site") / "legacy-page.md").is_file()


def test_report_is_never_written_through_a_symlink_planted_in_output(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("page"))
    outside = tmp_path / "outside.json"
    outside.write_text("precious\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.json").symlink_to(outside)
    run = run_cli(tmp_path, "in", "out", "--report", "out/report.json")
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert run.code == 1
    assert any("out/report.json" in line and "symbolic link" in line for line in run.lines), run.stderr


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("page", aliases=["/Old+Page"]))
    old = os.umask(0o022)
    try:
        run = run_cli(tmp_path, "in", "out", "--redirects", "nginx,html")
    finally:
        os.umask(old)
    assert run.code == 0, run.stderr
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(written) >= 3
    modes = {str(p.relative_to(tmp_path)): oct(p.stat().st_mode & 0o777) for p in written}
    assert set(modes.values()) == {"0o644"}, modes


# ---- the report and the summary ---------------------------------------------------------------------


def test_non_utf8_file_name_with_report(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / os.fsdecode(b"caf\xe9.md")).write_text(_json_page("cafe"), encoding="utf-8")
    run = run_subprocess(tmp_path, "in", "out", "--report", "r.json")
    _no_traceback(run)
    assert run.code == 0
    report = load_report(tmp_path / "r.json")
    assert report["summary"]["converted"] == 1


def test_invalid_date_diagnostic_code_fits_the_report_schema(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("bad-date").replace("2020-01-02", "2020-13-45"))
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    assert run.code == 1
    assert [m["file"] for m in run.diagnostics("error")] == ["in/p.md"], run.stderr  # helpers.DIAG: lowercase codes
    load_report(tmp_path / "r.json")


def _redirect_batch(tmp_path: Path) -> None:
    # html stubs cannot match tiki-index.php?page=... spellings: overflow warnings at run level
    for slug in ("first-page", "second-page"):
        aliases = [f"/{slug.title()}", "/tiki-index.php?page=" + slug]
        _write(tmp_path / "in", f"{slug}.md", _json_page(slug, aliases=aliases))


def test_summary_counts_every_warning_printed(tmp_path: Path) -> None:
    _redirect_batch(tmp_path)
    run = run_cli(tmp_path, "in", "out", "--redirects", "html", "--report", "r.json")
    assert run.code == 0, run.stderr
    printed = [line for line in run.lines if (m := DIAG.match(line)) and m["sev"] == "warning"]
    assert printed, run.stderr
    report = load_report(tmp_path / "r.json")
    assert report["summary"]["warnings"] == len(printed)
    assert SUMMARY.match(run.summary) and f", {len(printed)} warning" in run.summary, run.summary


def test_dry_run_report_keeps_redirect_diagnostics(tmp_path: Path) -> None:
    _redirect_batch(tmp_path)
    real = run_cli(tmp_path, "in", "out", "--redirects", "html", "--report", "real.json")
    dry = run_cli(tmp_path, "in", "dry", "--redirects", "html", "--report", "dry.json", "--dry-run")
    assert not (tmp_path / "dry").exists()
    assert real.code == dry.code == 0
    assert load_report(tmp_path / "real.json")["run_diagnostics"]
    real_diags = load_report(tmp_path / "real.json")["run_diagnostics"]
    dry_diags = load_report(tmp_path / "dry.json")["run_diagnostics"]
    strip = lambda ds: [{k: v for k, v in d.items() if k != "file"} for d in ds]  # noqa: E731
    assert strip(dry_diags) == strip(real_diags)


def test_unwritable_report_error_has_the_one_line_format(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("page"))
    (tmp_path / "blocker").write_text("a file\n", encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "--report", "blocker/r.json")
    assert run.code == 1
    errors = run.diagnostics("error")
    assert [(e["file"], e["code"]) for e in errors] == [("blocker/r.json", "report.io")], run.stderr


# ---- config -------------------------------------------------------------------------------------------


def test_config_file_starting_with_document_marker_is_applied(tmp_path: Path) -> None:
    _write(
        tmp_path / "in",
        "p.md",
        '{"title": "I", "slug": "icons", "date": "2020-01-02"}\n\n<i class="fa fa-check"></i> Done.\n',
    )
    _write(tmp_path, "c.yaml", "---\nbody:\n  icons:\n    check: OK\n")
    run = run_cli(tmp_path, "in", "out", "--config", "c.yaml")
    assert run.code == 0, run.stderr
    assert (_posts(tmp_path / "out") / "icons.md").read_text(encoding="utf-8").endswith("\nOK Done.\n")


def test_config_file_starting_with_document_marker_is_checked(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("page"))
    _write(tmp_path, "c.yaml", "---\nbdoy:\n  icons: {}\n")
    run = run_cli(tmp_path, "in", "out", "--config", "c.yaml")
    assert run.code == 2
    assert "c.yaml:2:1" in run.stderr and "'body'" in run.stderr, run.stderr


# ---- things that work (guards, so the fixes above do not break them) ----------------------------------


def test_yaml_special_looking_strings_survive_a_round_trip(tmp_path: Path) -> None:
    tags = ["null", "1e3", "0x10", "2024-01-01", "true", "a: b", "x # y", "'q", '"dq', "- dash", "@at", "%pc"]
    _write(tmp_path / "in", "p.md", _json_page("special", title=" 2024-01-01 ", tags=tags))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0, run.stderr
    out = _posts(tmp_path / "out") / "special.md"
    data = YAML(typ="safe").load(io.StringIO(_head(out)))
    assert data["title"] == " 2024-01-01 " and sorted(data["tags"]) == sorted(tags)
    again = run_cli(tmp_path, str(_posts(tmp_path / "out")), "again")
    assert again.code == 0, again.stderr
    assert (_posts(tmp_path / "again") / "special.md").read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    "front",
    [
        '+++\ntitle = "T"\nslug = "dated"\ndate = 2020-01-01T10:30:00.123456-05:30\n+++\n',
        "---\ntitle: T\nslug: dated\ndate: 2020-01-01T10:00:00Z\n---\n",
        '\ufeff{\r\n "title": "T",\r\n "slug": "dated",\r\n "date": "2020-01-01T10:30:00+02:00"\r\n}\r\n',
    ],
    ids=["toml-offset", "yaml-z", "json-bom-crlf"],
)
def test_dates_with_offsets_are_dates_and_a_fixed_point(tmp_path: Path, front: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.md").write_bytes((front + "\nBody.\n").encode("utf-8"))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0, run.stderr
    out = _posts(tmp_path / "out") / "dated.md"
    head = _head(out)
    assert re.search(r"^date: 2020-01-01 \d\d:\d\d:\d\d", head, re.M), head
    assert not isinstance(frontmatter.loads(out.read_text(encoding="utf-8"))["date"], str)
    again = run_cli(tmp_path, str(_posts(tmp_path / "out")), "again")
    assert again.code == 0 and (_posts(tmp_path / "again") / "dated.md").read_bytes() == out.read_bytes()


def test_odd_file_names_extensions_and_links_in_input(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    _write(inp, "with space é.md", _json_page("spaced"))
    _write(inp, "m.markdown", _json_page("markdown-page"))
    _write(inp, "t.txt", _json_page("text-page"))
    _write(inp, ".hidden.md", _json_page("hidden"))
    _write(inp, "other.html", _json_page("html-page"))
    os.mkfifo(inp / "fifo.md")  # must not hang the run
    (inp / "sub").mkdir()
    (inp / "sub" / "loop").symlink_to(inp, target_is_directory=True)
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in _posts(tmp_path / "out").iterdir()) == [
        "markdown-page.md",
        "spaced.md",
        "text-page.md",
    ]
    assert load_report(tmp_path / "r.json")["summary"]["pages"] == 3


def test_output_inside_input_is_not_read_back(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("page"))
    for _ in range(2):
        run = run_cli(tmp_path, "in", "in/out")
        assert run.code == 0 and run.summary.startswith("1 converted, 0 failed"), run.stderr


def test_output_folder_that_is_a_file_is_usage_error(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("page"))
    (tmp_path / "out").write_text("file\n", encoding="utf-8")
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 2 and "out" in run.stderr


def test_dry_run_creates_no_folder(tmp_path: Path) -> None:
    _write(tmp_path / "in", "p.md", _json_page("page", aliases=["/Old+Page"]))
    run = run_cli(tmp_path, "in", "out", "--dry-run", "--redirects", "nginx")
    assert run.code == 0
    assert sorted(os.listdir(tmp_path)) == ["in"]


def test_many_tiny_pages(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    for i in range(600):
        (inp / f"p{i}.md").write_text(_json_page(f"p{i}"), encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "-q", "--report", "r.json")
    assert run.code == 0 and run.summary.startswith("600 converted, 0 failed, 0 warnings")
    assert len(list(_posts(tmp_path / "out").iterdir())) == 600
