"""Output names that every file system takes: Windows, macOS and Linux.

Windows refuses ``< > : " / \\ | ? *``, control characters, a name ending in a dot or a space, and the
device names (``CON``, ``NUL``, ``COM1``... even with an extension: ``con.md``). Names longer than 255
bytes (Linux, UTF-8) or 255 UTF-16 units (Windows, macOS) cannot be created. Windows and macOS
fold case, and macOS also folds Unicode normalization, so two names that differ only there are one
file: :func:`clash_key` is what has to be unique.
"""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_DEVICES = {"con", "prn", "aux", "nul", "conin$", "conout$"} | {
    f"{d}{n}" for d in ("com", "lpt") for n in ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³")
}
MAX_NAME_BYTES = 255


def name_problem(rel: str) -> str | None:
    """Why the relative path ``rel`` (``/``-separated) cannot be written on every system, or None."""
    for part in rel.split("/"):
        bad = _FORBIDDEN.search(part)
        if bad:
            return f"{rel!r}: {part!r} holds {bad.group()!r}, which Windows does not allow in a file name"
        if part.endswith((".", " ")):
            return f"{rel!r}: {part!r} ends in a dot or a space, which Windows drops"
        if part.split(".", 1)[0].rstrip(" ").casefold() in _DEVICES:
            return f"{rel!r}: {part!r} is a reserved device name on Windows"
        if len(part.encode("utf-8")) > MAX_NAME_BYTES or len(part.encode("utf-16-le")) // 2 > MAX_NAME_BYTES:
            return f"{rel!r}: {part[:40]!r}... is longer than {MAX_NAME_BYTES} bytes, the limit of most file systems"
    return None


def clash_key(rel: str) -> str:
    """Two paths with one key are one file on a case-insensitive, normalization-insensitive system."""
    return unicodedata.normalize("NFC", rel).casefold()
