"""The config file (YAML), read once and passed to every stage as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .page import Diagnostic, FrontMatter


class ConfigError(Exception):
    """A config file that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Config:
    data: dict[str, Any] = field(default_factory=dict)
    #: folder the config file lives in, so relative paths inside it resolve from there.
    base: Path = Path(".")

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name) or {}
        return value if isinstance(value, dict) else {}

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    from .frontmatter import FrontMatterError, decode
    from .frontmatter.yaml_fm import parse_yaml

    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except FrontMatterError as exc:
        raise ConfigError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    if not text.strip():
        return Config(base=path.parent)
    # The YAML reader wants fences; a config file is a bare document, which may open with "---"
    # (then that line is the fence, and lines keep their numbers) and may end with "...".
    lines = text.rstrip("\n").split("\n")
    if lines and lines[-1].strip() == "...":
        lines.pop()
    shift = 0 if lines and lines[0].strip() == "---" else 1
    body = lines[1:] if shift == 0 else lines
    if any(line.rstrip() == "---" for line in body):
        at = next(i for i, line in enumerate(body) if line.rstrip() == "---") + 2 - shift
        raise ConfigError(f"{path}:{at}:1: a config file holds one YAML document; found a second '---'")
    try:
        front, _ = parse_yaml("---\n" + "\n".join(body) + "\n---\n", 0)
    except FrontMatterError as exc:
        raise ConfigError(
            f"{path}:{exc.line - shift}:{exc.column}: {exc.message.replace('front matter', 'config')}"
        ) from None
    if not isinstance(front.data, dict):
        raise ConfigError(f"{path}:1:1: the config file must be a mapping")
    problems = check_config(front, str(path))
    if problems:
        # every problem, one line each, at the config's own line numbers (the fence line aside)
        raise ConfigError("\n".join(f"{d.file}:{max(1, d.line - shift)}:{d.column}: {d.message}" for d in problems))
    return Config(front.data, path.parent)


def check_config(front: FrontMatter, name: str) -> list[Diagnostic]:
    """Every section against ``schemas/config.schema.json``, placed like page validation errors."""
    from .validate.errors import Converter

    return Converter(front, name).diagnostics(_config_validator().iter_errors(front.data))


@cache
def _config_validator() -> Any:
    from .schemas import schema_path
    from .validate.schemas import build_validator, load_schema

    path = schema_path("config.schema.json")
    return build_validator(load_schema(path), path, check=False)
