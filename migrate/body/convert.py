"""The body transform: mistune tokens in, clean Markdown tokens out.

The converter walks the blocks; each construct's own module says what its tokens become
(``syntax/*``: shortcodes, wiki links, Tiki plugins and marks, GFM tables, footnotes, anchors),
HTML goes through one spec parser (``html/tree.py``) and one set of element rules
(``html/elements.py``), inline or in blocks alike. What has no Markdown form stays HTML and is
counted in the report.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mistune.util import unescape

from .carry import Carry, inline_tags
from .html.blocks import block_html
from .html.elements import check_alt
from .html.elements import convert as convert_element
from .html.inline import fold_tags, has_tags
from .html.style import styled_blocks
from .html.tree import MAX_DEPTH
from .inline_ops import (
    RUN_OF_SPACES,
    clip,
    empty_link_before_its_address,
    hoist,
    merge_text,
    one_line,
    plain_text,
    repair_strong,
    split_nested_link,
    strong_across_link_edge,
    trim,
)
from .locator import Locator
from .options import BodyOptions, BodyReport
from .regions import RegionHTML, opens_block, region_end
from .safety.rawtext import raw_text_runs
from .syntax import HINT, TOKEN_RULES, anchor, footnote, gfm_table, text_tokens, tiki_marks, tiki_plugin
from .tokens import Token, inline_html

_CONDITIONAL = re.compile(r"<!--\[if |<!\[endif\]|<!--<!\[endif|<!--\[endif\]")
_TIKI_IN_COMMENT = re.compile(r"~/?tc~|\{[A-Z][A-Z0-9_]*(?:\(|\})|~np~|\(\(")
_TAGS_IN_COMMENT = re.compile(r"</?[A-Za-z][^<>]*>")
CONTAINERS = frozenset(["list", "list_item", "task_list_item", "block_quote", "footnotes", "footnote_item"])


class Converter:
    """One page's transform; the rules it runs take it as their ``Converting`` (``context.py``)."""

    def __init__(self, opts: BodyOptions, report: BodyReport, body: str, parser: Any = None) -> None:
        self.opts, self.report = opts, report
        #: the page's mistune parser, for the rare Markdown found inside an HTML block
        self.parser = parser
        self.locator = Locator(body)
        self.line = 0
        self.region_html = RegionHTML(opts.resolve_title)
        #: footnotes made from Tiki {FOOTNOTE} plugins, appended to the page's footnotes
        self.footnotes: list[Token] = []
        self.footnote_index = 0
        #: converting a region a comment hides blocks of: what the comment kept is its words only
        self.hiding = False
        #: the page has Tiki colour marks (a straddling run needs a look) and SPLITs
        self.tildes = "~~" in body
        self.bold_marks = "__" in body or "**" in body
        self.body = body
        #: bold, italic, styled spans left open by earlier blocks (a browser keeps them open)
        self.carry = Carry(opts)

    # ---- reporting ----------------------------------------------------------------------
    def note(self, code: str, severity: str, message: str, needle: str = "", line: int | None = None) -> None:
        """A finding at ``line``, or the line of ``needle`` (source text of the construct), else of its block."""
        if line is None:
            line = self.locator.locate(needle)
        self.report.add(code, severity, message, self.line if line is None else line)

    def count(self, key: str, n: int = 1) -> None:
        self.report.stats[key] += n

    # ---- blocks -------------------------------------------------------------------------
    def document(self, tokens: list[Token]) -> list[Token]:
        out = self.blocks(tiki_plugin.split_columns(tokens, self.body), top=True)
        anchor.settle(self, out)
        footnote.append_notes(out, self.footnotes)
        return out

    def blocks(self, tokens: list[Token], top: bool = False) -> list[Token]:
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            i += 1
            # nested blocks too, but only by a snippet long enough not to be found too early
            self.line = self.locator.find(tok, 1 if top else 8, tok["type"] not in CONTAINERS)
            kind = tok["type"]
            if kind == "blank_line":
                continue
            if kind == "block_html" or (kind == "paragraph" and opens_block(tok)):
                end, hides = region_end(tokens, i - 1, self.region_html)
                if hides == "unclosed":
                    self.note(
                        "body.html-unclosed",
                        "warning",
                        "a comment or <style> opened here is never closed: a browser shows nothing of the rest "
                        "of the page, and neither does the output",
                    )
                first = tok["raw"] if kind == "block_html" else self.region_html.render([tok])
                if end >= i:
                    first += "\n" + self.region_html.render(tokens[i : end + 1])
                    self.count("html.region")
                    i = end + 1
                self.hiding = bool(hides)
                out.extend(self.html_block(first))
                self.hiding = False
            elif kind in ("paragraph", "block_text"):
                gfm_table.warn_broken(self, tok)
                out.extend(self.split_paragraphs(self.inlines(self.carried(tok["children"])), kind))
            elif kind == "heading":
                tok["children"] = one_line(self.inlines(self.carried(tok["children"])))
                out.append(tok)
            elif kind == "table":
                gfm_table.transform(self, tok)
                if self.carry.active and self.carry.cells():  # a styled <span> around a table: CSS reaches cells
                    styled_blocks(self.carry.styles(), [tok])
                out.append(tok)
            elif kind in ("list", "list_item", "task_list_item", "block_quote", "footnotes", "footnote_item"):
                tok["children"] = self.blocks(tok["children"])
                out.append(tok)
            else:
                out.append(tok)
        return out

    def carried(self, children: list[Token]) -> list[Token]:
        """A Markdown block's inlines, after the start tags of the style earlier blocks left open."""
        if not self.carry.active:
            if has_tags(children):  # (tags only inside Markdown emphasis or links open nothing here: rare)
                self.carry.paragraph(inline_tags(children))
            return children
        tags = inline_tags(children)
        children = [inline_html(t) for t in self.carry.open_tags()] + children
        self.carry.paragraph(tags)
        return children

    def html_block(self, raw: str) -> list[Token]:
        """An HTML block (or region), in the style earlier blocks left open."""
        if not self.carry.active:
            blocks = block_html(self, raw)
        elif self.carry.closes(raw):  # it ends the style inside: the parser says where
            blocks = block_html(self, "".join(self.carry.open_tags()) + raw)
        else:
            blocks = styled_blocks(self.carry.styles(), block_html(self, raw), self.carry.cells())
        self.carry.html_block(raw)
        return blocks

    def markdown_blocks(self, text: str) -> list[Token]:
        from .parser import make_parser, parse

        if self.parser is None:
            self.parser = make_parser()
        tokens, _ = parse(self.parser, text)
        return self.blocks(tokens)

    def split_paragraphs(self, children: list[Token], kind: str = "paragraph") -> list[Token]:
        """Two or more line breaks in a row are a paragraph break; empty paragraphs vanish."""
        groups: list[list[Token]] = [[]]
        i = 0
        while i < len(children):
            t = children[i]
            if t["type"] == "linebreak":
                j = i
                breaks = 0
                while j < len(children) and (
                    children[j]["type"] in ("linebreak", "softbreak")
                    or (children[j]["type"] == "text" and not children[j]["raw"].strip())
                ):
                    breaks += children[j]["type"] == "linebreak"
                    j += 1
                if breaks >= 2 or j == len(children) or not groups[-1]:
                    groups.append([])
                    i = j
                    continue
            groups[-1].append(t)
            i += 1
        out = []
        for g in groups:
            g = trim(g)
            if g:
                out.append({"type": kind, "children": g})
        return out

    # ---- inlines ------------------------------------------------------------------------
    def inlines(self, children: list[Token]) -> list[Token]:
        if self.tildes:
            children = tiki_marks.straddling(children)
        if self.bold_marks:
            children = strong_across_link_edge(children)
        children = raw_text_runs(self.normalize(children))
        children = repair_strong(children)
        children = self.fold(children)
        out: list[Token] = []
        for tok in children:
            out.extend(self.inline(tok))
        return merge_text(empty_link_before_its_address(out))

    def normalize(self, children: list[Token]) -> list[Token]:
        for t in children:
            if t["type"] == "text":
                raw = t["raw"]
                if not t.get("literal"):
                    if t.get("_emphasis") is False:
                        t["escaped"] = True
                    else:
                        raw = unescape(raw) if "&" in raw else raw
                    t["literal"] = True
                if "\xa0" in raw:
                    self.count("text.nbsp", raw.count("\xa0"))
                    raw = raw.replace("\xa0", " ")
                if "  " in raw:
                    raw = RUN_OF_SPACES.sub(" ", raw)
                t["raw"] = raw
        return children

    def fold(self, children: list[Token]) -> list[Token]:
        """Loose open/close tags (nested by the HTML parser) and Tiki plugin pairs -> elements with children."""
        if has_tags(children):
            children = fold_tags(children, lambda tag: self.count(f"html.stray-close.{tag}"), self.too_deep)
        return tiki_plugin.fold(self, children)

    def inline(self, tok: Token) -> list[Token]:
        kind = tok["type"]
        if kind == "text":
            return [tok]
        if kind == "html":
            return convert_element(self, tok)
        if kind == "tiki":
            return tiki_plugin.pair(self, tok)
        if kind in ("strong", "emphasis", "strikethrough"):
            tok["children"] = self.inlines(tok["children"])
            return hoist(tok)
        if kind == "link":
            tok["children"] = self.inlines(tok["children"])
            return split_nested_link(tok)
        if kind == "image":
            self.normalize(tok["children"])
            check_alt(self, plain_text(tok["children"]), tok["attrs"].get("url", ""))
            self.count("md.image")
            return [tok]
        if kind == "html_comment":
            return [inline_html(self.comment_text(tok["raw"]))] if self.comment(tok["raw"]) else []
        if kind == "inline_html":
            self.count("kept.inline-html")
            self.note("body.html-kept", "warning", f"unrecognised HTML kept as is: {tok['raw'][:60]}", tok["raw"])
            return [tok]
        rule = TOKEN_RULES.get(kind)
        return rule.transform(self, tok) if rule is not None else [tok]

    def comment(self, raw: str) -> bool:
        """Keep an HTML comment? Comments that only wrap Tiki markup are editor notes of the old wiki."""
        if _TIKI_IN_COMMENT.search(raw):
            self.count("tiki.comment")
            self.note("body.tiki-comment", "info", f"HTML comment holding Tiki markup removed: {clip(raw)}", raw[:40])
            return False
        if _CONDITIONAL.match(raw):
            self.invisible("conditional comment")
            return False
        self.count("kept.comment")
        return True

    def comment_text(self, raw: str) -> str:
        """A kept comment as written; one that hides whole blocks keeps their words, not their tags
        (the blocks come rendered: tags no reader sees, that would read as HTML left in the page)."""
        if not self.hiding or "<" not in raw[4:-3]:
            return raw
        inner = _TAGS_IN_COMMENT.sub("", raw[4:-3])
        return "<!--" + "\n".join(line for line in inner.split("\n") if line.strip()) + "\n-->"

    def kept_text(self, text: str) -> str:
        """A text node of HTML we keep: escaped, with its wiki links made links (Tiki would have)."""
        if not HINT.search(text):
            return html.escape(text, quote=False)
        out = []
        for tok in text_tokens(text):
            rule = TOKEN_RULES.get(tok["type"])
            out.append(rule.kept_html(self, tok) if rule else html.escape(tok["raw"], quote=False))
        return "".join(out)

    def too_deep(self, what: str) -> None:
        self.count("html.too-deep")
        if self.report.stats["html.too-deep"] == 1:
            self.note(
                "body.too-deep",
                "warning",
                f"markup nested more than {MAX_DEPTH} deep: inner <{what}> and deeper tags dropped, their text kept",
            )

    def invisible(self, what: str) -> None:
        self.count("html.invisible")
        if self.report.stats["html.invisible"] == 1:
            self.note(
                "body.html-document",
                "info",
                f"markup of a whole HTML document (<{what}>, ...) removed: a browser shows none of it",
            )
