"""GFM pipe tables as GitHub, goldmark (Hugo) and markdown-it read them.

mistune's table plugin rejects rows whose cell count differs from the header and ends a table at
the first line without a pipe; GFM pads or truncates such rows and keeps going until a blank line
or another block, so the wiki's tables with wrapped cells would change shape on the way through.
"""

from __future__ import annotations

import re
from typing import Any

from ..context import Converting
from ..inline_ops import trim
from ..tokens import Token
from . import tiki_link

# Header line (with a pipe somewhere) followed by a delimiter row.
TABLE = (
    r"^ {0,3}[^\n|]*\|[^\n]*\n"  # [^|]* first: no backtracking over a long line's pipes
    r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*(?:\n|$)"
    r"|^ {0,3}[^\n]+\n {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*(?:\n|$)"
)
_TABLE_RE = re.compile(TABLE, re.M)
_DELIM_CELL = re.compile(r"^:?-+:?$")
# Lines that start another block end a table (CommonMark block starts).
_BREAKER = re.compile(
    r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|```|~~~|(?:[-*_][ \t]*){3,}$|[-+*][ \t]|\d{1,9}[.)][ \t]|<[a-zA-Z/!?])"
)


def split_cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells: list[str] = []
    start = i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            i += 2
            continue
        if text.startswith(("{{<", "{{%"), i):
            # Hugo replaces shortcodes before Markdown sees the table: a "|" inside one is not a cell edge
            close = text.find(">}}" if text[i + 2] == "<" else "%}}", i + 3)
            if close >= 0:
                i = close + 3
                continue
        if text.startswith("((", i):
            # a Tiki wiki link ((Page|label)) is one thing: its "|" is not a cell edge either
            close = text.find("))", i + 2)
            if close >= 0 and "\n" not in text[i:close]:
                i = close + 2
                continue
        if text[i] == "[":
            # a Tiki link [url|label] is one thing (TikiWiki read it before any table): not a cell edge
            link = tiki_link.link_at(text, i)
            if link:
                i = link
                continue
        if text[i] == "|":
            cells.append(text[start:i].strip())
            start = i + 1
        i += 1
    cells.append(text[start:].strip())
    # GFM: "\|" is a pipe inside the cell, also within code spans and link targets
    return [c.replace("\\|", "|") for c in cells]


def _align(cell: str) -> str | None:
    left, right = cell.startswith(":"), cell.endswith(":")
    return "center" if left and right else "left" if left else "right" if right else None


def parse_table(block: Any, m: Any, state: Any) -> int | None:
    own = _TABLE_RE.match(state.src, m.start())
    if own is None:
        return None
    lines = own.group(0).rstrip("\n").split("\n")
    header, delim = split_cells(lines[0]), split_cells(lines[1])
    if len(header) != len(delim) or not all(_DELIM_CELL.match(c) for c in delim):
        return None
    if "|" not in lines[0] and "|" not in lines[1]:
        return None
    aligns = [_align(c) for c in delim]
    width = len(header)
    head = {
        "type": "table_head",
        "children": [
            {"type": "table_cell", "text": t, "attrs": {"align": aligns[i], "head": True}} for i, t in enumerate(header)
        ],
    }
    rows = []
    pos = own.end()
    while pos < state.cursor_max:
        line = state.get_line(pos)
        if not line.strip() or _BREAKER.match(line) or line.startswith("    "):
            break
        cells = (split_cells(line) + [""] * width)[:width]
        rows.append(
            {
                "type": "table_row",
                "children": [
                    {"type": "table_cell", "text": t, "attrs": {"align": aligns[i], "head": False}}
                    for i, t in enumerate(cells)
                ],
            }
        )
        pos += len(line)
    state.append_token({"type": "table", "children": [head, {"type": "table_body", "children": rows}]})
    return int(pos)


def register(md: Any) -> None:
    md.block.register("table", TABLE, parse_table, before="paragraph")
    # tables inside list items and block quotes too, as GFM reads them
    for rules in (md.block.list_rules, md.block.block_quote_rules):
        if "table" not in rules:
            md.block.insert_rule(rules, "table", before="paragraph")


def transform(conv: Converting, tok: Token) -> None:
    """Each cell's inlines converted, in place."""
    for part in tok["children"]:
        rows = [part] if part["type"] == "table_head" else part["children"]
        for row in rows:
            for cell in row["children"]:
                cell["children"] = trim(conv.inlines(cell["children"]))


_PIPE_ROW = re.compile(r"^\s*\|.*\|.*\|\s*$")
_DELIM_ROW = re.compile(r"^\s*\|\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")


def _lines(children: list[Token]) -> list[str]:
    lines: list[str] = []
    cur: list[str] = []
    for t in children:
        if t["type"] in ("softbreak", "linebreak"):
            lines.append("".join(cur))
            cur = []
        elif t["type"] in ("text", "codespan"):
            cur.append(str(t["raw"]))
        else:
            cur.append("x")  # a link, emphasis ...: some cell content
    lines.append("".join(cur))
    return lines


def warn_broken(conv: Converting, tok: Token) -> None:
    """A paragraph that reads as a wall of pipes: table rows with no delimiter row under the first,
    a delimiter row with no header, or a table cut by blank lines. Markdown shows it as text, as the
    source did; a guessed header could be wrong, so it is reported (once a page), not repaired."""
    if not any(t["type"] == "text" and "|" in t["raw"] for t in tok["children"]):
        return
    lines = _lines(tok["children"])
    rows = sum(bool(_PIPE_ROW.match(ln)) for ln in lines)
    if rows >= 2 or any(_DELIM_ROW.match(ln) for ln in lines):
        conv.count("table.broken")
        if conv.report.stats["table.broken"] == 1:  # one table cut in pieces is one thing to check
            conv.note(
                "body.table-broken",
                "warning",
                f"{len(lines)} lines of table rows without the header and | --- | rows Markdown needs: shown as text",
                lines[0].strip()[:40],
            )
