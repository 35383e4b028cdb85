"""One module per construct of the legacy wiki's text, and the registry that puts them together.

A construct module holds everything about it: its pattern and mistune parse rule (``register``),
its transform to clean Markdown tokens, the text a reader sees of it (for the "nothing lost"
audit), how it reads inside HTML we keep, and ``TRIGGER``, the text that would read as it again
(the writer escapes that in literal text). ``TOKEN_RULES`` maps each token type to those parts.

To add a construct: write ``syntax/<name>.py`` on the model of ``wikilink.py`` and add it to
``MODULES`` (order matters where patterns overlap at one position: the first listed wins).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ..context import Converting
from ..tokens import Token
from . import shortcode, tiki_link, tiki_marks, tiki_plugin, wikilink


@dataclass(frozen=True)
class TokenRule:
    """One token type a construct adds: how to find it in literal text and what becomes of it."""

    type: str
    #: the pattern that finds it in literal text (text inside HTML, where Markdown does not apply)
    pattern: str
    #: ``read`` reads nested literal text (a colour run holds other constructs)
    text_token: Callable[[str, re.Match[str], Callable[[str], list[Token]]], Token]
    transform: Callable[[Converting, Token], list[Token]]
    #: ``read`` gives the reader text of nested tokens
    reader_text: Callable[[Token, Callable[[Token], str]], str]
    kept_html: Callable[[Converting, Token], str]


#: the constructs, in the order their rules are tried
MODULES: tuple[ModuleType, ...] = (shortcode, tiki_plugin, wikilink, tiki_marks, tiki_link)

_RULES: tuple[TokenRule, ...] = (
    TokenRule(
        "shortcode", shortcode.PATTERN, shortcode.text_token, shortcode.transform, shortcode.reader_text,
        shortcode.kept_html,
    ),
    TokenRule(
        "tiki_plugin", tiki_plugin.PATTERN, tiki_plugin.text_token, tiki_plugin.transform, tiki_plugin.reader_text,
        tiki_plugin.kept_html,
    ),
    TokenRule(
        "wikilink", wikilink.PATTERN, wikilink.text_token, wikilink.transform, wikilink.reader_text,
        wikilink.kept_html,
    ),
    TokenRule(
        "tiki_comment", tiki_marks.COMMENT, tiki_marks.raw_text_token("tiki_comment"), tiki_marks.comment,
        tiki_marks.comment_reader_text, tiki_marks.comment_kept_html,
    ),
    TokenRule(
        "tiki_token", tiki_marks.TOKEN, tiki_marks.raw_text_token("tiki_token"), tiki_marks.token,
        tiki_marks.token_reader_text, tiki_marks.token_kept_html,
    ),
    TokenRule(
        "tiki_link", tiki_link.PATTERN, tiki_link.text_token, tiki_link.transform, tiki_link.reader_text,
        tiki_link.kept_html,
    ),
    TokenRule(
        "tiki_color", tiki_marks.COLOR, tiki_marks.color_text_token, tiki_marks.color,
        tiki_marks.color_reader_text, tiki_marks.color_kept_html,
    ),
)  # fmt: skip
TOKEN_RULES: dict[str, TokenRule] = {r.type: r for r in _RULES}

#: literal text that would read as one of the constructs on the next conversion
TRIGGER = re.compile("|".join(m.TRIGGER for m in MODULES))
#: a cheap test before reading text for the constructs
HINT = re.compile("|".join(m.HINT for m in MODULES))
_ANY = re.compile("|".join(f"(?P<{r.type}>{r.pattern})" for r in _RULES))


def register(md: Any) -> None:
    """Every construct's parse rules on mistune parser ``md``."""
    for module in MODULES:
        module.register(md)


def text_tokens(text: str) -> list[Token]:
    """The constructs' tokens in literal text (text inside HTML, where Markdown does not apply)."""
    out: list[Token] = []
    last = 0
    for m in _ANY.finditer(text):
        if m.start() > last:
            out.append({"type": "text", "raw": text[last : m.start()], "literal": True})
        out.append(TOKEN_RULES[m.lastgroup or ""].text_token(m.group(0), m, text_tokens))
        last = m.end()
    if last < len(text):
        out.append({"type": "text", "raw": text[last:], "literal": True})
    return out


def reader_text(tok: Token) -> str:
    """What a reader sees of a token read from literal text."""
    if tok["type"] == "text":
        return str(tok["raw"])
    rule = TOKEN_RULES.get(tok["type"])
    return rule.reader_text(tok, reader_text) if rule else ""
