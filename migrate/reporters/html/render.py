"""Markdown to safe HTML for the report's side-by-side view.

Both sides are rendered the way Hugo's goldmark renders a page: CommonMark with GFM tables,
strikethrough and footnotes, raw HTML passed through (the target keeps HTML on purpose). We use
markdown-it-pyrs (the Rust markdown-it behind a Python API, from the markdown-it-py authors) because it
is CommonMark-compliant like goldmark and fast enough to render every page of a 2,466-page run in a
fraction of the convert's time. The result is then sanitized with nh3 (the Ammonia sanitizer): no
script, event handler or ``javascript:`` URL of a wiki page ever runs inside the report.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

#: what a reviewer must see of a page; forms and iframes are kept (inert: the report's CSP blocks
#: submitting and framing) because "a kept <form>" is exactly what a person has to look at.
_EXTRA_TAGS = {
    "form", "input", "button", "select", "option", "textarea", "label", "fieldset", "legend", "iframe",
    "section", "figure", "figcaption", "center", "font", "u", "s", "del", "ins", "mark", "dl", "dt", "dd",
}  # fmt: skip
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"title", "lang", "dir", "id"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "input": {"type", "name", "value", "placeholder"},
    "form": {"action", "method"},
    "iframe": {"src", "width", "height"},
    "button": {"type"},
    "option": {"value"},
}


@lru_cache(maxsize=1)
def _markdown() -> Any:
    import markdown_it_pyrs

    return markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough", "footnote"])


@lru_cache(maxsize=4)
def _cleaner(id_prefix: str) -> Any:
    import nh3

    return nh3.Cleaner(
        tags=set(nh3.ALLOWED_TAGS) | _EXTRA_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        # an iframe of the wiki must not run, load or navigate anything from inside the report
        set_tag_attribute_values={"iframe": {"sandbox": ""}},
        id_prefix=id_prefix,
    )


def markdown_to_safe_html(text: str, id_prefix: str) -> str:
    """Render Markdown (with raw HTML) and sanitize the result; ids get ``id_prefix`` so two panes never clash."""
    return str(_cleaner(id_prefix).clean(_markdown().render(text)))


_FENCE = {"---": re.compile(r"^---[ \t]*(?=\r?$)", re.M), "+++": re.compile(r"^\+\+\+[ \t]*(?=\r?$)", re.M)}


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, 1-based line where the body starts) of a page file; JSON, YAML or TOML fences."""
    text = text.removeprefix("\ufeff")
    head = text[:3]
    end = -1
    if head in _FENCE and text[3:4] in ("\n", "\r", " ", "\t"):
        m = _FENCE[head].search(text, 4)
        end = m.end() if m else -1
    elif text.lstrip().startswith("{"):
        start = len(text) - len(text.lstrip())
        try:
            _, end = json.JSONDecoder().raw_decode(text, start)
        except ValueError:
            end = -1
    if end < 0:
        return "", text, 1
    front, body = text[:end], text[end:]
    line = front.count("\n") + 1
    if body.startswith("\r\n"):
        body, line = body[2:], line + 1
    elif body.startswith("\n"):
        body, line = body[1:], line + 1
    return front, body, line


_ALIASES = re.compile(r"^aliases:[ \t]*\n((?:[ \t]*-[ \t]+.*\n?)+)", re.M)


def yaml_aliases(front: str) -> list[str]:
    """The ``aliases`` list of front matter as our write stage emits it (block list of plain or quoted strings)."""
    m = _ALIASES.search(front)
    if not m:
        return []
    out = []
    for line in m.group(1).splitlines():
        value = line.strip()[1:].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1].replace("''", "'") if value[0] == "'" else json.loads(value)
        if value:
            out.append(value)
    return out
