from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from migrate.cli import main


def write_pages(root: Path) -> Path:
    pages = root / "pages"
    pages.mkdir()
    (pages / "a.md").write_text('{"title": "A", "slug": "a", "tags": ["Bone", "iron"]}\n\nA.\n', encoding="utf-8")
    (pages / "b.md").write_text("---\ntitle: B\nslug: b\ntags: [bone, bones]\n---\nB.\n", encoding="utf-8")
    return pages


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, ["taxonomy", *args])


def test_text_report(tmp_path: Path) -> None:
    result = invoke(str(write_pages(tmp_path)))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 pages, 3 terms")
    assert "[case] -> 'Bone'" in result.output
    assert "[plural] -> " in result.output


def test_json_report(tmp_path: Path) -> None:
    result = invoke(str(write_pages(tmp_path)), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    bone = next(t for t in report["terms"] if t["slug"] == "bone")
    assert bone["spellings"] == {"Bone": 1, "bone": 1}
    assert bone["pages"] == 2
    kinds = sorted(tuple(d["kinds"]) for d in report["near_duplicates"])
    assert kinds == [("case",), ("plural",)]
    assert report["near_duplicates"][0]["terms"][0]["pages"] == ["pages/a.md"]


def test_suggest_then_nothing_left(tmp_path: Path) -> None:
    pages = write_pages(tmp_path)
    rules = tmp_path / "taxonomy.yaml"
    first = invoke(str(pages), "--suggest", str(rules), "--format", "json")
    assert first.exit_code == 0
    assert rules.is_file()
    second = invoke(str(pages), "--suggest", str(rules), "--format", "json")
    assert json.loads(second.stdout)["near_duplicates"] == []
    config = tmp_path / "migrate.yaml"
    config.write_text("taxonomy:\n  rules: taxonomy.yaml\n", encoding="utf-8")
    third = invoke(str(pages), "--config", str(config), "--format", "json")
    assert json.loads(third.stdout)["near_duplicates"] == []


def test_slug_collision_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('{"title": "A", "slug": "a", "tags": ["café", "cafe"]}\n', encoding="utf-8")
    result = invoke(str(tmp_path))
    assert result.exit_code == 1
    assert "error[taxonomy.slug-collision]" in result.output


def test_unreadable_page_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"no front matter here\n")
    (tmp_path / "good.md").write_text('{"title": "A", "slug": "a", "tags": ["x"]}\n', encoding="utf-8")
    result = invoke(str(tmp_path))
    assert result.exit_code == 1
    assert "bad.md:1:1: error[read.no-front-matter]" in result.stderr
    assert "1 pages, 1 terms" in result.stdout


def test_bad_rules_file_exits_2_with_its_line(tmp_path: Path) -> None:
    pages = write_pages(tmp_path)
    rules = tmp_path / "taxonomy.yaml"
    rules.write_text("# mine\nrename:\n  bone: [Bone]\n", encoding="utf-8")
    result = invoke(str(pages), "--suggest", str(rules))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "taxonomy.yaml:3:3: error[taxonomy.rules] bad taxonomy rule at rename/bone: ['Bone'] is not text (quote it)"
    )
    assert "Traceback" not in result.output
    assert rules.read_text(encoding="utf-8") == "# mine\nrename:\n  bone: [Bone]\n"


def test_missing_folder_exits_2(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "not a folder" in result.stderr


def test_suggest_keeps_the_comments_of_a_hand_edited_file(tmp_path: Path) -> None:
    pages = write_pages(tmp_path)
    rules = tmp_path / "taxonomy.yaml"
    hand = (
        "# Kept by the editors: do not reorder.\n"
        "rename:\n"
        "  # iron was a mineral tag, agreed 2019\n"
        "  iron: Iron   # capital I\n"
        "drop:\n"
        "  - misc    # meaningless\n"
    )
    rules.write_text(hand, encoding="utf-8")
    result = invoke(str(pages), "--suggest", str(rules))
    assert result.exit_code == 0, result.output
    text = rules.read_text(encoding="utf-8")
    assert [line for line in hand.splitlines() if line not in text] == []
    assert text.index("# Kept by the editors") < text.index("rename:") < text.index("drop:")
    assert "bones" in text  # the proposal was added to the same file
    again = invoke(str(pages), "--suggest", str(rules), "--format", "json")
    assert json.loads(again.stdout)["near_duplicates"] == []
    assert rules.read_text(encoding="utf-8") == text


def test_report_separates_keys_and_what_a_person_must_decide(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    metas = [
        {"categories": ["Pregnancy"], "tags": ["bone"]},
        {"associated_tags": ["pregnancy", "magnesium"], "tags": ["Bone"]},
        {"associated_tags": ["pregnancy", "magnesuim"]},
    ]
    for i, meta in enumerate(metas):
        front = json.dumps({"title": f"P{i}", "slug": f"p{i}", "date": "2024-01-01", **meta})
        (folder / f"p{i}.md").write_text(front + "\nBody.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["taxonomy", str(folder)])
    out = result.output
    assert out.index("Tags (") < out.index("Categories (") < out.index("Associated tags (")
    categories = out[out.index("Categories (") : out.index("Associated tags (")]
    assert "Pregnancy" in categories and "magnesium" not in categories
    decide = out[out.index("Near-duplicates to decide (1)") : out.index("Spellings merged automatically")]
    assert "[edit-distance]" in decide and "[case]" not in decide
    assert "[case] -> 'Bone'" in out[out.index("Spellings merged automatically (2)") :]
    report = json.loads(CliRunner().invoke(main, ["taxonomy", str(folder), "--format", "json"]).output)
    pregnancy = next(t for t in report["terms"] if t["label"] == "Pregnancy")
    assert pregnancy["keys"] == {"categories": 1, "associated_tags": 2}
    assert sorted(d["decide"] for d in report["near_duplicates"]) == [False, False, True]
