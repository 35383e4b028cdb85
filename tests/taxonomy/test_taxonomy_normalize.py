from collections import Counter

from migrate.taxonomy.normalize import choose_label, clean, singular, singular_key, slug_for, term_key


def test_clean_nfc_and_whitespace() -> None:
    assert clean("  Cafe\u0301 \t au\u00a0 lait \n") == "Café au lait"


def test_key_ignores_case_spacing_and_punctuation() -> None:
    assert term_key("Parkinson's") == term_key("parkinsons") == term_key("PARKINSON’S")
    assert term_key("Omega-3") == term_key("omega 3") == term_key("OMEGA  3")
    assert term_key("Vitamin D") != term_key("Vitamin E")


def test_key_of_punctuation_only_label_is_not_empty() -> None:
    assert term_key("???") == "???"


def test_slug_drops_apostrophes() -> None:
    assert slug_for("Parkinson's disease") == "parkinsons-disease"
    assert slug_for("Vitamin D & Iron") == "vitamin-d-iron"
    assert slug_for("???") == ""


def test_choose_label_most_used_then_capitals() -> None:
    assert choose_label(Counter({"bone": 5, "Bone": 2})) == "bone"
    assert choose_label(Counter({"bone": 2, "Bone": 2})) == "Bone"


def test_singular() -> None:
    assert [singular(w) for w in ("fractures", "studies", "boxes", "virus", "sinus", "gas")] == [
        "fracture",
        "study",
        "box",
        "virus",
        "sinus",
        "gas",
    ]
    assert singular_key("Hip Fractures") == singular_key("hip fracture")
