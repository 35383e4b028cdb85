"""The config file (YAML), read once and passed to every stage as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

#: top-level keys of the config file: one section per stage, plus diagnostics to leave out
SECTIONS = ("body", "validate", "redirects", "taxonomy", "ignore", "pages", "assets")


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
    for key in front.data:
        if key not in SECTIONS:
            line, col = front.keys.get((key,), (2, 1))
            near = get_close_matches(str(key), SECTIONS, 1)
            hint = f"did you mean {near[0]!r}?" if near else f"sections: {', '.join(SECTIONS)}"
            raise ConfigError(f"{path}:{line - shift}:{col}: {key!r} is not a config section ({hint})")
    ignore = front.data.get("ignore")
    if ignore is not None and not (isinstance(ignore, list) and all(isinstance(c, str) for c in ignore)):
        raise ConfigError(f"{path}: ignore must be a list of diagnostic codes or code prefixes")
    return Config(front.data, path.parent)
