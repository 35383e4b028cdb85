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


def suggest_map(path: Path, broken: list[dict[str, Any]]) -> int:
    """Add the broken link URLs not yet in ``path`` to it, as commented entries for a person to review.

    Existing lines (entries and comments) are kept as they are; each new URL is one commented line
    ``# URL: SUGGESTION  # N links`` (the suggestion empty when none is close), most frequent first.
    Nothing is made live: a person uncomments what is right. Returns how many URLs were added.
    """
    known: set[str] = set()
    text = ""
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        known = set(read_map(path.name, path.parent)[0])
        known |= {_unkey(line[2:].split(": ", 1)[0]) for line in text.splitlines() if line.startswith(("# /", '# "'))}
    new = [b for b in broken if b["url"] not in known and b["url"].startswith("/")]
    if not new:
        return 0
    lines = []
    if not text:
        lines = [
            "# links.yaml: a broken link's URL as written in the pages -> the URL to write instead.",
            "# Suggested by migrate convert --suggest-links; uncomment the lines that are right.",
        ]
    for b in new:
        count = f"{b['count']} link{'s' if b['count'] != 1 else ''}"
        value = b.get("suggestion") or '""'
        lines.append(f"# {_key(b['url'])}: {value}  # {count}, {b['kind']}")
    out = text + ("" if not text or text.endswith("\n") else "\n") + "\n".join(lines) + "\n"
    from ..fs import write_inside

    write_inside(path.parent, path.name, out)
    return len(new)


def _key(url: str) -> str:
    """A URL as a YAML key: quoted when YAML would read it otherwise."""
    import json

    return url if all(c.isalnum() or c in "/-_.+%~" for c in url) else json.dumps(url, ensure_ascii=False)


def _unkey(key: str) -> str:
    import json

    try:
        return str(json.loads(key)) if key.startswith('"') else key
    except ValueError:
        return key
