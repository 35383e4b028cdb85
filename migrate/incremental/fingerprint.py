"""The tool version a cache entry was made by: a hash of the package's own code and schemas.

A version number does not change while rules are tuned in a checkout; the bytes of the code do.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def tool_fingerprint() -> str:
    """SHA-256 over every ``.py`` and ``.json`` file of the installed package (and a checkout's schemas)."""
    from ..schemas import schema_dir

    digest = hashlib.sha256()
    files = sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".json") and "__pycache__" not in p.parts)
    schemas = schema_dir()
    if _PACKAGE not in schemas.parents:
        files += sorted(schemas.glob("*.json"))
    for path in files:
        digest.update(str(path.relative_to(path.anchor)).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
