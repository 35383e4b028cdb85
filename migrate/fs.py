"""Writing files below the output folder: atomically, never outside it, never through a planted link."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A path that would leave the output folder or go through a symbolic link."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def inside(root: Path, rel: str) -> Path:
    """``root/rel``, refusing '..', absolute parts and symlinks planted anywhere below ``root``."""
    pure = PurePosixPath(rel)
    parts = pure.parts
    if not parts or pure.is_absolute() or any(p in ("..", ".", "") for p in parts):
        raise UnsafePath(f"{rel!r} would leave the output folder")
    here = root
    for part in parts[:-1]:
        here = here / part
        if here.is_symlink():
            raise UnsafePath(f"{here} is a symbolic link; refusing to write through it")
        if here.exists() and not here.is_dir():
            raise UnsafePath(f"{here} is not a folder")
    final = here / parts[-1]
    if final.is_symlink():
        raise UnsafePath(f"{final} is a symbolic link; refusing to write through it")
    return final


def write_inside(root: Path, rel: str, text: str) -> Path:
    """Write ``root/rel`` atomically (temporary file, then rename), with the permissions the umask allows."""
    final = inside(root, rel)
    final.parent.mkdir(parents=True, exist_ok=True)
    final = inside(root, rel)  # mkdir may have raced with a planted link: check again
    fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".migrate-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a web server must read these files
        os.replace(tmp, final)  # rename replaces a link itself, never its target
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return final
