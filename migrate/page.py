"""The page model every stage works on, and the diagnostics stages attach to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
#: A path into the front matter: ("tags", 3) is the fourth tag.
Pointer = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass(frozen=True)
class Diagnostic:
    """One finding, ``file:line:col: severity[code] message``; codes are prefixed by stage."""

    code: str
    severity: Severity
    message: str
    line: int = 1
    column: int = 1
    file: str = ""
    pointer: str = ""
    end_line: int | None = None
    end_column: int | None = None

    def format(self) -> str:
        return f"{printable(self.file)}:{self.line}:{self.column}: {self.severity}[{self.code}] {self.message}"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }
        if self.pointer:
            out["pointer"] = self.pointer
        return out


def printable(name: str) -> str:
    """A file name safe to print on one line: control characters (a newline that would forge a
    line or a ``::error::`` annotation) are written as escapes, like ``\\n``."""
    if name.isprintable():
        return name
    import unicodedata

    return "".join(
        c.encode("unicode_escape", "backslashreplace").decode("ascii") if unicodedata.category(c) in _UNPRINTABLE else c
        for c in name
    )


#: control, format (bidi overrides), line/paragraph separators, lone surrogates
_UNPRINTABLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def json_pointer(path: Pointer) -> str:
    """RFC 6901 pointer for a front matter path."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


@dataclass
class FrontMatter:
    """Front matter as plain data, plus where each key and value stands in the file."""

    data: dict[str, Any]
    format: Literal["json", "yaml", "toml"]
    #: 1-based (line, column) of each key, counted from the top of the file.
    keys: dict[Pointer, Position] = field(default_factory=dict)
    #: 1-based (line, column) of each value (scalars, list items, objects).
    values: dict[Pointer, Position] = field(default_factory=dict)
    #: line and column of the opening delimiter.
    start: Position = (1, 1)

    def where(self, path: Pointer, *, key: bool = False) -> Position:
        """Best position for ``path``: the value (or key), else its nearest parent, else the opening."""
        path = tuple(path)
        while path:
            table = self.keys if key else self.values
            if path in table:
                return table[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
            key = False
        return self.start


@dataclass
class Page:
    """One legacy page on its way through the stages."""

    source: Path
    #: display name of the source in diagnostics (relative to the input folder where possible).
    name: str
    front: FrontMatter
    body: str
    #: 1-based line of the file where the body starts.
    body_line: int
    #: the whole file, decoded once (LF line ends); validation places its errors with it
    text: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: filled by later stages
    url: str = ""
    output_path: str = ""
    markdown: str = ""
    redirects: list[Any] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    audit: dict[str, Any] = field(default_factory=dict)
    #: time the stages spent on this page (the report's slowest pages)
    seconds: float = 0.0
    #: a stage crashed on this page: later stages leave it alone
    skipped: bool = False
    #: the one answer to "will this page be written?", settled by the runner after each stage
    #: (routed, no errors); aliases, wiki links, redirects, the write stage and the report use it
    will_write: bool = False
    #: the links stage's findings: "broken" links (url, line, kind, reason, suggestion) and "assets"
    links: dict[str, Any] = field(default_factory=dict)

    @property
    def meta(self) -> dict[str, Any]:
        return self.front.data

    def report(
        self,
        code: str,
        severity: Severity,
        message: str,
        line: int | None = None,
        column: int = 1,
        pointer: Pointer | None = None,
    ) -> Diagnostic:
        """Add a diagnostic; ``pointer`` places it on a front matter key or value."""
        if pointer is not None and line is None:
            line, column = self.front.where(pointer)
        diag = Diagnostic(
            code,
            severity,
            message,
            line or 1,
            column,
            self.name,
            json_pointer(pointer) if pointer else "",
        )
        self.diagnostics.append(diag)
        return diag

    def report_body(self, code: str, severity: Severity, message: str, offset_line: int = 0) -> Diagnostic:
        """A diagnostic on the body, ``offset_line`` counted from the body's first line (0-based)."""
        return self.report(code, severity, message, self.body_line + offset_line, 1)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    @property
    def status(self) -> str:
        if self.has_errors:
            return "error"
        if any(d.severity == "warning" for d in self.diagnostics):
            return "warning"
        return "ok"
