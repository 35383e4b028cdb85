"""Element rules: what each HTML element becomes in Markdown (``RULES``: tag -> rule).

The same rules serve inline HTML (folded by ``inline.py``) and the inline content of HTML blocks
(``blocks.py``), so a ``<b>`` means the same in both places. An element with no rule is kept as
HTML (and reported) if it is HTML, or unwrapped (its content kept) if it is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..context import Converting
from ..inline_ops import clip, hoist, plain_text, split_nested_link
from ..tokens import Token, inline_html, text
from .style import styled, styles_of
from .tree import VOID

WRAPPERS = frozenset(
    "span font small big div p center section article nobr abbr acronym cite label header footer main "
    "aside figure figcaption address tbody thead tfoot bdi bdo time data wbr nav hgroup search".split()
    # underline, insertion and highlight have no Markdown form and are presentation (the theme's):
    # their words stay, as plain text, rather than as HTML left in the page
    + "u ins mark".split()
)
# A whole HTML document (often Microsoft Office's) pasted into a page: its head shows nothing.
INVISIBLE = frozenset(["head", "meta", "link", "xml", "title", "style", "base"])
DOCUMENT = frozenset(["html", "body"])
# Every element of HTML (living standard, plus the old ones wiki pages still carry).
HTML_ELEMENTS = frozenset(
    """a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
    embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i
    iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noframes noscript
    object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select
    slot small source span strike strong style sub summary sup svg math table tbody td template textarea tfoot th
    thead time title tr track tt u ul var video wbr xml""".split()
)
PLACEHOLDER_ALTS = frozenset("image img picture photo graphic pic screenshot untitled".split())
SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_FA_STYLE = re.compile(r"^(?:fa[srlbdt]?|fa-(?:solid|regular|light|thin|duotone|brands|sharp))$")
_FA_MODIFIER = re.compile(
    r"^fa-(?:fw|lg|xs|sm|[0-9]+x|spin|pulse|border|pull-(?:left|right)|inverse|stack(?:-[12]x)?|li|ul|rotate-\d+|flip-\w+)$"
)
_COLOR = re.compile(r"(?:^|;)\s*color\s*:\s*([^;]+)", re.I)

Rule = Callable[[Converting, Token], list[Token]]
#: elements whose rule applies their CSS emphasis itself, or whose Markdown form cannot show it
_UNSTYLED = frozenset(["b", "strong", "i", "em", "var", "dfn", "br", "hr", "img"])


def icon_name(attrs: dict[str, str]) -> str | None:
    """The Font Awesome icon an element shows ("" for an unnamed one), None if it is not an icon."""
    classes = attrs.get("class", "").split()
    if not any(_FA_STYLE.match(c) for c in classes):
        return None
    names = [c[3:] for c in classes if c.startswith("fa-") and not _FA_STYLE.match(c) and not _FA_MODIFIER.match(c)]
    return names[0] if names else ""


def color_style(conv: Converting, attrs: dict[str, str]) -> str | None:
    """``strong``/``emphasis`` for an element whose colour the config maps, else None."""
    if not conv.opts.colors:
        return None
    m = _COLOR.search(attrs.get("style", ""))
    color = m.group(1).strip() if m else attrs.get("color", "")
    return conv.opts.color_style(color) if color else None


def convert(conv: Converting, el: Token) -> list[Token]:
    """An ``html`` element token -> Markdown tokens, by its tag's rule."""
    tag, attrs = el["tag"], el["attrs"]
    if not el.get("closed", True) and tag not in WRAPPERS:
        conv.count(f"html.unclosed.{tag}")
    if tag in ("i", "em") or (tag == "span" and icon_name(attrs) is not None):
        icon = icon_name(attrs)
        if icon is not None:
            conv.count(f"icon.{icon or 'unnamed'}")
            inner = conv.inlines(el["children"])
            repl = conv.opts.icons.get(icon)
            return ([text(repl)] if repl else []) + inner
    if tag in INVISIBLE:
        conv.invisible(tag)
        return []
    if tag in WRAPPERS or tag in DOCUMENT or ":" in tag:
        if not el.get("implied"):
            conv.count(f"html.{tag}")
        children = conv.inlines(el["children"])
        return styled(styles_of(conv.opts, tag, attrs), children) if plain_text(children).strip() else children
    rule = RULES.get(tag)
    if rule is not None:
        conv.count(f"html.{tag}")
        out = rule(conv, el)
        if "style" in attrs and tag not in _UNSTYLED:  # <a style="font-weight:bold">: a bold link
            out = styled(styles_of(conv.opts, "", {"style": attrs["style"]}), out)
        return out
    if tag not in HTML_ELEMENTS:
        # <x>, <pubmed>: not HTML. A browser shows only the content, and so do we.
        conv.count("html.unknown")
        conv.note("body.html-unknown", "info", f"<{tag}> is not an HTML element: tag removed, content kept", f"<{tag}")
        return conv.inlines(el["children"])
    return keep(conv, el)


def keep(conv: Converting, el: Token, severity: str = "warning") -> list[Token]:
    """The element as HTML (its start tag as written), its content converted."""
    tag = el["tag"]
    conv.count(f"kept.{tag}")
    if severity != "none":
        conv.note("body.html-kept", severity, f"<{tag}> has no Markdown form; kept as HTML", el["raw_open"])
    children = conv.inlines(el["children"])
    if tag in VOID:
        return [inline_html(el["raw_open"])]
    return [inline_html(el["raw_open"]), *children, inline_html(f"</{tag}>")]


