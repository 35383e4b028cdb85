"""Which schema judges which page, and one validator per schema, built on first use and kept."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from ..schemas import schema_path

#: the schema for legacy input pages, used when nothing else is configured.
PAGE_SCHEMA = "page.schema.json"

_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?")


class SchemaError(Exception):
    """A schema (or the config naming it) that cannot be used; the CLI exits 2."""


def is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_date_time(value: object) -> bool:
    """ISO date-time as Hugo reads it: the zone is optional and a space may stand for 'T'."""
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return False
    return True


def load_schema(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read schema: {exc.strerror or exc}") from None
    try:
        schema = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f"{exc.lineno}:{exc.colno}: " if isinstance(exc, json.JSONDecodeError) else ""
        raise SchemaError(f"{path}:{where}schema is not valid JSON: {getattr(exc, 'msg', exc)}") from None
    if not isinstance(schema, (dict, bool)):
        raise SchemaError(f"{path}: a schema must be a JSON object")
    return schema  # type: ignore[return-value]  # true/false are schemas too; jsonschema takes either


def build_validator(schema: dict[str, Any], origin: Path, *, check: bool = True) -> Any:
    """A jsonschema validator for ``schema`` with stdlib date checks (jsonschema's need extra packages)."""
    from jsonschema import FormatChecker, validators
    from jsonschema.exceptions import SchemaError as BadSchema

    cls = validators.validator_for(schema, default=validators.Draft202012Validator)
    if check:
        try:
            cls.check_schema(schema)
        except BadSchema as exc:
            at = "/".join(str(p) for p in exc.absolute_path) or "(root)"
            raise SchemaError(f"{origin}: not a valid JSON Schema at {at}: {exc.message}") from None
    formats = FormatChecker()
    formats.checks("date")(is_date)
    formats.checks("date-time")(is_date_time)
    if _context_free(schema):
        cls = validators.extend(cls, {"items": _remembering_items(cls.VALIDATORS["items"])})
    from .refs import RefError, local_schemas, registry

    try:  # every $ref inside the schema's folder, or an error
        schema, docs = local_schemas(schema, origin, load_schema)
    except RefError as exc:
        raise SchemaError(str(exc)) from None
    return cls(schema, format_checker=formats, registry=registry(docs))


_SCALARS = (str, int, float, bool, type(None))


def _context_free(schema: Any) -> bool:
    """True when a subschema judges a value the same wherever it is used: no dynamic or outside references."""
    text = json.dumps(schema)
    return "$dynamicRef" not in text and "$recursiveRef" not in text and not re.search(r'"\$ref": "(?!#)', text)


def _remembering_items(items: Any) -> Any:
    """``items`` that skips list entries already found valid against the same subschema.

    Pages repeat the same tags and categories thousands of times; jsonschema costs a validator
    object per entry, so remembering valid scalars per subschema is most of the batch speed.
    Only valid results are kept: errors are always produced (and placed) by jsonschema itself.
    """
    valid: dict[int, tuple[Any, set[tuple[type, Any]]]] = {}

    def remembering(validator: Any, subschema: Any, instance: Any, schema: Any) -> Any:
        if not isinstance(subschema, dict) or not validator.is_type(instance, "array"):
            yield from items(validator, subschema, instance, schema)
            return
        # Keep the subschema alive with its entry, so its id cannot be reused by another.
        known = valid.setdefault(id(subschema), (subschema, set()))[1]
        for index in range(len(schema.get("prefixItems", ())), len(instance)):
            item = instance[index]
            key = (type(item), item) if isinstance(item, _SCALARS) else None
            if key is not None and key in known:
                continue
            errors = list(validator.descend(instance=item, schema=subschema, path=index))
            if errors:
                yield from errors
            elif key is not None:
                known.add(key)

    return remembering


#: bundled schemas that are not about pages, so not offered by name for --schema.
_NOT_PAGES = ("report", "taxonomy", "config")


def bundled_names() -> list[str]:
    """Names of the bundled page schemas (``hugo``, ``page``, ...), for ``--schema NAME``."""
    from ..schemas import schema_dir

    names = (p.name.removesuffix(".schema.json") for p in schema_dir().glob("*.schema.json"))
    return sorted(n for n in names if n not in _NOT_PAGES)


def resolve_schema(value: str | Path, base: Path = Path(".")) -> Path:
    """A schema file, or a bundled schema by name: ``hugo`` -> hugo.schema.json. An existing file wins."""
    text = str(value)
    path = base / text
    if path.is_file() or "/" in text or "\\" in text or text.endswith(".json"):
        return path
    if text in bundled_names():
        return schema_path(f"{text}.schema.json")
    raise SchemaError(f"{text}: no such schema file, nor a bundled schema (use one of: {', '.join(bundled_names())})")


@dataclass
class Schemas:
    """The schemas of one run: a default and ``glob -> file`` rules; each validator is built once."""

    default: Path = field(default_factory=lambda: schema_path(PAGE_SCHEMA))
    rules: list[tuple[str, Path]] = field(default_factory=list)
    _built: dict[Path, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_config(
        cls, section: dict[str, Any], base: Path, override: str | Path | None = None, fallback: str | None = None
    ) -> Schemas:
        """From the config's ``validate:`` section (``schema: FILE|NAME``, ``schemas: {glob: FILE|NAME}``).

        ``override`` (``--schema``) wins; ``fallback`` names the default when the config sets none.
        """
        if override is not None:
            return cls(default=resolve_schema(override))
        out = cls()
        if fallback is not None:
            out.default = resolve_schema(fallback)
        schema = section.get("schema")
        if schema is not None:
            if not isinstance(schema, str) or not schema:
                raise SchemaError("config: validate.schema must be a file name or a bundled schema's name")
            out.default = resolve_schema(schema, base)
        rules = section.get("schemas") or {}
        if not isinstance(rules, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in rules.items()):
            raise SchemaError("config: validate.schemas must map file globs to schema files")
        out.rules = [(glob, resolve_schema(file, base)) for glob, file in rules.items()]
        return out

    def path_for(self, name: str) -> Path:
        """The schema for the page shown as ``name``: the first matching glob, else the default."""
        posix = name.replace("\\", "/")
        for glob, path in self.rules:
            if fnmatch(posix, glob) or PurePosixPath(posix).match(glob):
                return path
        return self.default

    def validator(self, path: Path) -> Any:
        got = self._built.get(path)
        if got is None:
            bundled = path.parent == schema_path(PAGE_SCHEMA).parent
            # Our own schemas are checked against the meta-schema by the tests, not on every start.
            got = self._built[path] = build_validator(load_schema(path), path, check=not bundled)
        return got

    def for_name(self, name: str) -> Any:
        return self.validator(self.path_for(name))
