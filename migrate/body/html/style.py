"""The emphasis an element's look gives its text: bold and italic tags, CSS weight and slant, mapped colours.

A reader sees ``<span style="font-weight:bold">`` as bold as ``<b>``, and a pasted paper's
``<p style="font-style:italic">`` as italic; ``font-weight: normal`` inside bold text un-bolds it.
:func:`styles_of` says what one element sets (``{"strong": True}``, ``{"strong": False}`` ...),
:func:`styled` applies that to inline tokens, :func:`styled_blocks` to the blocks an element
wraps. An un-bolded part is an ``unstyled`` token until the strong around it is built
(``inline_ops.cut_unstyled``, called by ``hoist``); one with nothing to un-style around it is
written as its content (``writer.i_unstyled``).
"""

from __future__ import annotations

import re
from typing import Any

from ..inline_ops import hoist

Token = dict[str, Any]

_DECLARATION = re.compile(r"(?:^|;)\s*(font-weight|font-style|font|color)\s*:\s*([^;]*)", re.I)
_BOLD = re.compile(r"^(?:bold|bolder|[6-9]00)$")
_NOT_BOLD = re.compile(r"^(?:normal|lighter|[1-5]00)$")
_ITALIC = re.compile(r"^(?:italic|oblique)")
_TAG_STYLE = {
    "b": "strong", "strong": "strong", "i": "emphasis", "em": "emphasis", "var": "emphasis", "dfn": "emphasis",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
}  # fmt: skip


def css_emphasis(style: str) -> tuple[dict[str, bool], str]:
    """(``{"strong"|"emphasis": on}`` the declarations set, the colour or "") of a ``style`` attribute.

    The ``font`` shorthand counts only where it names a weight or slant (``font: italic 12px x``).
    """
    out: dict[str, bool] = {}
    color = ""
    for m in _DECLARATION.finditer(style):
        prop = m.group(1).lower()
        value = m.group(2).replace("!important", "").strip().lower()
        if prop == "color":
            color = value
        elif prop == "font-weight":
            if _BOLD.match(value):
                out["strong"] = True
            elif _NOT_BOLD.match(value):
                out["strong"] = False
        elif prop == "font-style":
            if _ITALIC.match(value):
                out["emphasis"] = True
            elif value == "normal":
                out["emphasis"] = False
        else:  # the shorthand
            words = value.split()
            if any(_BOLD.match(w) for w in words):
                out["strong"] = True
            if any(_ITALIC.match(w) for w in words):
                out["emphasis"] = True
    return out, color


def styles_of(opts: Any, tag: str, attrs: dict[str, str]) -> dict[str, bool]:
    """What element ``tag`` sets: its own meaning (``<b>``), then its CSS, then a colour the config maps.

    CSS wins over the tag (``<b style="font-weight:normal">`` is not bold); a mapped colour only
    adds a style the element does not already set.
    """
    out: dict[str, bool] = {}
    own = _TAG_STYLE.get(tag)
    if own:
        out[own] = True
    style = attrs.get("style", "")
    color = ""
    if style:
        css, color = css_emphasis(style)
        out.update(css)
    if opts.colors:
        mapped = opts.color_style(color or attrs.get("color", "")) if (color or attrs.get("color")) else None
        if mapped and mapped not in out:
            out[mapped] = True
    return out


def styled(styles: dict[str, bool], children: list[Token]) -> list[Token]:
    """``children`` shown with ``styles`` (strong outside emphasis); nothing to show, nothing made."""
    for kind in ("strikethrough", "emphasis", "strong"):
        on = styles.get(kind)
        if on is None or not children:
            continue
        if on:
            children = hoist({"type": kind, "children": children})
        else:
            children = [{"type": "unstyled", "kind": kind, "children": children}]
    return children


def styled_blocks(styles: dict[str, bool], blocks: list[Token], cells: bool = True) -> list[Token]:
    """Each block's text shown with ``styles``: paragraphs, headings, list items, quotes (table cells if ``cells``).

    Code and HTML kept as is cannot take a style; they stay as they are.
    """
    if not any(v is not None for v in styles.values()):
        return blocks
    stack = list(blocks)
    while stack:
        b = stack.pop()
        kind = b["type"]
        if kind in ("paragraph", "block_text", "heading", "table_cell"):
            b["children"] = styled(styles, b["children"])
        elif kind in ("list", "list_item", "task_list_item", "block_quote") or (
            cells and kind in ("table", "table_head", "table_body", "table_row")
        ):
            stack.extend(b.get("children") or [])
    return blocks
