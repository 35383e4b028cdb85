"""What the report reads of a page file (the rendering itself is tested in the browser)."""

from __future__ import annotations

from migrate.reporters.html.render import split_front_matter, yaml_aliases


def test_front_matter_of_each_kind_is_split_off() -> None:
    assert split_front_matter('{\n "a": 1\n}\nbody\n') == ('{\n "a": 1\n}', "body\n", 4)
    assert split_front_matter("---\na: 1\n---\nbody\n") == ("---\na: 1\n---", "body\n", 4)
    assert split_front_matter("+++\na = 1\n+++\r\nbody\n") == ("+++\na = 1\n+++", "body\n", 4)
    assert split_front_matter("no front matter\n") == ("", "no front matter\n", 1)
    assert split_front_matter("{ not json\nbody") == ("", "{ not json\nbody", 1)


def test_aliases_as_the_write_stage_emits_them() -> None:
    front = "---\ntitle: x\naliases:\n- /Old+page\n- '/it''s'\n- \"/q\\\"\"\ntiki_page_id: 3\n---"
    assert yaml_aliases(front) == ["/Old+page", "/it's", '/q"']
    assert yaml_aliases("---\ntitle: x\n---") == []
