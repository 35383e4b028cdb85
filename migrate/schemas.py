"""Where the JSON Schemas live: inside the installed package, or ``schemas/`` of a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def schema_dir() -> Path:
    packaged = _HERE / "schemas"
    return packaged if packaged.is_dir() else _HERE.parent / "schemas"


def schema_path(name: str) -> Path:
    return schema_dir() / name
