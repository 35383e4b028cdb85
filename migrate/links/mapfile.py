"""``links.yaml``: old URL -> new URL, edited by a person, read with its comments kept (ruamel round-trip).

```yaml
# a broken link's URL as written in the pages: the URL to write instead
/tags/vitamin-d-and-sleep.html: /posts/sleep-and-vitamin-d/
/posts/an-old-page-not-migrated: https://archive.example.org/an-old-page
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def read_map(name: str, base: Any = None) -> tuple[dict[str, str], list[str]]:
    """The mapping in the file ``name`` (relative to ``base``), and what is wrong with it."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    path = Path(base or ".") / name
    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return {}, [f"links: map: cannot read {path}: {exc.strerror or exc}"]
    except YAMLError as exc:
        return {}, [f"links: map: {path} is not valid YAML: {str(exc).splitlines()[0]}"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"links: map: {path} must map old URLs to new URLs"]
    out: dict[str, str] = {}
    problems: list[str] = []
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str) or not value.strip():
            line = data.lc.key(key)[0] + 1 if hasattr(data, "lc") else 1
            problems.append(f"{path}:{line}:1: links map entry {key!r} must be a URL mapped to a URL")
            continue
        out[key] = value.strip()
    return out, problems
