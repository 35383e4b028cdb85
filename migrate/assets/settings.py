"""The ``assets:`` config section, checked once and turned into plain settings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: how a sized image (``<img width>``) is written for the target
WIDTH_MODES = ("figure", "html", "none")
KEYS = (
    "hosts",
    "prefixes",
    "base_url",
    "external_images",
    "folder",
    "widths",
    "max_size",
    "jobs",
    "per_host",
    "rate",
    "retries",
    "backoff",
    "timeout",
    "user_agent",
    "redirect_hosts",
)
USER_AGENT = "migrate-wiki/0.1 (asset mover; +https://example.org/migrate)"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)?\s*$", re.I)
_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "kib": 2**10, "m": 10**6, "mb": 10**6, "mib": 2**20}
_UNITS |= {"g": 10**9, "gb": 10**9, "gib": 2**30}


def parse_size(text: str | int) -> int:
    """``"20MB"``, ``"500k"``, ``1048576`` -> bytes; ValueError when it is no size."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    m = _SIZE.match(str(text))
    if not m or (m.group(2) or "").lower() not in _UNITS:
        raise ValueError(f"{text!r} is not a size (e.g. 20MB, 500k)")
    return int(float(m.group(1)) * _UNITS[(m.group(2) or "").lower()])


@dataclass
class AssetSettings:
    #: the old site's hosts (lower case); references there are the site's own files
    hosts: frozenset[str] = frozenset()
    #: path prefixes of the old site's files (``/attachments/``, ``/tiki-download_file.php``)
    prefixes: tuple[str, ...] = ("/attachments/", "/tiki-download_file.php")
    #: where relative references are fetched from (``https://old.example.org``)
    base_url: str = ""
    #: also download images that other sites host
    external_images: bool = False
    #: folder inside the target's static folder
    folder: str = "assets"
    widths: str = "figure"
    max_size: int = 50 * 10**6
    #: requests in flight at once, over all hosts
    jobs: int = 8
    #: requests in flight at once to one host
    per_host: int = 4
    #: requests per second to one host (0: no limit)
    rate: float = 10.0
    retries: int = 3
    #: first wait before a retry, in seconds; doubled each time
    backoff: float = 0.5
    timeout: float = 30.0
    user_agent: str = USER_AGENT
    #: hosts a redirect may lead to (the old hosts always may)
    redirect_hosts: frozenset[str] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_config(cls, section: dict[str, Any]) -> AssetSettings:
        problems = config_problems(section)
        if problems:
            raise ValueError("; ".join(problems))
        s = cls()
        if "hosts" in section:
            s.hosts = frozenset(h.lower() for h in section["hosts"])
        if "prefixes" in section:
            s.prefixes = tuple(section["prefixes"])
        if "redirect_hosts" in section:
            s.redirect_hosts = frozenset(h.lower() for h in section["redirect_hosts"])
        for key in ("base_url", "folder", "widths", "user_agent"):
            if key in section:
                setattr(s, key, str(section[key]))
        s.base_url = s.base_url.rstrip("/")
        s.folder = s.folder.strip("/")
        if "external_images" in section:
            s.external_images = bool(section["external_images"])
        if "max_size" in section:
            s.max_size = parse_size(section["max_size"])
        for key in ("jobs", "per_host", "retries"):
            if key in section:
                setattr(s, key, int(section[key]))
        for key in ("rate", "backoff", "timeout"):
            if key in section:
                setattr(s, key, float(section[key]))
        return s


def config_problems(section: Any) -> list[str]:
    """What is wrong with an ``assets:`` section, one message each (empty: fine)."""
    if not isinstance(section, dict):
        return ["assets: must be a mapping"]
    out: list[str] = []
    for key in section:
        if key not in KEYS:
            from difflib import get_close_matches

            near = get_close_matches(str(key), KEYS, 1)
            out.append(f"assets.{key} is not a setting" + (f" (did you mean {near[0]!r}?)" if near else ""))
    for key in ("hosts", "prefixes", "redirect_hosts"):
        value = section.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            out.append(f"assets.{key} must be a list of strings")
    if any(not p.startswith("/") for p in section.get("prefixes") or [] if isinstance(p, str)):
        out.append("assets.prefixes must start with '/'")
    base = section.get("base_url")
    if base is not None and not (isinstance(base, str) and re.match(r"^https?://[^/\s]+", base)):
        out.append("assets.base_url must be an http(s) URL such as https://old.example.org")
    if section.get("widths", "figure") not in WIDTH_MODES:
        out.append(f"assets.widths must be one of {', '.join(WIDTH_MODES)}")
    folder = section.get("folder", "assets")
    if not isinstance(folder, str) or ".." in folder.split("/") or "\\" in folder or ":" in folder:
        out.append("assets.folder must be a relative folder name")
    if "max_size" in section:
        try:
            parse_size(section["max_size"])
        except ValueError as exc:
            out.append(f"assets.max_size: {exc}")
    for key, low in (("jobs", 1), ("per_host", 1), ("retries", 0)):
        v = section.get(key)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < low):
            out.append(f"assets.{key} must be a whole number >= {low}")
    for key in ("rate", "backoff", "timeout"):
        v = section.get(key)
        if v is not None and (not isinstance(v, int | float) or isinstance(v, bool) or v < 0):
            out.append(f"assets.{key} must be a number >= 0")
    return out
