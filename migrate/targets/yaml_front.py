"""YAML front matter as every target writes it (ruamel.yaml: stable key order, dates as dates, quotes only
where a YAML 1.1 reader would misread, non-ASCII as characters, one line per value)."""

from __future__ import annotations

import functools
import io
import re
from typing import Any

# Strings that YAML 1.1 readers (PyYAML, Ruby's Psych in Jekyll) take for booleans or sexagesimal
# numbers, though YAML 1.2 (what we write) does not: quoted, so every reader gets the text back.
_YAML11_SPECIAL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _represent_str(representer: Any, data: str) -> Any:
    style = "'" if _YAML11_SPECIAL.match(data) else None
    return representer.represent_scalar("tag:yaml.org,2002:str", data, style=style)


@functools.cache
def _yaml(pure: bool) -> Any:
    # Building a YAML instance costs more than dumping a page's front matter: build it once.
    from ruamel.yaml import YAML

    # The C emitter (ruamel.yaml.clib) is four times faster than the pure one; same output, except
    # that it escapes characters beyond U+FFFF (emoji), so those pages take the pure one.
    yaml = YAML(typ="safe", pure=pure)
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]  # ruamel types it as a method
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.width = 100_000  # one line per value: no folding that a diff would trip on
    yaml.representer.add_representer(str, _represent_str)
    return yaml


def dump_front_matter(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    pure = _ASTRAL.search(repr(data)) is not None
    try:
        _yaml(pure).dump(data, buf)
    except Exception:
        _yaml.cache_clear()  # a failed dump can leave the emitter mid-document: never reuse it
        raise
    return buf.getvalue()
