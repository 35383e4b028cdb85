from pathlib import Path

from conftest import make_page, run_stage

from migrate.taxonomy.neardup import find_near_duplicates
from migrate.taxonomy.rules import load_rules
from migrate.taxonomy.suggest import suggest
from migrate.taxonomy.vocabulary import Settings, Vocabulary, settings_with_rules

PAGES = {
    "a.md": ["Bone", "hip fractures", "magnesium"],
    "b.md": ["bone", "hip fracture", "magnesuim"],
    "c.md": ["bone", "hip fractures", "magnesium"],
}

HAND_EDITED = """\
# Our taxonomy, kept by the editors.   (top comment)

rename:
  # Tiki used abbreviations
  vit d: Vitamin D   # agreed in 2019
drop:
  - misc     # never meant anything
"""


def vocab_for(path: Path | None) -> Vocabulary:
    settings = settings_with_rules(Settings(), load_rules(path)) if path and path.exists() else Settings()
    return Vocabulary.build(((n, {"tags": t}) for n, t in PAGES.items()), settings)


def test_suggest_creates_a_commented_file_and_settles_every_group(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    first = find_near_duplicates(vocab_for(None))
    assert len(first) == 3
    assert suggest(path, first) == 3
    text = path.read_text(encoding="utf-8")
    assert "# Taxonomy rules for" in text
    assert "  magnesuim: magnesium" in text
    assert "# edit-distance: magnesium (2), magnesuim (1) (different terms? list them under distinct:)" in text
    assert find_near_duplicates(vocab_for(path)) == []
    assert suggest(path, []) == 0
    assert path.read_text(encoding="utf-8") == text


def test_hand_edited_file_keeps_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    suggest(path, find_near_duplicates(vocab_for(path)))
    text = path.read_text(encoding="utf-8")
    for line in HAND_EDITED.splitlines():
        assert line in text
    assert "bone: Bone" in text
    assert find_near_duplicates(vocab_for(path)) == []


def test_applied_suggestions_normalize_pages(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    suggest(path, find_near_duplicates(vocab_for(None)))
    pages = [make_page({"title": n, "slug": n[0], "tags": t}, n) for n, t in PAGES.items()]
    run_stage(pages, {"taxonomy": {"rules": "taxonomy.yaml"}}, tmp_path)
    assert {tuple(p.meta["tags"]) for p in pages} == {("Bone", "hip fractures", "magnesium")}


def test_suggest_never_proposes_a_pair_marked_distinct(tmp_path: Path) -> None:
    """infection ~ infections (plural) ~ injections ~ injection: the chain must not join the distinct pair."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("distinct:\n  - [Infection, Injection]\n", encoding="utf-8")
    pages = {"a.md": ["Infection"], "b.md": ["Infection", "infections"], "c.md": ["Injection"], "d.md": ["injections"]}
    settings = settings_with_rules(Settings(), load_rules(path))
    vocab = Vocabulary.build(((n, {"tags": t}) for n, t in pages.items()), settings)
    groups = find_near_duplicates(vocab)
    for group in groups:
        assert not {"Infection", "Injection"} <= set(group.labels), group
    suggest(path, groups, settings.rules.distinct)
    rules = path.read_text(encoding="utf-8")
    assert "Injection: Infection" not in rules and "Infection: Injection" not in rules
    assert "injections: Injection" in rules or "infections: Infection" in rules
