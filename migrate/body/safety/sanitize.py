"""One allow-list for every piece of HTML the body keeps, applied by nh3 (Rust's ammonia).

nh3 parses with html5ever, the same HTML5 algorithm a browser runs, so what it keeps is what a
browser would build; a hand-written list over our own tag reader would miss the parser tricks
(raw-text elements, foreign content, broken comments) that sanitizer bypasses are made of.
What it removes is found by comparing the tags and attributes before and after, so each removal
can be reported.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import lru_cache
from html.parser import HTMLParser

import nh3

from .urls import SAFE_SCHEMES

_GENERIC = {"id", "class", "title", "lang", "dir", "style", "align", "valign", "width", "height", "hidden"}
_PRESENTATION = {"border", "cellpadding", "cellspacing", "bgcolor", "color", "size", "face", "nowrap", "frame", "rules"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC | _PRESENTATION,
    "a": {"href", "name", "target", "hreflang", "type", "rel"},
    "img": {"src", "alt", "loading", "name"},
    "td": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "ul": {"type"},
    "li": {"value"},
    "sup": {"data-migrate-footnote"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "data": {"value"},
    "details": {"open"},
    "iframe": {"src", "allowfullscreen", "frameborder", "allow", "referrerpolicy"},
    "video": {"src", "controls", "poster", "preload", "loop", "muted", "playsinline"},
    "audio": {"src", "controls", "preload", "loop", "muted"},
    "source": {"src", "type", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "form": {"action", "method", "target"},
    "input": {"type", "name", "value", "src", "alt", "placeholder", "checked", "disabled", "readonly", "maxlength"},
    "select": {"name", "multiple", "disabled"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"},
    "button": {"type", "name", "value", "disabled"},
    "label": {"for"},
    "textarea": {"name", "rows", "cols", "readonly", "disabled", "placeholder"},
    "map": {"name"},
    "area": {"shape", "coords", "href", "alt"},
}
#: nh3's default elements plus the legacy and media ones wiki pages use; never script, style,
#: object, embed, svg, math, base, meta (textarea and iframe only because their content is read as text)
TAGS = frozenset(
    set(nh3.ALLOWED_TAGS)
    | set("font big section main nav iframe video audio source track picture form input select option optgroup "
          "button label fieldset legend caption nobr textarea".split())
)  # fmt: skip
# CSS that runs code or fetches something: IE expressions and behaviours, Mozilla bindings, imports, url().
_BAD_CSS = re.compile(r"expression|javascript:|vbscript:|behavior|-moz-binding|@import|url\(", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")


def _css_unescape(value: str) -> str:
    return _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16) % 0x110000 or 0xFFFD) if m.group(1) else m.group(2), value)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "style" and _BAD_CSS.search(_css_unescape(_CSS_COMMENT.sub("", value))):
        return None
    return value


def clean(fragment: str) -> str:
    """``fragment`` with everything off the allow-list removed (comments kept: they show nothing)."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=False,
        clean_content_tags={"script", "style"},
        attribute_filter=_attribute_filter,
    )


class _Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attrs: Counter[tuple[str, str]] = Counter()
        self.chars: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, _ in attrs:
            self.attrs[(tag, name)] += 1

    def handle_data(self, data: str) -> None:
        self.chars.update(data)
        del self.chars[" "], self.chars["\n"], self.chars["\t"], self.chars["\r"], self.chars["\xa0"]


def _inventory(fragment: str) -> _Inventory:
    inv = _Inventory()
    inv.feed(fragment)
    inv.close()
    return inv


_SERIALIZED_TAG = re.compile(r"<([a-z][a-z0-9-]*)((?:\s[^\s=>]+(?:=\"[^\"]*\")?)*)\s*/?>")
_SERIALIZED_ATTR = re.compile(r"\s([^\s=>]+)(?:=\"[^\"]*\")?")


def _serialized_inventory(fragment: str) -> _Inventory:
    """The inventory of html5ever's own output (well formed, attributes double-quoted): a regex reads it."""
    inv = _Inventory()
    for m in _SERIALIZED_TAG.finditer(fragment):
        tag = m.group(1)
        inv.tags[tag] += 1
        for a in _SERIALIZED_ATTR.finditer(m.group(2)):
            inv.attrs[(tag, a.group(1))] += 1
    text = re.sub(r"<!--.*?-->|<[^>]*>", "", fragment, flags=re.S)
    inv.handle_data(html.unescape(text))
    return inv


def removals(before: str, after: str) -> list[str]:
    """What the sanitizer took out, one phrase per kind of removal.

    Our reader (Python's) and the sanitizer's (html5ever's) could read tricky markup differently;
    when the visible characters differ, that difference is a removal too, so the sanitized form is
    the one written.
    """
    a, b = _inventory(before), _serialized_inventory(after)
    out = [f"<{tag}>" + (f" ({n}×)" if n > 1 else "") for tag, n in (a.tags - b.tags).items() if tag not in TAGS]
    for (tag, attr), n in (a.attrs - b.attrs).items():
        if tag in TAGS:
            out.append(f"{attr}= on <{tag}>" + (f" ({n}×)" if n > 1 else ""))
    if not out and a.chars != b.chars:
        out.append("markup a browser reads differently from how it looks")
    return out


@lru_cache(maxsize=4096)
def sanitize_fragment(fragment: str) -> tuple[str, tuple[str, ...]]:
    """(HTML to write, what was removed). Unchanged bytes when nothing on the list was touched."""
    cleaned = clean(fragment)
    if cleaned == fragment:
        return fragment, ()
    removed = removals(fragment, cleaned)
    if not removed:  # only quoting, entities or implied tags differ: keep what was written
        return fragment, ()
    return cleaned, tuple(removed)


_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>$")


def sanitize_tag(raw: str) -> tuple[str, tuple[str, ...]]:
    """One inline tag (an open tag, an end tag, a comment or a small element) through the same list."""
    end = _CLOSE_TAG.match(raw)
    if end:
        return (raw, ()) if end.group(1).lower() in TAGS else ("", ())
    cleaned, removed = sanitize_fragment(raw)
    if cleaned is raw or not removed:
        return raw, ()
    opened = _OPEN_TAG.match(raw)
    if opened:
        closing = f"</{opened.group(1).lower()}>"
        if cleaned.endswith(closing) and not raw.lower().rstrip().endswith(closing):
            cleaned = cleaned[: -len(closing)]  # nh3 closed the element we only opened here
    return cleaned, removed
