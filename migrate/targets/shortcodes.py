"""Hugo shortcodes in a body, for targets that are not Hugo: found, translated to Markdown/HTML, or left.

The body stage keeps shortcodes byte for byte (Hugo runs them). Jekyll, Eleventy and Astro have no
shortcodes; their templates would read ``{{``/``{%`` as Liquid or Nunjucks, which those targets turn
off for our pages (``render_with_liquid: false``, ``templateEngineOverride: md``). So each shortcode we
know becomes what it shows (a table of contents marker, a notice box, a figure) and any other is
left as visible text with a warning: never silently dropped, never a template error.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

#: ``{{< name args >}}`` or ``{{% name args %}}``; the closing form has ``/name``.
SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([A-Za-z][\w.-]*)((?:[^>%\n]|>(?!\}\})|%(?!\}\})){0,2000}?)\s*[>%]\}\}")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
_ARG = re.compile(r'([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))|"([^"]*)"|(\S+)')

#: (the shortcode as written, code, message)
Change = tuple[str, str, str]


def names(markdown: str) -> set[str]:
    """Names of the shortcodes a body uses (outside code), opening forms only."""
    return {m.group(3) for m in _outside_code(markdown) if not m.group(2)}


def parse_args(text: str) -> tuple[dict[str, str], list[str]]:
    """Named and positional shortcode arguments, quotes removed."""
    named: dict[str, str] = {}
    positional: list[str] = []
    for m in _ARG.finditer(text):
        if m.group(1):
            named[m.group(1)] = next(g for g in (m.group(2), m.group(3), m.group(4)) if g is not None)
        else:
            positional.append(m.group(5) if m.group(5) is not None else m.group(6))
    return named, positional


def translate(markdown: str, toc: str, target: str) -> tuple[str, list[Change]]:
    """Replace the shortcodes we know; ``toc`` is what this target writes for a table of contents."""
    changes: list[Change] = []
    out: list[str] = []
    last = 0
    for m in _outside_code(markdown):
        closing, name = bool(m.group(2)), m.group(3)
        named, positional = parse_args(m.group(4) or "")
        handler = _HANDLERS.get(name)
        replacement = handler(closing, named, positional, toc) if handler else None
        out.append(markdown[last : m.start()])
        if replacement is None:
            out.append(m.group(0))
            changes.append(
                (
                    m.group(0),
                    "target.shortcode-left",
                    f"{target} has no {name!r} shortcode: left as text ({m.group(0)[:60]})",
                )
            )
        else:
            out.append(replacement)
            if not closing:
                changes.append((m.group(0), "target.shortcode", f"shortcode {name!r} written as {target} can show it"))
        last = m.end()
    out.append(markdown[last:])
    return "".join(out), changes


def _toc(closing: bool, named: dict[str, str], positional: list[str], toc: str) -> str | None:
    return None if closing else toc


def _notice(closing: bool, named: dict[str, str], positional: list[str], toc: str) -> str:
    if closing:
        return "\n\n</div>\n"
    kind = re.sub(r"[^\w-]", "", positional[0] if positional else "note") or "note"
    # blank lines around the inner text: every CommonMark renderer (and kramdown, with markdown="1")
    # reads it as Markdown, as Hugo's {{% %}} does
    return f'<div class="notice notice-{kind}" markdown="1">\n\n'


def _figure(closing: bool, named: dict[str, str], positional: list[str], toc: str) -> str | None:
    if closing or "src" not in named:
        return None
    src = html.escape(named["src"], quote=True)
    caption = named.get("caption") or named.get("title") or ""
    alt = html.escape(named.get("alt") or caption, quote=True)
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="{src}" alt="{alt}">{cap}</figure>'


_HANDLERS: dict[str, Callable[[bool, dict[str, str], list[str], str], str | None]] = {
    "toc": _toc,
    "notice": _notice,
    "figure": _figure,
}


def _outside_code(markdown: str) -> Iterator[re.Match[str]]:
    """Shortcode matches that are not inside fenced code or a code span."""
    if "{{" not in markdown:
        return
    spans = _code_spans(markdown)
    k = 0
    for m in SHORTCODE.finditer(markdown):
        while k < len(spans) and spans[k][1] <= m.start():
            k += 1
        if k < len(spans) and spans[k][0] <= m.start():
            continue
        yield m


def _code_spans(markdown: str) -> list[tuple[int, int]]:
    """Sorted (start, end) of fenced code blocks and inline code spans."""
    from ..links.scan import code_ranges

    return code_ranges(markdown)
