"""Tokens -> CommonMark/GFM text, escaping only what would otherwise change meaning.

Every text token reaching the writer is literal (entities already decoded), so each escape here
exists because the character would start markup at that spot.

Why not a subclass of mistune's ``MarkdownRenderer`` (mistune 3.4 ships one, tables and some
escaping included): its escaping is its own, wider and blind to our needs (Hugo shortcodes
``{{<`` come out ``{{\\<``; Tiki syntax left as text must stay unescaped, Tiki-looking literal
text must be escaped), and our output rules differ in most methods (a list right after a list
with the same marker, flanking at emphasis edges, pipes inside table cells, footnotes renumbered
in order of use, kept HTML given blocks of its own). A subclass would override nearly every method
and keep its ``state``-threaded signatures for nothing, so this stays one writer of our own.

Over 400 lines on purpose: one method per token type, and the escaping rules, which must be read
together (an escape is needed where no other rule already breaks the markup).
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from typing import Any

from .safety.shortcodes import INERT_BRACE, OPENER
from .syntax import TRIGGER

Token = dict[str, Any]

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_LINE_START = re.compile(
    r"^(?:(#{1,6})(?=[ \t]|$)|(>)|([-+*])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)|(=+|-+)[ \t]*$"
    r"|((?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$|(`{3,}|~{3,})|(\|))"
)
_BACKTICKS = re.compile(r"`+")
# CommonMark HTML blocks of kinds 1-6: they may interrupt a paragraph.
_HTML_BLOCK_START = re.compile(
    r"<(?:script|pre|style|textarea)(?:[\s>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|</?(?:address|article|aside|base|"
    r"basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|"
    r"figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    r"noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)"
    r"(?:[\s>]|/>|$)",
    re.I,
)
_SPACE_BEFORE_BREAK = re.compile(r"(?<=[^ \t\\])[ \t]+\\$")
_DELIM_ROW = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_EMPTY_CELL = re.compile(r"\|  (?=\|)")
_SPECIAL = re.compile(r"[\\`*_~<&\[\]|\n({]")
_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")
# punctuation that may move out of emphasis markers: none of it is Markdown markup
_EDGE_PUNCT = "()\"'.,:;!?-\u00ab\u00bb" + "".join(map(chr, range(0x2010, 0x2028)))


def _is_punct(ch: str) -> bool:
    return bool(ch) and (ch in _ASCII_PUNCT or unicodedata.category(ch)[0] in "PS")


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _first_char(tok: Token) -> str:
    """A stand-in for the first character a token renders to (for flanking decisions)."""
    kind = tok["type"]
    if kind == "text":
        return str(tok["raw"][:1])
    if kind == "unstyled":
        return _first_char(tok["children"][0]) if tok["children"] else ""
    return {
        "emphasis": "*",
        "strong": "*",
        "strikethrough": "~",
        "link": "[",
        "image": "!",
        "codespan": "`",
        "softbreak": "\n",
        "linebreak": "\\",
        "inline_html": "<",
        "shortcode": "{",
    }.get(kind, "a")


class MarkdownWriter:
    """Renders the (transformed) token tree; one method per token type."""

    def __init__(self) -> None:
        self.in_table = 0
        self.in_link = 0
        #: footnote index in the tree -> number written, in order of first reference
        self.notes: dict[int, int] = {}

    # ---- blocks -------------------------------------------------------------------------
    def render(self, tokens: list[Token]) -> str:
        text = self.blocks(tokens)
        return text.strip("\n") + "\n" if text.strip() else ""

    def blocks(self, tokens: list[Token], tight: bool = False) -> str:
        out: list[str] = []
        last_list: Token | None = None
        for tok in tokens:
            kind = tok["type"]
            if kind == "blank_line":
                continue
            # Two lists in a row with the same marker would merge into one on the next parse.
            if kind == "list" and last_list is not None and self._marker_char(tok) == self._marker_char(last_list):
                tok["bullet"] = self._other_marker(tok)
            rendered = getattr(self, "b_" + kind, self.b_unknown)(tok)
            if not rendered.strip():
                continue  # an empty block must not hide that two lists meet
            if tight and out and (last_list is not None or _opens_with_empty_item(tok)):
                # right under a list, text would read as part of its last item; an empty item
                # cannot interrupt a paragraph (it would read as a heading underline)
                out[-1] += "\n"
            out.append(rendered.rstrip("\n"))
            last_list = tok if kind == "list" else None
        return ("\n" if tight else "\n\n").join(out)

    @staticmethod
    def _marker_char(tok: Token) -> str:
        bullet = tok.get("bullet") or ("." if tok.get("attrs", {}).get("ordered") else "-")
        return bullet

    @staticmethod
    def _other_marker(tok: Token) -> str:
        if tok.get("attrs", {}).get("ordered"):
            return ")" if tok.get("bullet") != ")" else "."
        return "*" if tok.get("bullet") != "*" else "-"

    def b_unknown(self, tok: Token) -> str:
        if "children" in tok:
            return self.blocks(tok["children"])
        return str(tok.get("raw", ""))

    def b_paragraph(self, tok: Token) -> str:
        children = tok["children"]
        # A paragraph that starts with a comment would be read back as one HTML block, Markdown and all:
        # the comment gets a block of its own.
        lead: list[str] = []
        while children and children[0]["type"] == "inline_html" and children[0]["raw"].startswith("<!--"):
            lead.append(children[0]["raw"])
            children = children[1:]
            while children and (
                children[0]["type"] == "softbreak" or (children[0]["type"] == "text" and not children[0]["raw"].strip())
            ):
                children = children[1:]
        # Kept HTML that opens a CommonMark HTML block (<textarea>, <table>, ...) at the start of the
        # paragraph would swallow the Markdown after it on the line: it gets a block of its own.
        if children and children[0]["type"] == "inline_html" and _HTML_BLOCK_START.match(children[0]["raw"]):
            name = re.match(r"</?([A-Za-z][A-Za-z0-9]*)", children[0]["raw"])
            close = f"</{name.group(1).lower()}>" if name else ""
            end = next(
                (k for k, c in enumerate(children) if c["type"] == "inline_html" and c["raw"].lower() == close), 0
            )
            lead.append(self.inline(children[: end + 1]).strip())
            children = children[end + 1 :]
            while children and (
                children[0]["type"] == "softbreak" or (children[0]["type"] == "text" and not children[0]["raw"].strip())
            ):
                children = children[1:]
        text = self.paragraph_text(children)
        return "\n\n".join([*lead, text] if text else lead)

    b_block_text = b_paragraph

    def paragraph_text(self, children: list[Token]) -> str:
        text = self.inline(children)
        lines = text.split("\n")
        fixed: list[str] = []
        for i, line in enumerate(lines):
            line = line.lstrip(" \t")
            if i < len(lines) - 1 and not line.endswith("\\"):
                line = line.rstrip(" \t")
            elif line.endswith("\\"):
                line = _SPACE_BEFORE_BREAK.sub(r"\\", line)
            if fixed and not fixed[-1].endswith("\\") and _HTML_BLOCK_START.match(line):
                # raw HTML here would start an HTML block and swallow the paragraph's Markdown: stay on the line
                fixed[-1] += " " + line
                continue
            line = self._escape_line_start(line, first=i == 0)
            if i and "|" in line:
                line = self._escape_table_delimiter(line)
            fixed.append(line)
        return "\n".join(fixed).strip()

    @staticmethod
    def _escape_line_start(line: str, first: bool) -> str:
        m = _LINE_START.match(line)
        if not m:
            return line
        if m.group(1):  # heading
            return "\\" + line
        if m.group(2):  # block quote
            return "\\" + line
        if m.group(3):  # bullet
            return "\\" + line
        if m.group(4):  # ordered list item: escape the delimiter
            n = len(m.group(4))
            return line[:n] + "\\" + line[n:]
        if m.group(6) and (not first or line.count("-") >= 3):  # setext underline, or a rule of dashes
            return "\\" + line
        if m.group(7):  # thematic break
            return "\\" + line
        if m.group(8):  # code fence
            return "\\" + line
        return line

    @staticmethod
    def _escape_table_delimiter(line: str) -> str:
        """A line like ``--|--`` under a line with a pipe would make the paragraph a table."""
        return "\\" + line if _DELIM_ROW.match(line) else line

    def b_heading(self, tok: Token) -> str:
        level = int(tok["attrs"]["level"])
        text = self.inline(tok["children"], " ").replace("\\\n", " ").replace("\n", " ").strip()
        text = re.sub(r"(^|[ \t])(#+)$", r"\1\\\2", text)
        if not text:
            return ""
        return "#" * level + " " + text

    def b_thematic_break(self, tok: Token) -> str:
        return "---"

    def b_block_code(self, tok: Token) -> str:
        code = str(tok.get("raw", ""))
        if code and not code.endswith("\n"):
            code += "\n"
        info = (tok.get("attrs") or {}).get("info") or ""
        longest = max((len(r) for r in _BACKTICKS.findall(code)), default=0)
        fence = "`" * max(3, longest + 1)
        if "`" in info:
            tildes = max((len(r) for r in re.findall(r"~+", code)), default=0)
            fence = "~" * max(3, tildes + 1)
        return fence + info + "\n" + code + fence

    def b_block_quote(self, tok: Token) -> str:
        inner = self.blocks(tok["children"])
        return "\n".join(("> " + line).rstrip() for line in inner.split("\n"))

    def b_list(self, tok: Token) -> str:
        attrs = tok.get("attrs") or {}
        ordered = attrs.get("ordered")
        # an item whose text is followed by a list starting with an empty item needs a blank line
        # between them, and a blank line inside an item makes the whole list loose
        tight = (tok.get("tight", True) or _loose_by_its_empty_last_item(tok)) and not any(
            any(_opens_with_empty_item(b) for b in item.get("children", [])[1:]) for item in tok["children"]
        )
        start = attrs.get("start") or 1
        bullet = tok.get("bullet") or ("." if ordered else "-")
        items = []
        number = start
        for item in tok["children"]:
            if item["type"] not in ("list_item", "task_list_item"):
                continue
            marker = (
                f"{number}{bullet if bullet in '.)' else '.'} " if ordered else f"{bullet if bullet in '-*+' else '-'} "
            )
            number += 1
            body = self.blocks(item["children"], tight=tight)
            if not body.strip():
                items.append(marker.rstrip())
                continue
            pad = " " * len(marker)
            if not ordered and marker[0] == "-" and body.split("\n", 1)[0] == "---":
                body = "***" + body[3:]  # "- ---" would read as one rule, not an item holding a rule
            lines = body.split("\n")
            rendered = marker + lines[0] + "".join("\n" + (pad + ln if ln.strip() else "") for ln in lines[1:])
            items.append(rendered)
        return ("\n" if tight else "\n\n").join(items)

    def b_table(self, tok: Token) -> str:
        head: list[Token] = []
        rows: list[list[Token]] = []
        for part in tok["children"]:
            if part["type"] == "table_head":
                head = part["children"]
            elif part["type"] == "table_body":
                rows.extend(r["children"] for r in part["children"])
        self.in_table += 1
        try:
            header = [self.cell(c) for c in head]
            body = [[self.cell(c) for c in row] for row in rows]
        finally:
            self.in_table -= 1
        width = max([len(header)] + [len(r) for r in body]) if (header or body) else 0
        header += [""] * (width - len(header))
        aligns = [(c.get("attrs") or {}).get("align") for c in head] + [None] * width
        delim = []
        for a in aligns[:width]:
            delim.append({"left": ":---", "right": "---:", "center": ":---:"}.get(a or "", "---"))
        lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(delim) + " |"]
        for r in body:
            r = r[:width] + [""] * (width - len(r))
            lines.append("| " + " | ".join(r) + " |")
        return "\n".join(_EMPTY_CELL.sub("| ", line) for line in lines)

    def cell(self, tok: Token) -> str:
        return self.inline(tok.get("children") or []).replace("\n", " ").strip()

    def b_block_html(self, tok: Token) -> str:
        raw = str(tok.get("raw", "")).strip("\n")
        if not re.match(r"\s*<(?:pre|script|style|textarea)\b", raw, re.I):
            # A blank line would end the HTML block early and turn the rest into Markdown.
            raw = _BLANK_LINES.sub("", raw)
        return raw

    def b_html_block(self, tok: Token) -> str:
        """An HTML element around Markdown blocks (a kept table's parts): its tags on lines of their
        own, its Markdown content between blank lines (so every renderer reads it as Markdown), or
        plain text inline when that is all it holds."""
        close, start = f"</{tok['tag']}>", str(tok["open"])
        kids = tok["children"]
        if kids and all(k["type"] == "html_block" for k in kids):
            parts = [self.b_html_block(k) for k in kids]
            if tok["tag"] == "tr" and not any("\n" in p for p in parts):
                return start + "".join(parts) + close  # a row of plain cells: one line
            return start + "\n" + "\n".join(parts) + "\n" + close
        plain = _plain_text_of(kids)
        if plain is not None:
            return start + html.escape(plain, quote=False) + close
        inner = self.blocks(kids)
        return start + "\n\n" + inner + "\n\n" + close if inner.strip() else start + close

    def b_footnotes(self, tok: Token) -> str:
        items = []
        for item in tok["children"]:
            index = item.get("attrs", {}).get("index")
            number = self.notes.get(index)
            if number is None:  # defined but never referenced: keep it, numbered after the rest
                number = self.notes[index] = len(self.notes) + 1
            body = self.blocks(item["children"])
            lines = body.split("\n")
            items.append(
                (number, f"[^{number}]: " + lines[0] + "".join("\n" + ("    " + ln if ln else "") for ln in lines[1:]))
            )
        return "\n".join(text for _, text in sorted(items))

    def i_footnote_ref(self, tok: Token, prev: str, nxt: str) -> str:
        index = tok.get("attrs", {}).get("index")
        number = self.notes.setdefault(index, len(self.notes) + 1)
        return f"[^{number}]"

    def b_shortcode_block(self, tok: Token) -> str:
        return str(tok["raw"])

    # ---- inlines ------------------------------------------------------------------------
    def inline(self, children: list[Token], before: str = "", after: str = "") -> str:
        # empty text (a dropped anchor) must not hide what really comes next
        children = [c for c in children if c["type"] != "text" or c["raw"]]
        out: list[str] = []
        prev = before
        n = len(children)
        for i, tok in enumerate(children):
            nxt = _first_char(children[i + 1]) if i + 1 < n else after
            kind = tok["type"]
            if kind == "text":
                piece = self.escape(tok["raw"], prev, nxt, tiki=not tok.get("tiki_left"))
                if prev == " " and piece.startswith(" "):
                    piece = piece.lstrip(" ")  # spaces collapse for a reader; keep the text stable
            else:
                method = getattr(self, "i_" + kind, None)
                piece = method(tok, prev, nxt) if method else str(tok.get("raw", ""))
                if prev == " " and piece.startswith(" ") and kind in ("strong", "emphasis", "strikethrough", "link"):
                    piece = piece.lstrip(" ")  # a space moved out of the markup meets one already there
            out.append(piece)
            if piece:
                prev = piece[-1]
        return "".join(out)

    def escape(self, text: str, prev: str, nxt: str, tiki: bool = True) -> str:
        """Backslashes where ``text`` would otherwise read as markup; ``tiki=False`` for Tiki left as is."""
        if not text or not _SPECIAL.search(text):
            return text
        url_spans = [m.span() for m in _URL.finditer(text)] if ("://" in text or "www." in text) else []
        url_starts = [a for a, _ in url_spans]
        out: list[str] = []
        last = 0
        n = len(text)
        for m in _SPECIAL.finditer(text):
            i = m.start()
            ch = text[i]
            before = text[i - 1] if i else prev
            after = text[i + 1] if i + 1 < n else nxt
            if ch == "\n":
                out.append(text[last:i])
                out.append(" " if self.in_table else "\n")
                last = i + 1
                continue
            if ch == "\\":
                esc = after == "" or after in _ASCII_PUNCT
            elif ch == "`":
                esc = True
            elif ch == "*":
                esc = not (_is_space(before) and _is_space(after))
            elif ch == "_":
                k = bisect_right(url_starts, i) - 1
                in_url = k >= 0 and i < url_spans[k][1]
                esc = not in_url and not (before.isalnum() and after.isalnum())
            elif ch == "~":
                esc = before == "~" or after == "~" or (tiki and TRIGGER.match(text, i) is not None)
            elif ch == "<":
                esc = after != "" and (after.isalpha() or after in "/!?")
            elif ch == "&":
                esc = bool(_ENTITY.match(text, i))
            elif ch == "[":
                # inside link text any bracket may pair with the link's own; elsewhere only [^ (a footnote)
                esc = self.in_link > 0 or after == "^" or (tiki and TRIGGER.match(text, i) is not None)
            elif ch == "]":
                # a link (or a definition) needs "](" or "]:" or "][": breaking the "]" breaks them all
                esc = self.in_link > 0 or after in ("(", "[", ":")
            elif ch == "{" and (text[i + 1 : i + 3] or nxt)[:1] == "{" and (text[i + 2 : i + 3] or nxt)[:1] in "<%":
                out.append(text[last:i] + INERT_BRACE)  # a shortcode spelled by text stays text (Hugo reads it first)
                last = i + 1
                continue
            elif ch in "({":
                esc = tiki and TRIGGER.match(text, i) is not None
            else:  # "|"
                esc = self.in_table > 0
            if esc:
                out.append(text[last:i])
                out.append("\\" + ch)
                last = i + 1
        out.append(text[last:])
        return "".join(out)

    def _wrap(self, marker: str, html: str, tok: Token, prev: str, nxt: str) -> str:
        inner = self.inline(tok["children"], marker[-1], marker[0])  # "<em>a *</em>": that "*" is escaped
        core = inner.strip()
        if not core:
            return inner
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        before = lead[-1:] if lead else prev
        after = trail[:1] if trail else nxt
        # CommonMark flanking: a delimiter next to punctuation needs space or punctuation on its other side.
        opens = not (_is_punct(core[0]) and before and not _is_space(before) and not _is_punct(before))
        closes = not (_is_punct(core[-1]) and after and not _is_space(after) and not _is_punct(after))
        if opens and closes and "\n" not in core[:1] + core[-1:]:
            return lead + marker + core + marker + trail
        cut = self._cut_edges(tok, opens, closes)
        if cut is not None:
            return self.inline(cut, prev)
        return lead + f"<{html}>" + core + f"</{html}>" + trail

    @staticmethod
    def _cut_edges(tok: Token, opens: bool, closes: bool) -> list[Token] | None:
        """``x<b>(y)</b>z``: the marker cannot stand next to the parenthesis, so the bold ends at the word's
        edge, ``x(**y**)z``; the word still reads bold (raw ``<strong>`` would be HTML in the Markdown).

        Only plain punctuation moves out (never a character that is markup itself); None when nothing
        is left inside.
        """
        kids = tok["children"]
        if not kids or kids[0]["type"] != "text" or kids[-1]["type"] != "text":
            return None
        first, last = kids[0]["raw"], kids[-1]["raw"]
        head = "" if opens else first[: len(first) - len(first.lstrip(_EDGE_PUNCT))]
        tail = "" if closes else last[len(last.rstrip(_EDGE_PUNCT)) :]
        if not head and not tail:
            return None
        inner = [dict(k) for k in kids]
        if len(inner) == 1 and len(head) + len(tail) >= len(first):
            return None
        inner[0]["raw"] = inner[0]["raw"][len(head) :]
        inner[-1]["raw"] = inner[-1]["raw"][: len(inner[-1]["raw"]) - len(tail)]
        if not "".join(k.get("raw", "x") for k in inner).strip():
            return None
        out: list[Token] = [{"type": "text", "raw": head}] if head else []
        out.append({**tok, "children": inner})
        return out + ([{"type": "text", "raw": tail}] if tail else [])

    def i_strong(self, tok: Token, prev: str, nxt: str) -> str:
        return self._wrap("**", "strong", tok, prev, nxt)

    def i_emphasis(self, tok: Token, prev: str, nxt: str) -> str:
        return self._wrap("*", "em", tok, prev, nxt)

    def i_strikethrough(self, tok: Token, prev: str, nxt: str) -> str:
        return self._wrap("~~", "del", tok, prev, nxt)

    @staticmethod
    def _destination(url: str) -> str:
        """The URL as written; angle brackets only where CommonMark needs them (spaces, unbalanced parens)."""
        if not url:
            return "<>"
        if re.search(r"[ \t\n]", url) or url.startswith("<") or not _balanced(url):
            return "<" + re.sub(r"([<>\\])", r"\\\1", OPENER.sub(INERT_BRACE, url)) + ">"
        return re.sub(r"\\(?=[!-/:-@\[-`{-~])", r"\\\\", OPENER.sub(INERT_BRACE, url))

    @staticmethod
    def _title(title: str | None) -> str:
        if not title:
            return ""
        title = OPENER.sub(INERT_BRACE, title)  # Hugo reads shortcodes in titles and URLs before Markdown
        return ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def i_link(self, tok: Token, prev: str, nxt: str) -> str:
        attrs = tok["attrs"]
        self.in_link += 1
        try:
            text = self.inline(tok["children"], "[").strip()
        finally:
            self.in_link -= 1
        target = self._destination(attrs["url"]) + self._title(attrs.get("title"))
        return "[" + text + "](" + self._cell_pipes(target) + ")"

    def i_image(self, tok: Token, prev: str, nxt: str) -> str:
        attrs = tok["attrs"]
        self.in_link += 1
        try:
            alt = self.inline(tok["children"], "[").replace("\n", " ").strip()
        finally:
            self.in_link -= 1
        target = self._destination(attrs["url"]) + self._title(attrs.get("title"))
        return "![" + alt + "](" + self._cell_pipes(target) + ")"

    def _cell_pipes(self, text: str) -> str:
        """In a table cell every "|" ends the cell, even in code or a URL, unless written "\\|"."""
        return text.replace("|", "\\|") if self.in_table else text

    def i_codespan(self, tok: Token, prev: str, nxt: str) -> str:
        code = self._cell_pipes(tok["raw"])
        longest = max((len(r) for r in _BACKTICKS.findall(code)), default=0)
        fence = "`" * (longest + 1)
        if code.startswith("`") or code.endswith("`") or (code.startswith(" ") and code.endswith(" ") and code.strip()):
            return fence + " " + code + " " + fence
        return fence + code + fence

    def i_linebreak(self, tok: Token, prev: str, nxt: str) -> str:
        return "<br>" if self.in_table else "\\\n"

    def i_softbreak(self, tok: Token, prev: str, nxt: str) -> str:
        if prev == "\n" or (self.in_table and prev == ">"):
            return ""  # the line already ended with a hard break
        return " " if self.in_table else "\n"

    def i_unstyled(self, tok: Token, prev: str, nxt: str) -> str:
        """Text un-bolded (``font-weight: normal``) with no bold around it: just its content."""
        return self.inline(tok["children"], prev)

    def i_inline_html(self, tok: Token, prev: str, nxt: str) -> str:
        return str(tok["raw"])

    def i_shortcode(self, tok: Token, prev: str, nxt: str) -> str:
        return str(tok["raw"])


def _plain_text_of(blocks: list[Token]) -> str | None:
    """The text of blocks that are one paragraph of plain text (nothing HTML could misread), else None."""
    if not blocks:
        return ""
    if len(blocks) != 1 or blocks[0]["type"] != "paragraph":
        return None
    parts = []
    for c in blocks[0]["children"]:
        if c["type"] == "text" and not c.get("tiki_left"):
            parts.append(str(c["raw"]))
        elif c["type"] == "softbreak":
            parts.append(" ")
        else:
            return None
    text = "".join(parts).strip()
    # a shortcode brace is live in HTML too; the Markdown path makes it inert
    return None if "{" in text or "\n" in text else text


def _opens_with_empty_item(tok: Token) -> bool:
    if tok["type"] != "list" or not tok.get("children"):
        return False
    first = tok["children"][0].get("children") or []
    return not any(c["type"] != "blank_line" for c in first)


def _loose_by_its_empty_last_item(tok: Token) -> bool:
    """mistune makes a list loose when its last item is empty and a blank line follows (``1. Pear``
    ``2.`` then a paragraph), though CommonMark does not: with no blank line inside any other item,
    write it tight (else a second conversion would loosen what the first wrote tight)."""
    items = [i for i in tok["children"] if i["type"] in ("list_item", "task_list_item")]
    if len(items) < 2 or any(c["type"] != "blank_line" for c in items[-1].get("children") or []):
        return False
    return all(
        len(item.get("children") or []) == 1 and item["children"][0]["type"] in ("paragraph", "block_text")
        for item in items[:-1]
    )


def _balanced(url: str) -> bool:
    depth = 0
    for ch in url:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