def bold(conv: Converting, el: Token) -> list[Token]:
    """<b>, <i> and their kin, their own CSS first (``<b style="font-weight:normal">`` is not bold)."""
    return styled(styles_of(conv.opts, el["tag"], el["attrs"]), conv.inlines(el["children"]))


italic = bold


def strike(conv: Converting, el: Token) -> list[Token]:
    return hoist({"type": "strikethrough", "children": conv.inlines(el["children"])})


def line_break(conv: Converting, el: Token) -> list[Token]:
    return [{"type": "linebreak"}]


def rule_line(conv: Converting, el: Token) -> list[Token]:
    return [inline_html("<hr>")]


def sup_sub(conv: Converting, el: Token) -> list[Token]:
    tag = el["tag"]
    marker = el["attrs"].get("data-migrate-footnote", "")
    if tag == "sup" and marker.isdigit():  # a footnote reference that went through a region's HTML
        return [{"type": "footnote_ref", "attrs": {"index": int(marker)}}]
    conv.count(f"kept.{tag}")
    return [inline_html(f"<{tag}>"), *conv.inlines(el["children"]), inline_html(f"</{tag}>")]


def code(conv: Converting, el: Token) -> list[Token]:
    children = conv.inlines(el["children"])
    # <kbd><kbd>Alt</kbd>+<kbd>F4</kbd></kbd>: keys inside a key combination, one code span
    if all(c["type"] in ("text", "softbreak", "codespan") for c in children):
        code = plain_text(children)
        return [{"type": "codespan", "raw": code}] if code else []
    return keep(conv, el, "info")


def media(conv: Converting, el: Token) -> list[Token]:
    """<video>/<audio>: a link to the media, labelled by its fallback text or file name (nothing plays).

    The address is ``src``, else the first ``<source src>``; without one the element is kept.
    """
    src = el["attrs"].get("src", "").strip()
    label = [c for c in el["children"] if not (c["type"] == "html" and c["tag"] in ("source", "track"))]
    if not src:
        src = next(
            (c["attrs"].get("src", "").strip() for c in el["children"] if c["type"] == "html" and c["tag"] == "source"),
            "",
        )
    if not src:
        return keep(conv, el)
    children = conv.inlines(label)
    if not plain_text(children).strip():
        children = [text(src.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or src)]
    conv.note("body.media-link", "info", f"<{el['tag']}> {clip(src, 60)} became a link to the media", src)
    return hoist({"type": "link", "attrs": {"url": src}, "children": children})


def link(conv: Converting, el: Token) -> list[Token]:
    attrs = el["attrs"]
    href = attrs.get("href")
    children = conv.inlines(el["children"])
    anchor = attrs.get("name") or (attrs.get("id") if href is None else None)
    out: list[Token] = []
    if anchor:
        out.append({"type": "anchor", "name": anchor})
    if href is None:
        return out + children
    link: Token = {"type": "link", "attrs": {"url": href.strip()}, "children": children}
    if attrs.get("title"):
        link["attrs"]["title"] = attrs["title"]
    return out + split_nested_link(link)


def image(conv: Converting, el: Token) -> list[Token]:
    attrs = el["attrs"]
    src = attrs.get("src", "").strip()
    alt = SPACES.sub(" ", attrs.get("alt", "")).strip()
    line = conv.locator.locate(src)
    check_alt(conv, alt, src, line)
    size = " ".join(f"{k}={attrs[k]}" for k in ("width", "height") if attrs.get(k))
    if size:
        conv.count("img.sized")
        if conv.opts.keep_sized_images:
            conv.count("kept.img")
            return [inline_html(el["raw_open"])]
        conv.note("body.img-size", "info", f"image {src} had {size}; sizing is left to the theme", line=line)
    image: Token = {"type": "image", "attrs": {"url": src}, "children": [text(alt)] if alt else []}
    if attrs.get("title"):
        image["attrs"]["title"] = attrs["title"]
    return [image]


def check_alt(conv: Converting, alt: str, src: str, line: int | None = None) -> None:
    """A warning for an image a screen reader cannot describe (no alt text, or a placeholder)."""
    name = src.rsplit("/", 1)[-1].split("?", 1)[0]
    stem = name.rsplit(".", 1)[0]
    low = alt.strip().lower()
    if not low or low in PLACEHOLDER_ALTS or low in (name.lower(), stem.lower()):
        conv.count("img.alt-missing")
        what = "no alt text" if not low else f"placeholder alt text {alt!r}"
        if line is None:
            line = conv.locator.locate(src)
        conv.note("body.img-alt", "warning", f"image {src} has {what}: describe it for screen readers", line=line)


#: tag -> rule, for the elements with a Markdown form (wrappers, invisible and unknown tags aside)
RULES: dict[str, Rule] = {
    "b": bold, "strong": bold,
    "i": italic, "em": italic, "var": italic, "dfn": italic,
    "s": strike, "strike": strike, "del": strike,
    "br": line_break, "hr": rule_line,
    "sup": sup_sub, "sub": sup_sub,
    "code": code, "tt": code, "samp": code, "kbd": code,
    "a": link, "img": image, "video": media, "audio": media,
}  # fmt: skip
