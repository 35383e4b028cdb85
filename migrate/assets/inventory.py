"""Every image, attachment and file link of a converted page, with where it stands.

References are found with one cheap linear scan of the converted Markdown, not a second mistune
parse: the body stage's audit knows link targets and image sources, but only as counts (and not
at all with ``--no-audit``), while a rewrite needs each reference's exact place. The scan knows the
few forms our writer emits: ``![alt](url "title")``, ``[text](url)``, ``<url>``, and kept HTML
``<img src>``, ``<a href>``, ``<source src>``...; fenced code and code spans are skipped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .classify import Verdict, classify
from .settings import AssetSettings


@dataclass(frozen=True)
class Ref:
    """One reference in a text: ``text[start:end]`` is the URL as written."""

    url: str
    kind: str  # "image" | "link"
    start: int
    end: int
    line: int  # 0-based line in the scanned text
    html: bool = False
    #: Markdown image: alt text and title, and where the whole ``![..](..)`` stands
    alt: str = ""
    title: str = ""
    span: tuple[int, int] = (0, 0)


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MARK = re.compile(r"[\[\]\\\n]")
_BLANK = re.compile(r"\n[ \t]*\n")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TAG = re.compile(r"<(img|a|source|video|audio|embed|object|track|link)\b([^<>]*)>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_URL_ATTRS = {"src", "href", "data", "poster"}
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>", re.I)
_TITLE = re.compile(r"""\s+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))\s*\)""")


def _code_mask(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks and code spans, where nothing is a reference."""
    spans: list[tuple[int, int]] = []
    pos, fence = 0, ""
    start = 0
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end() :].strip():
                spans.append((start, pos + len(line)))
                fence = ""
        elif m:
            fence, start = m.group(1), pos
        pos += len(line)
    if fence:
        spans.append((start, len(text)))
    # code spans: a run of backticks up to the next run of the same length
    i = 0
    blocks = iter(spans[:])
    nxt = next(blocks, None)
    found: list[tuple[int, int]] = []
    while True:
        i = text.find("`", i)
        if i < 0:
            break
        while nxt is not None and nxt[1] <= i:
            nxt = next(blocks, None)
        if nxt is not None and nxt[0] <= i:
            i = nxt[1]
            continue
        j = i
        while j < len(text) and text[j] == "`":
            j += 1
        run = text[i:j]
        close = re.compile(r"(?<!`)" + run + r"(?!`)").search(text, j)
        if close is None:
            i = j
            continue
        found.append((i, close.end()))
        i = close.end()
    return sorted(spans + found)


class _Runs:
    """For long destinations: where each unbalanced ``)`` and each whitespace lies, found in one pass,
    so that many ``](`` in a hostile text cost linear time, not a scan each."""

    def __init__(self, text: str) -> None:
        n = len(text)
        depth = [0] * (n + 1)
        d, escaped = 0, False
        for i, c in enumerate(text):
            depth[i] = d
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == "(":
                d += 1
            elif c == ")":
                d -= 1
        depth[n] = d
        self.depth = depth
        # first m > i with depth[m] < depth[i] (monotonic stack): the ")" that closes at i lies at m - 1
        lower = [n + 1] * (n + 1)
        stack: list[int] = []
        for m in range(n + 1):
            while stack and depth[m] < depth[stack[-1]]:
                lower[stack.pop()] = m
            stack.append(m)
        self.lower = lower
        space = [n] * (n + 1)
        nxt = n
        for i in range(n - 1, -1, -1):
            if text[i].isspace():
                nxt = i
            space[i] = nxt
        self.space = space

    def end(self, start: int) -> tuple[int, bool]:
        """Where a destination from ``start`` ends, and whether a ``)`` ends it there."""
        close = self.lower[start] - 1
        if close < self.space[start]:
            return close, True
        stop = self.space[start]
        return stop, self.depth[stop] == self.depth[start]


_FAST = 2048
#: a destination with at most one level of balanced parentheses, as long as _FAST at most
_PLAIN_DEST = re.compile(r"(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\)){0," + str(_FAST) + "}")


def _destination(text: str, at: int, runs: list[_Runs]) -> tuple[int, int, int] | None:
    """The URL after ``](`` at ``at``: (start, end, end of the whole link) or None."""
    n = len(text)
    i = at
    while i < n and text[i] in " \t":
        i += 1
    if i < n and text[i] == "<":
        j = text.find(">", i + 1, i + 4096)
        if j < 0 or "\n" in text[i:j]:
            return None
        start, end, k = i + 1, j, j + 1
    else:
        start = i
        m = _PLAIN_DEST.match(text, i)
        k = m.end() if m else i
        if runs or k - start >= _FAST or (k < n and text[k] == "("):
            # nested or long: the one-pass table answers (built once per text, only when needed)
            if not runs:
                runs.append(_Runs(text))
            k, balanced = runs[0].end(start)
            if not balanced:
                return None
        end = k
    while k < n and text[k] in " \t":
        k += 1
    if k < n and text[k] == ")":
        return start, end, k + 1
    m = _TITLE.match(text, end)
    if m:
        return start, end, m.end()
    return None


