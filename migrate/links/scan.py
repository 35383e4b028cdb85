"""Find the links, images and element ids in a converted Markdown body, with the span of each URL.

The body stage wrote this Markdown itself, so its links have one shape (``[text](url "title")``,
``<url>`` only for destinations with spaces, kept HTML with quoted attributes). A linear scan over
that text finds every URL without a second Markdown parse; code (fenced blocks, code spans) is
skipped, since a URL there is text, not a link.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*$", re.M)
_TICKS = re.compile(r"`+")
# "](" then a destination: <...> or a run with balanced parentheses (one level), then an optional title
_INLINE = re.compile(
    r"\]\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\([^\s()]*\))+))"
    r"(?:\s+(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)"
)
_REFDEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>\S+))", re.M)
_HTML_URL = re.compile(r"<(?P<tag>a|img)\b[^<>]*?\s(?:href|src)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')", re.I)
_HTML_ID = re.compile(r"<[A-Za-z][^<>]*?\s(?:id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass(frozen=True)
class Found:
    """One URL in the text: ``text[start:end] == url`` (as written, escapes and all)."""

    url: str
    start: int
    end: int
    image: bool
    #: "md" (inline link/image), "ref" (reference definition), "html" (<a href>, <img src>)
    form: str


def code_ranges(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) of fenced code blocks and inline code spans."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    fences = list(_FENCE.finditer(text)) if ("```" in text or "~~~" in text) else []
    i = 0
    blocks: list[tuple[int, int]] = []
    while i < len(fences):
        opener = fences[i]
        mark = opener.group(1)
        j = i + 1
        while j < len(fences) and not (
            fences[j].group(1)[0] == mark[0]
            and len(fences[j].group(1)) >= len(mark)
            and fences[j].group(0).strip() == fences[j].group(1)
        ):
            j += 1
        end = fences[j].end() if j < len(fences) else len(text)
        blocks.append((opener.start(), end))
        i = j + 1
    if "`" not in text:
        return blocks
    # code spans: a run of n backticks closes at the next run of exactly n (positions by length)
    runs: dict[int, list[int]] = {}
    all_runs = [(m.start(), m.end() - m.start()) for m in _TICKS.finditer(text)]
    for start, n in all_runs:
        runs.setdefault(n, []).append(start)
    b = 0
    for start, n in all_runs:
        if start < pos:
            continue
        while b < len(blocks) and blocks[b][1] <= start:
            ranges.append(blocks[b])
            b += 1
        if b < len(blocks) and blocks[b][0] <= start:
            continue
        same = runs[n]
        k = bisect_right(same, start)
        if k < len(same):
            close = same[k]
            ranges.append((start, close + n))
            pos = close + n
    ranges.extend(blocks[b:])
    ranges.sort()
    # a span inside a fenced block is already covered: keep the outer ranges only
    merged: list[tuple[int, int]] = []
    for r in ranges:
        if merged and r[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], r[1]))
        else:
            merged.append(r)
    return merged


def _in(ranges: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    k = bisect_right(starts, at) - 1
    return k >= 0 and at < ranges[k][1]


def _is_image(text: str, close_bracket: int) -> bool:
    """Whether the ``]`` at ``close_bracket`` ends an image's alt text (``![``), found by bracket balance."""
    depth = 0
    stop = max(0, close_bracket - 3000)
    i = close_bracket
    while i >= stop:
        ch = text[i]
        if ch in "[]" and i > 0 and text[i - 1] == "\\":
            i -= 2
            continue
        if ch == "]":
            depth += 1
        elif ch == "[":
            depth -= 1
            if depth == 0:
                return i > 0 and text[i - 1] == "!"
        i -= 1
    return False


def find_links(text: str) -> list[Found]:
    """Every link and image URL in the body, in text order."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return []
    ranges = code_ranges(text)
    starts = [a for a, _ in ranges]
    found: list[Found] = []
    for m in _INLINE.finditer(text):
        if (m.start() > 0 and text[m.start() - 1] == "\\") or _in(ranges, starts, m.start()):
            continue
        group = "angled" if m.group("angled") is not None else "bare"
        found.append(Found(m.group(group), m.start(group), m.end(group), _is_image(text, m.start()), "md"))
    if "]:" in text:
        for m in _REFDEF.finditer(text):
            if not _in(ranges, starts, m.start()):
                group = "angled" if m.group("angled") is not None else "bare"
                found.append(Found(m.group(group), m.start(group), m.end(group), False, "ref"))
    if "<" in text:
        for m in _HTML_URL.finditer(text):
            if not _in(ranges, starts, m.start()):
                group = "dq" if m.group("dq") is not None else "sq"
                found.append(
                    Found(m.group(group), m.start(group), m.end(group), m.group("tag").lower() == "img", "html")
                )
    found.sort(key=lambda f: f.start)
    return found


def heading_slug(text: str) -> str:
    """A heading's id as Hugo (goldmark, GitHub style) and Astro (github-slugger) make it."""
    text = re.sub(r"<[^>]*>|[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(text: str) -> set[str]:
    """The ids a reader can jump to on this page: explicit ids and names, and heading ids."""
    ids = {a or b for a, b in _HTML_ID.findall(text)} if "<" in text else set()
    if "#" in text:
        ids.update(heading_slug(m.group(2)) for m in _HEADING.finditer(text))
    return ids
