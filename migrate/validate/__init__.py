"""Front matter against JSON Schema, with every error placed on the key or value that caused it.

Used by ``migrate validate``, by the validate stage of ``migrate convert`` and, through
:func:`check_output`, by the write stage on the front matter it is about to write.
jsonschema is imported on first use, so importing this package stays cheap.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from ..page import Diagnostic, FrontMatter, Page
from .crossfile import check_pages
from .schemas import PAGE_SCHEMA, SchemaError, Schemas, build_validator, load_schema

__all__ = ["PAGE_SCHEMA", "SchemaError", "Schemas", "check_output", "check_pages", "validate_page"]


def validate_page(page: Page, schemas: Schemas, text: str | None = None) -> list[Diagnostic]:
    """The schema errors of ``page`` (not added to it); ``text`` is the file, for end columns."""
    validator = schemas.for_name(page.name)
    errors = _errors(validator, page.meta, schemas.path_for(page.name))
    if not errors:
        return []
    from .errors import Converter
    from .spans import Spans

    if text is None:
        text = _reread(page)
    return Converter(page.front, page.name, Spans(text) if text is not None else None).diagnostics(errors)


def check_output(data: dict[str, Any], target: str) -> list[str]:
    """Messages for what is wrong with the front matter ``target`` is about to write; empty when valid.

    The data is judged as it will read back from YAML: dates are ISO text.
    """
    validator = _target_validator(target)
    if validator is None:
        return []
    from .errors import Converter

    plain = _as_written(data)
    errors = _errors(validator, plain, f"{target}.schema.json")
    return [d.message for d in Converter(FrontMatter(plain, "yaml"), "").diagnostics(errors)]


@cache
def _target_validator(target: str) -> Any:
    from ..schemas import schema_path

    path = schema_path(f"{target}.schema.json")
    if not path.is_file():
        return None
    return build_validator(load_schema(path), path, check=False)


def _errors(validator: Any, data: Any, origin: object) -> list[Any]:
    from referencing.exceptions import Unresolvable

    try:
        return list(validator.iter_errors(data))
    except Unresolvable as exc:
        raise SchemaError(f"{origin}: cannot resolve a $ref in the schema: {exc}") from None


def _as_written(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _as_written(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_written(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def _reread(page: Page) -> str | None:
    from ..frontmatter import FrontMatterError, decode

    try:
        return decode(page.source.read_bytes())
    except (OSError, FrontMatterError):
        return None
