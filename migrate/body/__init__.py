"""Body cleanup: one parse of the legacy body, a transform of the token tree, one render.

``convert_body(text, options) -> BodyResult`` is the importable API; the body stage calls it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .options import BodyOptions, BodyReport, Finding

__all__ = ["BodyOptions", "BodyReport", "BodyResult", "Finding", "convert_body"]


@dataclass
class BodyResult:
    markdown: str
    report: BodyReport
    #: lost items by kind, when audited
    lost: dict[str, Any] | None = None
    #: words the output shows that the source did not, when audited
    added: Counter[str] | None = None


_PARSER: Any = None


def _parser() -> Any:
    global _PARSER  # one parser per process: building it compiles mistune's rule tables
    if _PARSER is None:
        from .parser import make_parser

        _PARSER = make_parser()
    return _PARSER


def convert_body(text: str, options: BodyOptions | None = None, audit: bool = True) -> BodyResult:
    from .audit import added, compare, reader_view
    from .convert import Converter
    from .parser import parse
    from .regions import RegionHTML, visible_blocks
    from .safety import make_safe
    from .writer import MarkdownWriter

    options = options or BodyOptions()
    report = BodyReport()
    md = _parser()
    tokens, _state = parse(md, text)
    source_view = None
    if audit:
        source_html = RegionHTML(options.resolve_title)
        source_blocks = visible_blocks(tokens, source_html, lambda text: parse(md, text)[0])
        source_view = reader_view(source_blocks, "~~" in text)
    tokens = Converter(options, report, text, md).document(tokens)
    tokens = make_safe(tokens, text, report)
    markdown = MarkdownWriter().render(tokens)
    lost = more = None
    if source_view is not None:
        out_tokens, _ = parse(md, markdown)
        output_view = reader_view(out_tokens, "~~" in markdown)
        lost, more = compare(source_view, output_view), added(source_view, output_view)
        if more and options.icons:  # the text the config gives icons is ours to add
            for word in {w for v in options.icons.values() for w in v.split()}:
                more.pop(word, None)
    return BodyResult(markdown, report, lost, more)
