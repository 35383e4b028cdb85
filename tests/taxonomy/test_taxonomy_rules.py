from pathlib import Path

import pytest

from migrate.config import Config
from migrate.taxonomy.normalize import term_key
from migrate.taxonomy.rules import RulesError, load_rules, parse_rules
from migrate.taxonomy.vocabulary import settings_from_config

GOOD = """\
# our rules
keys: [tags, categories]
keep_category_as_tag: true
rename:
  parkinsons: Parkinson's disease   # the full name
  bone: Bone
merge:
  Vitamin D: [vit d, vitamin-d3x]
drop: [misc]
move:
  Sleep: categories
slugs:
  C++: c-plus-plus
distinct:
  - [vitamin d2, vitamin d3]
"""


def test_good_rules_resolve_to_term_keys() -> None:
    rules = parse_rules(GOOD)
    assert rules.keys == ("tags", "categories")
    assert rules.keep_category_as_tag is True
    assert rules.final_key(term_key("Parkinson's")) == term_key("Parkinson's disease")
    assert rules.labels[term_key("parkinsons disease")] == "Parkinson's disease"
    assert rules.labels["bone"] == "Bone"
    assert rules.final_key("vitd") == "vitamind"
    assert "misc" in rules.drop
    assert rules.move["sleep"][0] == "categories"
    assert rules.slugs["c"] == "c-plus-plus"
    assert frozenset({"vitamind2", "vitamind3"}) in rules.distinct


def test_chains_are_followed() -> None:
    rules = parse_rules("rename:\n  a thing: b thing\n  b thing: c thing\n")
    assert rules.final_key("athing") == "cthing"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("# c\nfoo: 1\n", ":2:1:", "foo"),
        ("rename:\n  a: 3\n", ":2:3:", "not text"),
        ("rename:\n  1: a\n", ":2:3:", "not text"),
        ("rename:\n  a: b\n  b: a\n", ":3:3:", "loop"),
        ("rename:\n  a: b\n  A: c\n", ":3:3:", "already sent"),
        ("rename:\n  a: Foo\n  b: foo\n", ":3:3:", "two labels"),
        ("drop: [a]\nrename: {a: b}\n", ":1:8:", "dropped and renamed"),
        ("slugs:\n  a: Not A Slug\n", ":2:3:", "does not match"),
        ("rename: [\n", ":2:1:", "broken YAML"),
        ("rename:\n  a: b\n  a: c\n", ":3:3:", "broken YAML"),
        ("- a\n", ":1:1:", "not of type 'object'"),
        ("keys: [tags]\nmove: {a: categories}\n", ":2:8:", "not one of keys"),
    ],
)
def test_bad_rule_is_an_error_with_its_line(text: str, where: str, words: str) -> None:
    with pytest.raises(RulesError) as err:
        parse_rules(text, "rules.yaml")
    message = str(err.value)
    assert message.startswith("rules.yaml" + where), message
    assert words in message
    assert "\n" not in message


def test_empty_file_is_no_rules(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    rules = load_rules(path)
    assert not rules.targets and not rules.drop


def test_config_rules_path_is_relative_to_config(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text("rename:\n  bone: Bone\n", encoding="utf-8")
    settings = settings_from_config(Config({"taxonomy": {"rules": "taxonomy.yaml", "keys": ["tags"]}}, tmp_path))
    assert settings.keys == ("tags",)
    assert settings.rules.labels == {"bone": "Bone"}


def test_missing_rules_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read"):
        settings_from_config(Config({"taxonomy": {"rules": "nope.yaml"}}, tmp_path))


def test_move_to_a_key_outside_the_config_keys(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text("move:\n  Sleep: topics\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"t\.yaml:2:3: .*'topics'"):
        settings_from_config(Config({"taxonomy": {"rules": "t.yaml"}}, tmp_path))


def test_docs_example_is_a_valid_rules_file() -> None:
    import re

    docs = Path(__file__).parents[2] / "docs" / "taxonomy.md"
    blocks = re.findall(r"```yaml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S)
    rules = parse_rules(next(b for b in blocks if "distinct:" in b))
    assert rules.final_key("vegplots") == "vegetableplots"
