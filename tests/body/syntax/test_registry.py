"""body/syntax: every construct module has its parts, and the registry puts them together."""

from __future__ import annotations

from migrate.body.syntax import HINT, MODULES, TOKEN_RULES, TRIGGER, reader_text, text_tokens
from migrate.body.tokens import OUR_TYPES


def test_every_construct_has_its_parts() -> None:
    for module in MODULES:
        for part in ("TRIGGER", "HINT", "register"):
            assert hasattr(module, part), f"{module.__name__} has no {part}"
    assert set(TOKEN_RULES) <= OUR_TYPES


def test_literal_text_is_read_for_every_construct_in_order() -> None:
    text = "a {{< sc >}} b {TOC} c ((Home|the home)) ~tc~note~/tc~ d~hs~e ~~#F00:red ((X))~~"
    kinds = [t["type"] for t in text_tokens(text) if t["type"] != "text"]
    assert kinds == ["shortcode", "tiki_plugin", "wikilink", "tiki_comment", "tiki_token", "tiki_color"]
    assert "".join(reader_text(t) for t in text_tokens(text)).split() == [
        "a",
        "b",
        "c",
        "the",
        "home",
        "d",
        "e",
        "red",
        "X",
    ]


def test_what_would_read_as_a_construct_again_is_found() -> None:
    for s in ("{{<", "{{%", "((", "{A", "~hs~", "~~#fff:", "~tc~"):
        assert TRIGGER.match(s) and HINT.search(s), s
    assert not TRIGGER.match("~~strike~~") and not TRIGGER.match("(x)")
