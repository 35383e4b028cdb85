"""Front matter as written: values YAML readers would misread, surrogates, emoji, dates; a round trip."""

from __future__ import annotations

import io
import re
from pathlib import Path

import frontmatter
import pytest
from ruamel.yaml import YAML

from tests.pages import page_text, write_page

from .helpers import front_of, load_report, posts, run_cli, run_subprocess


def test_one_page_with_a_lone_surrogate_does_not_break_the_pages_after_it(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    # JSON allows "\ud83d" (half an emoji, as broken exports write it); sorted first, so it is written first
    write_page(inp, "a-lone.md", '{"title": "Half \\ud83d emoji", "slug": "a-lone", "date": "2020-01-02"}\n\nBody.\n')
    for i in range(3):
        write_page(inp, f"z{i}.md", page_text(f"fine-{i}"))
    # a subprocess: in-process, the broken emitter would stay broken for every later test too
    run = run_subprocess(tmp_path, "in", "out")
    assert run.code == 1
    assert sorted(p.name for p in posts(tmp_path / "out").iterdir()) == ["fine-0.md", "fine-1.md", "fine-2.md"]
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
    write_page(tmp_path / "in", "lone.md", text)
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
    write_page(tmp_path / "in", "p.md", page_text("yes-page", title="yes", tags=tags))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0, run.stderr
    out = posts(tmp_path / "out") / "yes-page.md"
    post = frontmatter.loads(out.read_text(encoding="utf-8"))  # PyYAML: YAML 1.1, like many CMS readers
    ruamel = YAML(typ="safe").load(io.StringIO(front_of(out)))
    assert post["title"] == ruamel["title"] == "yes"
    assert sorted(post["tags"]) == sorted(ruamel["tags"]) == sorted(tags)


def test_emoji_and_astral_characters_are_written_as_characters(tmp_path: Path) -> None:
    write_page(tmp_path / "in", "p.md", page_text("sun", title="Sun 🌞 and 𝔸 maths", tags=["🌱 seedlings"]))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0, run.stderr
    head = front_of(posts(tmp_path / "out") / "sun.md")
    assert "title: Sun 🌞 and 𝔸 maths\n" in head
    assert "🌱 seedlings" in head
    assert "\\U" not in head


def test_yaml_special_looking_strings_survive_a_round_trip(tmp_path: Path) -> None:
    tags = ["null", "1e3", "0x10", "2024-01-01", "true", "a: b", "x # y", "'q", '"dq', "- dash", "@at", "%pc"]
    write_page(tmp_path / "in", "p.md", page_text("special", title=" 2024-01-01 ", tags=tags))
    run = run_cli(tmp_path, "in", "out")
    assert run.code == 0, run.stderr
    out = posts(tmp_path / "out") / "special.md"
    data = YAML(typ="safe").load(io.StringIO(front_of(out)))
    assert data["title"] == " 2024-01-01 " and sorted(data["tags"]) == sorted(tags)
    again = run_cli(tmp_path, str(posts(tmp_path / "out")), "again")
    assert again.code == 0, again.stderr
    assert (posts(tmp_path / "again") / "special.md").read_bytes() == out.read_bytes()


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
    out = posts(tmp_path / "out") / "dated.md"
    head = front_of(out)
    assert re.search(r"^date: 2020-01-01 \d\d:\d\d:\d\d", head, re.M), head
    assert not isinstance(frontmatter.loads(out.read_text(encoding="utf-8"))["date"], str)
    again = run_cli(tmp_path, str(posts(tmp_path / "out")), "again")
    assert again.code == 0 and (posts(tmp_path / "again") / "dated.md").read_bytes() == out.read_bytes()
