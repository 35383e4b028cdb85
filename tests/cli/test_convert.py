"""``migrate convert`` as a user runs it: exit codes, output files, report, safety, idempotence."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import frontmatter
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from migrate.cli import main

from .helpers import INPUT, SUMMARY, copy_input, load_report, run_cli, run_subprocess, tree

GOOD_PAGES = sorted(p.stem for p in INPUT.glob("*.md"))
BROKEN = sorted(p.name for p in (INPUT / "broken").iterdir())


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory):
    """`python -m migrate convert --report report.json` with no folders, in a copy of input/."""
    work = tmp_path_factory.mktemp("default")
    copy_input(work)
    run = run_subprocess(work, "--report", "report.json")
    return work, run


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("broken")
    copy_input(work, broken=True)
    run = run_subprocess(work, "input/broken", "out", "--report", "report.json")
    return work, run


def _posts(out: Path) -> Path:
    return out / "content" / "posts"


# ---- the default run ------------------------------------------------------------------------------


def test_default_run_converts_every_sample_page(default_run) -> None:
    work, run = default_run
    assert run.code == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr + run.stdout
    written = sorted(p.stem for p in _posts(work / "output").glob("*.md"))
    assert written == GOOD_PAGES
    assert len(written) >= 25
    assert not (work / "output" / "content" / "posts" / "broken").exists()
    assert SUMMARY.match(run.summary), run.summary
    assert run.summary.startswith(f"{len(GOOD_PAGES)} converted, 0 failed, ")
    assert not run.diagnostics("error")


def test_default_run_report_matches_schema_and_output(default_run) -> None:
    work, run = default_run
    report = load_report(work / "report.json")
    s = report["summary"]
    assert (report["input"], report["output"], report["target"]) == ("input", "output", "hugo")
    assert s["pages"] == len(report["pages"]) == len(GOOD_PAGES)
    assert s["converted"] + s["failed"] == s["pages"] and s["failed"] == 0
    assert s["warnings"] == len(run.diagnostics("warning"))
    assert re.search(rf"\b{s['warnings']} warnings? in", run.summary)
    for entry in report["pages"]:
        assert entry["status"] in ("ok", "warning")
        assert (work / entry["output"]).is_file(), entry
        slug = Path(entry["output"]).stem
        assert entry["url"] == f"/posts/{slug}/"
        assert entry["audit"]["checked"] is True
    assert sum(e["kept_html"] for e in report["pages"]) == s["kept_html_total"]
    assert sum(e["tiki_left"] for e in report["pages"]) == s["tiki_left"]


def test_output_front_matter_is_yaml_readers_agree_on(default_run) -> None:
    work, _ = default_run
    for path in sorted(_posts(work / "output").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n") and "\r" not in text and "\ufeff" not in text
        post = frontmatter.loads(text)
        head = text.split("---\n", 2)[1]
        data = YAML(typ="safe").load(io.StringIO(head))
        assert dict(post.metadata) == data
        assert data["slug"] == path.stem
        assert isinstance(data["title"], str) and data["title"]
        # dates are dates: unquoted in the text, a date object once read
        if "date" in data:
            assert re.search(r"^date: \d{4}-\d{2}-\d{2}", head, re.M), head
            assert not isinstance(data["date"], str)
        # non-ASCII as characters, never escaped
        assert "\\u" not in head and "\\x" not in head
    titles = [frontmatter.load(p)["title"] for p in _posts(work / "output").glob("*.md")]
    assert any("–" in t for t in titles)  # sample titles carry en dashes from JSON \u2013 escapes


def test_wiki_links_between_sample_pages_resolve(default_run) -> None:
    work, _ = default_run
    overview = (_posts(work / "output") / "overview-sleep-and-nutrition.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"\]\((/posts/[^)\s]+)\)", overview))
    assert "/posts/night-shift-workers-need-more-magnesium/" in targets
    assert "/posts/magnesium-in-garden-soil-and-sleep-many-studies/" in targets
    for t in targets:
        assert t.removeprefix("/posts/").rstrip("/") in GOOD_PAGES, t


def test_wiki_link_to_title_with_parentheses_resolves(default_run) -> None:
    work, _ = default_run
    overview = (_posts(work / "output") / "overview-sleep-and-nutrition.md").read_text(encoding="utf-8")
    assert "](/posts/fireweed-tea-ivan-chai-and-sleep-quality/)" in overview
    assert "((" not in overview


def test_crlf_bom_page_converts(default_run) -> None:
    work, _ = default_run
    src = INPUT / "rainwater-harvesting-for-small-gardens.md"
    assert src.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in src.read_bytes()
    out = (_posts(work / "output") / "rainwater-harvesting-for-small-gardens.md").read_bytes()
    assert b"\r" not in out and not out.startswith(b"\xef\xbb\xbf")
    assert frontmatter.loads(out.decode())["slug"] == "rainwater-harvesting-for-small-gardens"


def test_output_converted_again_is_identical(default_run, tmp_path: Path) -> None:
    work, _ = default_run
    first = _posts(work / "output")
    run = run_cli(tmp_path, str(first), "again")
    assert run.code == 0, run.stderr[-2000:]
    assert tree(_posts(tmp_path / "again")) == tree(first)


def test_same_input_twice_gives_same_bytes(default_run, tmp_path: Path) -> None:
    work, _ = default_run
    run = run_cli(work, "input", str(tmp_path / "second"))
    assert run.code == 0
    assert tree(tmp_path / "second") == tree(work / "output")


def test_no_traceback_and_progress_on_stderr_only(default_run) -> None:
    _, run = default_run
    assert run.stdout == ""
    # diagnostics, then the breakdown (warnings by code, pages to check), then the summary line
    lines = run.lines[:-1]
    cut = next(i for i, line in enumerate(lines) if line.startswith("warnings by code"))
    for line in lines[:cut]:
        assert re.match(r"^input/[^:]+:\d+:\d+: (error|warning)\[", line), line
    for line in lines[cut + 1 :]:
        assert re.match(r"^(  +[\d,]+  [a-z]+\.[a-z-]+|pages a person should check \(\d+\):|  input/\S+: .+)$", line), (
            line
        )


# ---- exit codes ---------------------------------------------------------------------------------


def test_missing_input_folder_is_usage_error(tmp_path: Path) -> None:
    run = run_subprocess(tmp_path)  # no input/ here
    assert run.code == 2
    assert "does not exist" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "output").exists()


def test_unknown_target_is_usage_error(tmp_path: Path) -> None:
    copy_input(tmp_path)
    run = run_cli(tmp_path, "--target", "wordpress-9000")
    assert run.code == 2 and "wordpress-9000" in run.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    "config",
    ["body: [unclosed\n", "body:\n  icons:\n    check: ok\n   bad: indent\n", "- a list\n- not a mapping\n"],
    ids=["yaml-syntax", "yaml-indent", "not-a-mapping"],
)
def test_bad_config_file_is_usage_error(tmp_path: Path, config: str) -> None:
    copy_input(tmp_path)
    (tmp_path / "migrate.yaml").write_text(config, encoding="utf-8")
    run = run_subprocess(tmp_path, "--config", "migrate.yaml")
    assert run.code == 2, run.stderr
    assert "migrate.yaml" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "output").exists()


def test_missing_config_file_is_usage_error(tmp_path: Path) -> None:
    copy_input(tmp_path)
    run = run_cli(tmp_path, "--config", "nope.yaml")
    assert run.code == 2 and "nope.yaml" in run.stderr


def test_config_maps_icons_and_colours(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.md").write_text(
        '{"title": "Icons", "slug": "icons", "date": "2020-01-02"}\n\n'
        '<i class="fa fa-check"></i> Done and <span style="color:#f00">hot</span> beds.\n',
        encoding="utf-8",
    )
    config = "body:\n  icons:\n    check: '✅'\n  colors:\n    '#F00': strong\n"
    (tmp_path / "c.yaml").write_text(config, encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "--config", "c.yaml")
    assert run.code == 0, run.stderr
    body = (tmp_path / "out/content/posts/icons.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body.strip() == "✅ Done and **hot** beds."


# ---- broken pages ---------------------------------------------------------------------------------


def test_broken_batch_finishes_with_exit_1(broken_run) -> None:
    work, run = broken_run
    assert run.code == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert SUMMARY.match(run.summary), run.summary
    assert run.summary.startswith(f"0 converted, {len(BROKEN)} failed")
    assert not (work / "out").exists() or not any((work / "out").rglob("*.md"))
    report = load_report(work / "report.json")
    assert [e["source"] for e in report["pages"]] == [f"broken/{n}" for n in BROKEN]
    assert all(e["status"] == "error" and e["output"] is None for e in report["pages"])


@pytest.mark.parametrize("name", BROKEN)
def test_each_broken_page_gets_one_clear_error_line(broken_run, name: str) -> None:
    _, run = broken_run
    errors = [m for m in run.diagnostics("error") if m["file"] == f"broken/{name}"]
    assert len(errors) == 1, [m.group(0) for m in errors]
    line = errors[0]
    assert int(line["line"]) >= 1 and int(line["col"]) >= 1
    assert line["code"].split(".")[0] in ("read", "fm", "schema", "write")


@pytest.mark.parametrize(
    ("name", "code", "line"),
    [
        # the comma is missing at the end of line 3 (the parser stops at line 4's key)
        ("json-missing-comma-error-at-line-4.md", "fm.json", 3),
        ("yaml-bad-indentation.md", "fm.yaml", 8),
        ("empty.md", "read.empty", 1),
        ("binary-png-named-md.md", "read.binary", 1),
        ("invalid-utf8-latin1.md", "read.encoding", 2),
        ("no-front-matter.md", "read.no-front-matter", 1),
        ("json-duplicate-key-slug.md", "fm.duplicate-key", 8),
    ],
)
def test_broken_page_error_points_at_the_problem(broken_run, name: str, code: str, line: int) -> None:
    _, run = broken_run
    errors = [m for m in run.diagnostics("error") if m["file"] == f"broken/{name}"]
    assert errors and errors[0]["code"] == code and int(errors[0]["line"]) == line, [m.group(0) for m in errors]


def test_good_pages_still_written_when_some_are_broken(tmp_path: Path) -> None:
    inp = copy_input(tmp_path)
    for name in ("empty.md", "json-missing-comma-error-at-line-4.md", "slug-path-escape.md"):
        (inp / name).write_bytes((INPUT / "broken" / name).read_bytes())
    run = run_cli(tmp_path, "--report", "r.json")
    assert run.code == 1
    assert sorted(p.stem for p in _posts(tmp_path / "output").glob("*.md")) == GOOD_PAGES
    assert run.summary.startswith(f"{len(GOOD_PAGES)} converted, 3 failed")
    load_report(tmp_path / "r.json")


# ---- options --------------------------------------------------------------------------------------


def _comparable(report: dict) -> dict:
    out = json.loads(json.dumps(report))
    out.pop("dry_run")
    out["summary"].pop("seconds")
    for page in out["pages"]:
        page.pop("seconds", None)  # times differ from run to run
    return out


def test_dry_run_writes_nothing_and_reports_the_same(tmp_path: Path) -> None:
    copy_input(tmp_path, broken=True)
    before = tree(tmp_path)
    dry = run_cli(tmp_path, "--dry-run", "--report", "dry.json")
    assert not (tmp_path / "output").exists()
    assert set(tree(tmp_path)) - set(before) == {"dry.json"}
    real = run_cli(tmp_path, "--report", "real.json")
    assert dry.code == real.code == 0
    d, r = load_report(tmp_path / "dry.json"), load_report(tmp_path / "real.json")
    assert d["dry_run"] is True and r["dry_run"] is False
    assert _comparable(d) == _comparable(r)
    assert dry.lines[:-1] == real.lines[:-1]


def test_strict_turns_warnings_into_exit_1(tmp_path: Path) -> None:
    copy_input(tmp_path)
    run = run_cli(tmp_path, "--strict", "--report", "r.json")
    report = load_report(tmp_path / "r.json")
    assert report["strict"] is True and report["summary"]["warnings"] > 0
    assert run.code == 1
    assert SUMMARY.match(run.summary) and "strict" in run.summary
    assert sorted(p.stem for p in _posts(tmp_path / "output").glob("*.md")) == GOOD_PAGES


def test_strict_with_no_warnings_exits_0(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.md").write_text(
        '{"title": "Clean", "slug": "clean", "date": "2020-01-02", "tags": ["soil"], "categories": ["Soil"]}\n\n'
        "Plain words.\n",
        encoding="utf-8",
    )
    run = run_cli(tmp_path, "in", "out", "--strict")
    assert run.code == 0, run.stderr
    assert run.summary.startswith("1 converted, 0 failed, 0 warnings in")


def test_no_audit_skips_the_audit(tmp_path: Path) -> None:
    copy_input(tmp_path)
    run = run_cli(tmp_path, "--no-audit", "--report", "r.json")
    assert run.code == 0
    report = load_report(tmp_path / "r.json")
    assert all(e["audit"] == {"checked": False} for e in report["pages"])
    assert not any(code.startswith("audit.") for code in report["summary"]["codes"])
    assert report["summary"]["audit_lost"] in ({}, {"words": 0, "links": 0, "images": 0})


def test_report_to_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    copy_input(tmp_path)
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    run = run_subprocess(tmp_path, "--report", "blocker/r.json")
    assert run.code != 0 and "Traceback" not in run.stderr
    assert "blocker/r.json" in run.stderr


# ---- slugs and safety -----------------------------------------------------------------------------


def _page(slug: str, title: str) -> str:
    return json.dumps({"title": title, "slug": slug, "date": "2021-03-04"}) + "\n\nSome words about " + title + ".\n"


def test_duplicate_slugs_are_errors_for_both_and_never_overwrite(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.md").write_text(_page("same-slug", "First"), encoding="utf-8")
    (inp / "b.md").write_text(_page("same-slug", "Second"), encoding="utf-8")
    (inp / "c.md").write_text(_page("other-slug", "Third"), encoding="utf-8")
    existing = tmp_path / "out/content/posts/same-slug.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("already here\n", encoding="utf-8")
    run = run_cli(tmp_path, "in", "out", "--report", "r.json")
    assert run.code == 1
    assert existing.read_text(encoding="utf-8") == "already here\n"
    assert (tmp_path / "out/content/posts/other-slug.md").is_file()
    report = load_report(tmp_path / "r.json")
    status = {e["source"]: e["status"] for e in report["pages"]}
    assert status == {"in/a.md": "error", "in/b.md": "error", "in/c.md": "ok"}
    for name in ("in/a.md", "in/b.md"):
        codes = [m["code"] for m in run.diagnostics("error") if m["file"] == name]
        assert len(codes) == 1 and codes[0] in ("write.slug-duplicate", "schema.duplicate-slug"), codes


@pytest.mark.parametrize("slug", ["../escape", "../../outside/escape", "a/b", "/etc/passwd", "/tmp/abs", "..", "a\\b"])
def test_unsafe_slug_is_an_error_and_nothing_leaves_the_output(tmp_path: Path, slug: str) -> None:
    inp = tmp_path / "work" / "in"
    inp.mkdir(parents=True)
    (inp / "bad.md").write_text(_page(slug, "Bad"), encoding="utf-8")
    (inp / "good.md").write_text(_page("good-page", "Good"), encoding="utf-8")
    before = tree(tmp_path)
    run = run_cli(tmp_path / "work", "in", "out", "--no-skeleton")
    assert run.code == 1
    errors = [m for m in run.diagnostics("error") if m["file"] == "in/bad.md"]
    assert len(errors) >= 1 and "Traceback" not in run.stderr
    new = set(tree(tmp_path)) - set(before)
    assert new == {"work/out/content/posts/good-page.md"}
    assert not Path("/etc/passwd.md").exists() and not Path("/tmp/abs.md").exists()


def test_symlinked_section_folder_is_never_written_through(tmp_path: Path) -> None:
    copy_input(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "output" / "content").mkdir(parents=True)
    (tmp_path / "output" / "content" / "posts").symlink_to(elsewhere, target_is_directory=True)
    run = run_subprocess(tmp_path, "--report", "r.json")
    assert run.code == 1 and "Traceback" not in run.stderr
    assert list(elsewhere.iterdir()) == []
    report = load_report(tmp_path / "r.json")
    assert all(e["status"] == "error" for e in report["pages"])
    assert {m["code"] for m in run.diagnostics("error")} == {"write.unsafe-path"}


def test_symlinked_page_file_is_never_written_through(tmp_path: Path) -> None:
    copy_input(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text("precious\n", encoding="utf-8")
    posts = tmp_path / "output" / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "zinc-in-pumpkin-seeds.md").symlink_to(outside)
    run = run_cli(tmp_path, "--report", "r.json")
    assert "Traceback" not in run.stderr
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert run.code == 1
    errors = [m for m in run.diagnostics("error") if m["file"] == "input/zinc-in-pumpkin-seeds.md"]
    assert [m["code"] for m in errors] == ["write.unsafe-path"]
    assert (posts / "overview-sleep-and-nutrition.md").is_file()


def test_symlinked_output_root_content_folder(tmp_path: Path) -> None:
    copy_input(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "content").symlink_to(elsewhere, target_is_directory=True)
    run = run_cli(tmp_path)
    assert run.code == 1
    assert list(elsewhere.iterdir()) == []


# ---- hostile pages through the CLI ----------------------------------------------------------------


def test_hostile_pages_never_crash_the_batch(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    head = '{"title": "T%d", "slug": "hostile-%d", "date": "2020-01-01"}\n\n'
    bodies = [
        "<span>" * 5000 + "deep" + "</span>" * 5000,
        "<div>\n" * 5000 + "deep",
        "word " * 200_000,
        "".join(f"<span>w{i}</span>" for i in range(10_000)),
        "<b><i><a href='x'><font>unclosed",
    ]
    for i, body in enumerate(bodies):
        (inp / f"h{i}.md").write_text(head % (i, i) + body + "\n", encoding="utf-8")
    (inp / "fine.md").write_text(_page("fine", "Fine"), encoding="utf-8")
    run = run_subprocess(tmp_path, "in", "out", "--report", "r.json")
    assert "Traceback" not in run.stderr + run.stdout
    assert run.code in (0, 1)
    report = load_report(tmp_path / "r.json")
    assert report["summary"]["pages"] == len(bodies) + 1
    assert (tmp_path / "out/content/posts/fine.md").is_file()
    for m in run.diagnostics("error"):
        assert len(m.group(0)) < 500


def test_deeply_nested_inline_page_converts(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "deep.md").write_text(
        '{"title": "Deep", "slug": "deep", "date": "2020-01-01"}\n\n'
        + "<span>" * 5000
        + "deep words"
        + "</span>" * 5000
        + "\n",
        encoding="utf-8",
    )
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0, run.stderr
    assert "deep words" in (tmp_path / "out/content/posts/deep.md").read_text(encoding="utf-8")


def test_single_file_input(tmp_path: Path) -> None:
    copy_input(tmp_path)
    run = run_cli(tmp_path, "input/zinc-in-pumpkin-seeds.md", "one")
    assert run.code == 0, run.stderr
    assert [p.name for p in _posts(tmp_path / "one").iterdir()] == ["zinc-in-pumpkin-seeds.md"]


def test_help_works_without_input(tmp_path: Path) -> None:
    run = run_subprocess(tmp_path, "--help")
    assert run.code == 0 and "--dry-run" in run.stdout and "--strict" in run.stdout
    assert os.listdir(tmp_path) == []


def test_jobs_do_not_change_the_output(tmp_path: Path) -> None:
    # The body stage may spread pages over processes; the bytes written and the report must not care.
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        report = tmp_path / f"report{jobs}.json"
        result = CliRunner().invoke(
            main, ["convert", str(INPUT), str(out), "--jobs", jobs, "--report", str(report), "-q"]
        )
        assert result.exit_code == 0, result.output
        files = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.md"))}
        pages = json.loads(report.read_text(encoding="utf-8"))["pages"]
        for page in pages:
            page["output"] = page["output"] and page["output"].replace(str(out), "OUT")
            page.pop("seconds", None)  # times differ from run to run
        outputs[jobs] = (files, pages)
    assert len(outputs["1"][0]) >= 25
    assert outputs["1"] == outputs["2"]
