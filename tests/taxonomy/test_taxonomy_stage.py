from pathlib import Path

import pytest
from conftest import make_page, run_stage

from migrate.config import ConfigError
from migrate.page import Page


def codes(page: Page) -> list[str]:
    return [d.code for d in page.diagnostics]


def test_case_variants_become_one_tag_and_case_is_never_lowered() -> None:
    pages = [
        make_page({"title": "A", "slug": "a", "tags": ["Zinc", "zinc", "Bone"]}, "a.md"),
        make_page({"title": "B", "slug": "b", "tags": ["zinc"]}, "b.md"),
    ]
    run_stage(pages)
    # "zinc" is on more pages, but a capitalised spelling exists: that one is the label
    assert pages[0].meta["tags"] == ["Bone", "Zinc"]
    assert "taxonomy.relabeled" in codes(pages[0])
    assert "taxonomy.duplicate" in codes(pages[0])
    assert codes(pages[1]) == ["taxonomy.relabeled"]


def test_a_category_keeps_the_spelling_its_category_lists_use() -> None:
    pages = [make_page({"title": "C", "slug": "c", "categories": ["Multiple Sclerosis"]}, "c.md")]
    pages += [
        make_page({"title": f"T{i}", "slug": f"t{i}", "associated_tags": ["multiple sclerosis"]}, f"t{i}.md")
        for i in range(5)
    ]
    run_stage(pages)
    assert pages[0].meta["categories"] == ["Multiple Sclerosis"]
    assert all(p.meta["associated_tags"] == ["Multiple Sclerosis"] for p in pages[1:])


def test_every_change_is_reported_at_the_term_position() -> None:
    page = make_page({"title": "A", "slug": "a", "tags": ["b", "A"]})
    run_stage([page])
    (sorted_,) = page.diagnostics
    assert sorted_.format() == "page.md:4:11: info[taxonomy.sorted] tags: terms sorted"
    page = make_page({"title": "A", "slug": "a", "tags": ["x", " x "]})
    run_stage([page])
    (dup,) = [d for d in page.diagnostics if d.code == "taxonomy.duplicate"]
    assert (dup.line, dup.column) == (6, 5)
    assert dup.pointer == "/tags/1"


def test_category_is_not_repeated_as_tag_unless_configured() -> None:
    meta = {"title": "A", "slug": "a", "categories": ["Sleep", "Iron"], "tags": ["sleep", "Sleep", "iron", "zinc"]}
    (page,) = run_stage([make_page(dict(meta))])
    assert page.meta["categories"] == ["Iron", "Sleep"]
    assert page.meta["tags"] == ["zinc"]
    assert codes(page).count("taxonomy.category-as-tag") == 3
    (page,) = run_stage([make_page(dict(meta))], {"taxonomy": {"keep_category_as_tag": True}})
    assert page.meta["tags"] == ["Iron", "Sleep", "zinc"]


def test_rules_rename_merge_drop_move(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(
        "rename:\n  parkinsons: Parkinson's disease\ndrop: [misc]\nmove:\n  Sleep: categories\n", encoding="utf-8"
    )
    meta = {"title": "A", "slug": "a", "tags": ["PARKINSON'S", "misc", "sleep", "iron"]}
    (page,) = run_stage([make_page(meta)], {"taxonomy": {"rules": "taxonomy.yaml"}}, tmp_path)
    assert page.meta["tags"] == ["iron", "Parkinson's disease"]
    assert page.meta["categories"] == ["sleep"]
    messages = {d.code: d.message for d in page.diagnostics}
    assert "taxonomy.yaml:3" in messages["taxonomy.dropped"]
    assert "moved to categories" in messages["taxonomy.moved"]
    assert messages["taxonomy.renamed"] == 'tags: "PARKINSON\'S" -> "Parkinson\'s disease" (rule)'


def test_slug_collision_is_an_error() -> None:
    pages = [make_page({"title": "A", "slug": "a", "tags": ["café", "cafe"]})]
    run_stage(pages)
    errors = [d for d in pages[0].diagnostics if d.severity == "error"]
    assert {d.code for d in errors} == {"taxonomy.slug-collision"}
    assert "share the slug 'cafe'" in errors[0].message


def test_rule_slug_resolves_a_collision(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text("slugs:\n  café: cafe-fr\n", encoding="utf-8")
    (page,) = run_stage(
        [make_page({"title": "A", "slug": "a", "tags": ["café", "cafe"]})], {"taxonomy": {"rules": "t.yaml"}}, tmp_path
    )
    assert not page.has_errors


def test_term_without_slug_is_an_error() -> None:
    (page,) = run_stage([make_page({"title": "A", "slug": "a", "tags": ["???"]})])
    assert codes(page) == ["taxonomy.no-slug"]
    assert page.meta["tags"] == ["???"]


def test_odd_values_are_reported_not_lost() -> None:
    meta = {
        "title": "A",
        "slug": "a",
        "tags": [2014, "", None, "x"],
        "categories": "Sleep",
        "associated_tags": {"a": 1},
    }
    (page,) = run_stage([make_page(meta)])
    assert page.meta["tags"] == ["2014", "x", None]
    assert page.meta["categories"] == ["Sleep"]
    assert page.meta["associated_tags"] == {"a": 1}
    found = set(codes(page))
    assert {"taxonomy.not-text", "taxonomy.empty", "taxonomy.bad-term", "taxonomy.not-list"} <= found
    assert page.has_errors


def test_bad_rules_file_stops_the_run_naming_the_rule(tmp_path: Path) -> None:
    # One message for the whole run (exit 2 in the CLI), not the same error on every page.
    (tmp_path / "t.yaml").write_text("rename:\n  a: [b]\n", encoding="utf-8")
    pages = [make_page({"title": "A", "slug": "a", "tags": ["B", "b"]})]
    with pytest.raises(ConfigError) as err:
        run_stage(pages, {"taxonomy": {"rules": "t.yaml"}}, tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 't.yaml'}:2:3: error[taxonomy.rules]")
    assert pages[0].meta["tags"] == ["B", "b"]
