from typing import Any

from migrate.taxonomy.neardup import find_near_duplicates
from migrate.taxonomy.rules import parse_rules
from migrate.taxonomy.vocabulary import Settings, Vocabulary


def near(pages: dict[str, list[str]], rules: str = "") -> list[Any]:
    settings = Settings(rules=parse_rules(rules)) if rules else Settings()
    vocab = Vocabulary.build(((name, {"tags": tags}) for name, tags in pages.items()), settings)
    return find_near_duplicates(vocab)


def test_spelling_groups_with_their_pages() -> None:
    (dup,) = near({"a.md": ["Bone"], "b.md": ["bone"], "c.md": ["bone"]})
    assert dup.kinds == ("case",)
    # case is never lowered when a capitalised spelling exists, however few pages use it
    assert dup.suggestion == "Bone"
    assert [(m.label, m.pages) for m in dup.members] == [("Bone", ("a.md",)), ("bone", ("b.md", "c.md"))]
    (dup,) = near({"a.md": ["Parkinson's"], "b.md": ["parkinsons"]})
    assert dup.kinds == ("punctuation",)
    (dup,) = near({"a.md": ["heart disease"], "b.md": ["heartdisease"]})
    assert dup.kinds == ("spacing",)


def test_plural_edit_distance_and_token_set() -> None:
    found = near(
        {
            "a.md": ["hip fractures", "magnesium", "vitamin d and iron"],
            "b.md": ["hip fracture", "magnesuim", "iron, vitamin d"],
            "c.md": ["hip fractures"],
        }
    )
    by_kind = {d.kinds: d for d in found}
    assert by_kind[("plural",)].labels == ("hip fracture", "hip fractures")
    assert by_kind[("plural",)].suggestion == "hip fractures"
    assert by_kind[("edit-distance",)].labels == ("magnesium", "magnesuim")
    assert by_kind[("token-set",)].labels == ("iron, vitamin d", "vitamin d and iron")


def test_different_terms_that_look_alike_are_left_alone() -> None:
    assert near({"a.md": ["vitamin a", "vitamin d", "hepatitis b", "hepatitis c", "vitamin d2", "vitamin d3"]}) == []
    assert near({"a.md": ["RSV", "HRV", "magnesium", "magnesium and pregnancy"]}) == []


def test_rules_settle_groups() -> None:
    pages = {"a.md": ["Bone", "infection"], "b.md": ["bone", "injection"]}
    assert len(near(pages)) == 2
    assert near(pages, "rename:\n  bone: Bone\ndistinct:\n  - [infection, injection]\n") == []


def test_hostile_long_terms_do_not_stall() -> None:
    long_terms = [("x" * 200_000) + str(i % 10) + "y" * 10 for i in range(6)]
    assert near({"a.md": long_terms}) == []
