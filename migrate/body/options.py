"""Body cleanup settings (the ``body:`` section of the config file) and what a run reports back."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# CSS colour names the wiki's editors used, as hex, so a config key matches any spelling of it.
_NAMED = {
    "black": "#000000", "white": "#ffffff", "red": "#ff0000", "lime": "#00ff00", "blue": "#0000ff",
    "yellow": "#ffff00", "cyan": "#00ffff", "aqua": "#00ffff", "magenta": "#ff00ff", "fuchsia": "#ff00ff",
    "silver": "#c0c0c0", "gray": "#808080", "grey": "#808080", "maroon": "#800000", "olive": "#808000",
    "green": "#008000", "purple": "#800080", "teal": "#008080", "navy": "#000080", "orange": "#ffa500",
    "darkred": "#8b0000", "darkblue": "#00008b", "darkgreen": "#006400", "brown": "#a52a2a",
}  # fmt: skip
_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})")


def _color_key(color: str) -> str:
    """One spelling per colour: ``#F00``, ``#ff0000``, ``red``, ``rgb(255,0,0)`` and ``red !important`` agree."""
    c = color.strip().lower().replace("!important", "").strip(" ;")
    rgb = _RGB.match(c)
    if rgb:
        return "#" + "".join(f"{min(int(v), 255):02x}" for v in rgb.groups())
    c = _NAMED.get(c, c)
    if len(c) == 4 and c.startswith("#"):
        c = "#" + "".join(ch * 2 for ch in c[1:])
    return c


@dataclass(frozen=True)
class BodyOptions:
    #: Font Awesome icon name (without ``fa-``) -> replacement text; unlisted icons are removed.
    icons: dict[str, str] = field(default_factory=dict)
    #: colour (``#F00``, ``#ff0000``, ``red``) -> ``strong`` or ``emphasis``; other colours keep plain text.
    colors: dict[str, str] = field(default_factory=dict)
    #: keep ``<img>`` with width/height as HTML instead of ``![alt](src)``.
    keep_sized_images: bool = False
    #: ``unwrap``: a table used for layout becomes its content; ``keep``: it is kept as a table
    #: (its structure only, Markdown in its cells), like a data table Markdown cannot hold.
    layout_tables: str = "unwrap"
    #: wiki page title -> new URL (or every URL, when several pages share the title) for ``((Page))``.
    resolve_title: Callable[[str], str | list[str] | None] = lambda title: None

    @classmethod
    def from_config(cls, section: dict[str, Any], **kw: Any) -> BodyOptions:
        icons = {str(k).removeprefix("fa-"): str(v) for k, v in (section.get("icons") or {}).items()}
        colors = {_color_key(str(k)): str(v) for k, v in (section.get("colors") or {}).items()}
        return cls(
            icons=icons,
            colors=colors,
            keep_sized_images=bool(section.get("keep_sized_images")),
            layout_tables=str(section.get("layout_tables") or "unwrap"),
            **kw,
        )

    def color_style(self, color: str) -> str | None:
        return self.colors.get(_color_key(color))


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    #: 0-based line offset inside the body
    line: int = 0


@dataclass
class BodyReport:
    findings: list[Finding] = field(default_factory=list)
    #: what was changed or kept, by kind: {"html.span": 12, "kept.sup": 40, ...}
    stats: Counter[str] = field(default_factory=Counter)

    def add(self, code: str, severity: str, message: str, line: int = 0) -> None:
        self.findings.append(Finding(code, severity, message, line))
