"""Nothing becomes live in the output that was not live in the source.

``make_safe`` runs once over the converted token tree, before it is written: links and images
whose URL a browser would run as code lose their URL (the label stays, as text), and every piece
of HTML kept goes through one allow-list (``sanitize.py``). Each removal is a warning at its line.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ..options import BodyReport
from .rawtext import RAW_TEXT
from .sanitize import sanitize_fragment, sanitize_tag
from .shortcodes import all_live_in_source, inert
from .urls import browser_url, is_safe_url, url_scheme

Token = dict[str, Any]
_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")
#: how far ahead of the last finding the next one is looked for
_WINDOW = 1 << 20

__all__ = ["make_safe"]


class _Safety:
    def __init__(self, source: str, report: BodyReport) -> None:
        self.source, self.report = source, report
        self.cursor = self.line = 0

    def line_of(self, *needles: str) -> int:
        """Line of the first needle found after the last finding (findings come in page order).

        Lines are counted from the last finding on, and a needle is looked for in a bounded window,
        so a page with many findings stays linear."""
        for needle in needles:
            at = self.source.find(needle, self.cursor, self.cursor + _WINDOW) if needle else -1
            if at >= 0:
                self.line += self.source.count("\n", self.cursor, at)
                self.cursor = at
                break
        return self.line

    def tokens(self, tokens: list[Token]) -> list[Token]:
        out: list[Token] = []
        raw_text = ""  # inside a kept <textarea>/<iframe>: text is written as HTML text, never Markdown
        for tok in tokens:
            kind = tok["type"]
            if raw_text:
                if kind == "inline_html" and str(tok["raw"]).lower().startswith(f"</{raw_text}"):
                    raw_text = ""
                else:
                    out.append({"type": "inline_html", "raw": html.escape(_plain(tok), quote=False)})
                    continue
            if kind in ("link", "image"):
                url = str(tok.get("attrs", {}).get("url", ""))
                if not is_safe_url(url, image=kind == "image"):
                    out.extend(self.unsafe_url(tok, url))
                    continue
            if kind == "inline_html":
                raw, removed = sanitize_tag(str(tok["raw"]))
                self.unsafe_html(removed, str(tok["raw"]))
                if raw:
                    out.append(tok if raw == tok["raw"] else {**tok, "raw": raw})
                    opened = _OPEN.match(raw)
                    if opened and opened.group(1).lower() in RAW_TEXT and not raw.rstrip().endswith("/>"):
                        raw_text = opened.group(1).lower()
                continue
            if kind == "block_html":
                raw, removed = sanitize_fragment(str(tok["raw"]))
                self.unsafe_html(removed, str(tok["raw"]))
                if "{{" in raw and not all_live_in_source(raw, self.source):
                    raw = self.inert(raw, self.source)
                if raw.strip():
                    out.append(tok if raw == tok["raw"] else {**tok, "raw": raw})
                continue
            if (
                kind in ("codespan", "block_code")
                and "{{" in tok["raw"]
                and not all_live_in_source(tok["raw"], self.source)
            ):
                out.append(self.inert_code(tok))
                continue
            if tok.get("children"):
                tok["children"] = self.tokens(tok["children"])
            out.append(tok)
        return out

    def inert(self, html_text: str, source: str = "") -> str:
        self.report.stats["unsafe.shortcode"] += 1
        return inert(html_text, source)

    def inert_code(self, tok: Token) -> Token:
        """Code spelling a shortcode it did not spell in the source: as HTML code, the brace an entity
        (Hugo reads shortcodes inside Markdown code too, and code has no escapes)."""
        code = self.inert(html.escape(str(tok["raw"]), quote=False))
        if tok["type"] == "codespan":
            return {"type": "inline_html", "raw": f"<code>{code}</code>"}
        return {"type": "block_html", "raw": f"<pre><code>{code}</code></pre>"}

    def unsafe_url(self, tok: Token, url: str) -> list[Token]:
        scheme = url_scheme(url) or ""
        rest = browser_url(url)[len(scheme) + 1 :][:30]
        self.report.stats["unsafe.url"] += 1
        self.report.add(
            "body.unsafe-url",
            "warning",
            f"{'image' if tok['type'] == 'image' else 'link'} to a {scheme}: URL would run in the reader's "
            "browser; kept its text without the link",
            self.line_of(url[:40], rest),
        )
        children = self.tokens(tok.get("children") or [])
        return children

    def unsafe_html(self, removed: tuple[str, ...], raw: str) -> None:
        for what in removed:
            self.report.stats["unsafe.html"] += 1
            needle = what.split("=", 1)[0] + "=" if "=" in what else what.split(" ", 1)[0][:-1]
            self.report.add(
                "body.unsafe-html",
                "warning",
                f"{what} removed from kept HTML: not on the allow-list of safe HTML",
                self.line_of(needle, raw[:40]),
            )


def _plain(tok: Token) -> str:
    if tok["type"] in ("softbreak", "linebreak"):
        return "\n"
    if isinstance(tok.get("raw"), str):
        return str(tok["raw"])
    return "".join(_plain(c) for c in tok.get("children") or [])


def make_safe(tokens: list[Token], source: str, report: BodyReport) -> list[Token]:
    """The token tree with unsafe URLs and HTML removed, each removal reported."""
    return _Safety(source, report).tokens(tokens)
