"""Body cleanup: one parse of the legacy body, a transform of the token tree, one render.

``convert_body(text, options) -> BodyResult`` is the importable API; the body stage calls it.
"""

from __future__ import annotations

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


_PARSER: Any = None


def _parser() -> Any:
    global _PARSER  # one parser per process: building it compiles mistune's rule tables
    if _PARSER is None:
        from .parser import make_parser

        _PARSER = make_parser()
    return _PARSER


def convert_body(text: str, options: BodyOptions | None = None, audit: bool = True) -> BodyResult:
    from .audit import compare, reader_view
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
        source_view = reader_view(visible_blocks(tokens, source_html, lambda text: parse(md, text)[0]))
    tokens = Converter(options, report, text, md).document(tokens)
    tokens = make_safe(tokens, text, report)
    markdown = MarkdownWriter().render(tokens)
    lost = None
    if source_view is not None:
        out_tokens, _ = parse(md, markdown)
        lost = compare(source_view, reader_view(out_tokens))
    return BodyResult(markdown, report, lost)