def scan(text: str) -> list[Ref]:
    """All references of a converted page, in order."""
    mask = _code_mask(text)
    refs: list[Ref] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(pos: int) -> int:
        from bisect import bisect_right

        return bisect_right(line_starts, pos) - 1

    def masked(pos: int) -> bool:
        from bisect import bisect_right

        k = bisect_right(mask, (pos, len(text) + 1)) - 1
        return k >= 0 and mask[k][0] <= pos < mask[k][1]

    # Markdown links and images: brackets matched with a stack, linear in the text
    stack: list[tuple[int, bool]] = []
    runs: list[_Runs] = []  # built once, only when a destination runs long
    i, n, mi = 0, len(text), 0
    while i < n:
        found = _MARK.search(text, i)  # jump to the next bracket, backslash or blank line
        if found is None:
            break
        i = found.start()
        while mi < len(mask) and mask[mi][1] <= i:
            mi += 1
        if mi < len(mask) and mask[mi][0] <= i:
            i = mask[mi][1]  # jump over a code span or block
            continue
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "\n":
            blank = _BLANK.match(text, i)
            if blank:
                stack.clear()  # a paragraph ends: brackets never pair across it
                i = blank.end() - 1
            else:
                i += 1
            continue
        if c == "[":
            stack.append((i, i > 0 and text[i - 1] == "!"))
        elif stack:
            open_at, image = stack.pop()
            if i + 1 < n and text[i + 1] == "(":
                dest = _destination(text, i + 2, runs)
                if dest is not None:
                    start, end, close = dest
                    url = _MD_ESCAPE.sub(r"\1", text[start:end])
                    title = ""
                    rest = text[end:close].strip().rstrip(")").strip()
                    if len(rest) >= 2:
                        title = rest[1:-1]
                    kind = "image" if image else "link"
                    span = (open_at - 1, close) if image else (open_at, close)
                    refs.append(Ref(url, kind, start, end, line_of(start), False, text[open_at + 1 : i], title, span))
                    if not image:
                        stack.clear()  # no link inside a link
                    i = close
                    continue
        i += 1
    for m in _AUTOLINK.finditer(text):
        if not masked(m.start()):
            refs.append(Ref(m.group(1), "link", m.start(1), m.end(1), line_of(m.start())))
    for m in _TAG.finditer(text):
        if masked(m.start()):
            continue
        tag = m.group(1).lower()
        for a in _ATTR.finditer(m.group(2)):
            name = a.group(1).lower()
            if name not in _URL_ATTRS or (tag == "link" and name != "href"):
                continue
            value = a.group(2)
            quote = 1 if value[:1] in "\"'" else 0
            start = m.start(2) + a.start(2) + quote
            end = m.start(2) + a.end(2) - quote
            kind = "link" if tag == "a" else "image"
            refs.append(Ref(html.unescape(text[start:end]).strip(), kind, start, end, line_of(start), True))
    refs.sort(key=lambda r: r.start)
    return refs


@dataclass
class Use:
    page: str
    line: int
    kind: str


@dataclass
class Asset:
    url: str
    kind: str  # "image" when any page shows it, else "link"
    verdict: Verdict
    uses: list[Use] = field(default_factory=list)

    @property
    def pages(self) -> list[str]:
        return sorted({u.page for u in self.uses})


class Inventory:
    """Assets by URL, with every page and line using them."""

    def __init__(self, settings: AssetSettings) -> None:
        self.settings = settings
        self.assets: dict[str, Asset] = {}
        self._not_assets: set[tuple[str, str]] = set()

    def add(self, page: str, refs: list[Ref], line_of: dict[str, int] | None = None, first_line: int = 1) -> None:
        """``line_of``: a URL's line in the source, when the caller knows it better than the scan."""
        for ref in refs:
            asset = self.assets.get(ref.url)
            if asset is None:
                if (ref.url, ref.kind) in self._not_assets:
                    continue
                verdict = classify(ref.url, ref.kind, self.settings)
                if verdict.cls == "none":
                    self._not_assets.add((ref.url, ref.kind))
                    continue
                asset = self.assets[ref.url] = Asset(ref.url, ref.kind, verdict)
            elif ref.kind == "image":
                asset.kind = "image"
            line = (line_of or {}).get(ref.url, ref.line + first_line)
            asset.uses.append(Use(page, line, ref.kind))

    def sorted(self) -> list[Asset]:
        return [self.assets[u] for u in sorted(self.assets)]

    def by_class(self, cls: str) -> list[Asset]:
        return [a for a in self.sorted() if a.verdict.cls == cls]
