"""Output names every file system takes; names that are one file on Windows or macOS are a clash."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from migrate.incremental.names import clash_key, name_problem
from tests.cli.helpers import run_cli

from .pages import page, write_pages


@pytest.mark.parametrize(
    "rel",
    [
        "content/posts/con.md",
        "content/posts/CON.md",
        "content/posts/nul.md",
        "content/posts/com1.md",
        "content/posts/lpt9.md",
        "content/posts/aux .md",
        "content/posts/a:b.md",
        "content/posts/a?.md",
        'content/posts/say-"hi".md',
        "content/posts/tab\there.md",
        "content/posts/ends-with-dot.",
        "content/posts/" + "x" * 253 + ".md",
        "content/posts/" + "é" * 127 + ".md",  # 254 + 3 bytes of UTF-8: too long for Linux
    ],
)
def test_unportable_names(rel: str) -> None:
    assert name_problem(rel)


@pytest.mark.parametrize(
    "rel", ["content/posts/console.md", "content/posts/com10.md", "content/posts/" + "x" * 252 + ".md", "a/b-c_d.e.md"]
)
def test_portable_names(rel: str) -> None:
    assert name_problem(rel) is None


def test_clash_key_folds_case_and_unicode_form() -> None:
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    assert nfc != nfd and clash_key(f"p/{nfc}.md") == clash_key(f"p/{nfd}.md") == clash_key("p/CAFÉ.md")


def _loose(tmp: Path) -> Path:
    """A config whose schema takes any slug, so only the write stage judges the names."""
    (tmp / "loose.json").write_text(json.dumps({"type": "object"}), encoding="utf-8")
    (tmp / "config.yaml").write_text("validate:\n  schema: loose.json\n", encoding="utf-8")
    return tmp / "config.yaml"


def test_case_and_normalization_twins_are_errors_naming_both_pages(tmp_path: Path) -> None:
    _loose(tmp_path)
    nfd = unicodedata.normalize("NFD", "café")
    write_pages(
        tmp_path / "in",
        {
            "a.md": page("Notes", "A"),
            "b.md": page("notes", "B"),
            "c.md": page("café", "C"),
            "d.md": page(nfd, "D"),
            "e.md": page("fine", "E"),
        },
    )
    run = run_cli(tmp_path, "in", "out", "--config", "config.yaml", "-j", "1")
    assert run.code == 1
    errors = {m["file"]: m["msg"] for m in run.diagnostics("error") if m["code"] == "write.slug-duplicate"}
    assert set(errors) == {"in/a.md", "in/b.md", "in/c.md", "in/d.md"}
    assert "in/b.md" in errors["in/a.md"] and "in/a.md" in errors["in/b.md"]
    assert "in/d.md" in errors["in/c.md"] and "in/c.md" in errors["in/d.md"]
    assert sorted(p.name for p in (tmp_path / "out/content/posts").iterdir()) == ["fine.md"]


def test_reserved_and_forbidden_names_are_errors(tmp_path: Path) -> None:
    _loose(tmp_path)
    write_pages(tmp_path / "in", {"a.md": page("con", "A"), "b.md": page("what?", "B"), "c.md": page("ok", "C")})
    run = run_cli(tmp_path, "in", "out", "--config", "config.yaml", "-j", "1")
    assert run.code == 1
    bad = {m["file"] for m in run.diagnostics("error") if m["code"] == "write.name-unportable"}
    assert bad == {"in/a.md", "in/b.md"}
    assert sorted(p.name for p in (tmp_path / "out/content/posts").iterdir()) == ["ok.md"]
