"""The token tree: mistune's token dicts, and the token types this package adds, declared once.

mistune's tokens are plain dicts (``{"type": "paragraph", "children": [...]}``); ours are too, so
one walker reads both. The TypedDicts below say what each type we add carries; code builds them
through the constructors here. ``Token`` stays a plain dict alias: a tree mixes mistune's types
(whose keys mistune does not declare) with ours.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

Token = dict[str, Any]


class TextToken(TypedDict):
    """Text; ``literal``: entities already decoded (every text reaching the writer is)."""

    type: Literal["text"]
    raw: str
    literal: NotRequired[bool]
    #: written with every markup character escaped (Tiki left as text, ``_emphasis`` runs)
    escaped: NotRequired[bool]
    #: Tiki syntax left as text on purpose: the writer does not escape it as Tiki
    tiki_left: NotRequired[bool]


class InlineHTMLToken(TypedDict):
    """Raw HTML written as it is (mistune's own type, also made by the element rules)."""

    type: Literal["inline_html"]
    raw: str


class HTMLElementToken(TypedDict):
    """An HTML element: its start tag as written and what it wraps (``html/inline.py`` builds it)."""

    type: Literal["html"]
    tag: str
    attrs: dict[str, str]
    raw_open: str
    #: False when the source never closed it (the parser ended it)
    closed: bool
    #: no start tag in the source: the HTML parser implied it (``<tbody>``)
    implied: NotRequired[bool]
    children: list[Token]


class TikiElementToken(TypedDict):
    """A paired Tiki plugin, ``{NAME(args)}...{NAME}``, folded around what it wraps."""

    type: Literal["tiki"]
    tag: str
    attrs: dict[str, str]
    raw_open: str
    closed: bool
    args: str | None
    children: list[Token]


class HTMLCommentToken(TypedDict):
    type: Literal["html_comment"]
    raw: str


class AnchorToken(TypedDict):
    """A named place in the page; kept as ``<a id>`` only if the page links to it."""

    type: Literal["anchor"]
    name: str


class ShortcodeToken(TypedDict):
    """``{{< name >}}`` / ``{{% name %}}`` (inline) or a paired block of them, kept byte for byte."""

    type: Literal["shortcode", "shortcode_block"]
    raw: str


class WikiLinkAttrs(TypedDict):
    target: str
    label: str


class WikiLinkToken(TypedDict):
    type: Literal["wikilink"]
    raw: str
    attrs: WikiLinkAttrs
    children: NotRequired[list[Token]]


class UnstyledToken(TypedDict):
    """Text a style does not reach (``font-weight: normal`` inside bold): cut out of the strong around it."""

    type: Literal["unstyled"]
    #: the style it takes off: ``strong`` or ``emphasis``
    kind: str
    children: list[Token]


class TikiColorToken(TypedDict):
    type: Literal["tiki_color"]
    raw: str
    attrs: dict[str, str]
    children: list[Token]


class TikiLinkToken(TypedDict):
    """A Tiki bracket link ``[url|label]`` that is not a link token: a leftover shown as text
    (``kind`` "left", ``why`` says why), or one read from literal text inside HTML (``kind`` "link",
    ``why`` holds its label)."""

    type: Literal["tiki_link"]
    raw: str
    attrs: dict[str, str]


class TikiRawToken(TypedDict):
    """``{PLUGIN(...)}``, ``~tc~...~/tc~`` and ``~hs~``-style tokens, as written."""

    type: Literal["tiki_plugin", "tiki_comment", "tiki_token"]
    raw: str


class HTMLBlockToken(TypedDict):
    """An HTML element written around Markdown blocks: a kept table, its rows and cells (``html/tables.py``).

    ``open`` is its start tag (attributes already chosen and escaped); ``children`` are blocks, or
    more ``html_block`` tokens for the parts of a structure."""

    type: Literal["html_block"]
    tag: str
    open: str
    children: list[Token]


#: every token type this package adds to mistune's
OUR_TYPES = frozenset(
    "html tiki html_comment anchor shortcode shortcode_block wikilink tiki_color tiki_plugin tiki_comment "
    "tiki_token tiki_link html_block unstyled".split()
)


def text(raw: str) -> Token:
    """A literal text token."""
    return {"type": "text", "raw": raw, "literal": True}


def inline_html(raw: str) -> Token:
    return {"type": "inline_html", "raw": raw}


def element(kind: str, tag: str, attrs: dict[str, str], raw: str) -> Token:
    """An ``html`` or ``tiki`` element token, still without children."""
    return {"type": kind, "tag": tag, "attrs": attrs, "raw_open": raw, "closed": True, "children": []}
