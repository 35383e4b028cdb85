"""Writing files below the output folder: atomically, never outside it, never through a planted link."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
from pathlib import Path, PurePosixPath

#: where temporary files go inside an output folder we manage (see migrate.incremental): never a
#: folder a CMS publishes, and emptied at the start of the next run.
TMP_DIR = ".migrate/tmp"


class UnsafePath(ValueError):
    """A path that would leave the output folder or go through a symbolic link."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _CrashPoints:
    """Test hook: ``MIGRATE_CRASH_AFTER=N`` kills this process (SIGKILL) at its N-th write step.

    The kill-and-resume tests choose N; nothing else reads it. Steps: a temporary file written, a
    file renamed into place, a journal line appended, the records' store appended to.
    """

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        limit = os.environ.get("MIGRATE_CRASH_AFTER")
        if not limit:
            return
        self.count += 1
        if self.count >= int(limit):
            os.kill(os.getpid(), signal.SIGKILL)


crash_point = _CrashPoints()


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


def _temp_folder(root: Path, final: Path) -> Path:
    """``root/.migrate/tmp`` when the run set it up (a real folder), else the file's own folder."""
    tmp = root / TMP_DIR
    if tmp.is_dir() and not tmp.is_symlink() and not (root / ".migrate").is_symlink():
        return tmp
    return final.parent


def write_inside(root: Path, rel: str, text: str | bytes) -> Path:
    """Write ``root/rel`` atomically (temporary file, then rename), with the permissions the umask allows.

    The temporary file lives in ``root/.migrate/tmp`` when that exists, so a run killed mid-write
    leaves nothing in a folder the CMS publishes (Hugo copies everything under ``static/``).
    """
    final = inside(root, rel)
    final.parent.mkdir(parents=True, exist_ok=True)
    final = inside(root, rel)  # mkdir may have raced with a planted link: check again
    data = text.encode("utf-8") if isinstance(text, str) else text
    folder = _temp_folder(root, final)
    while True:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".migrate-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a web server must read these files
            crash_point()
            os.replace(tmp, final)  # rename replaces a link itself, never its target
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if exc.errno == errno.EXDEV and folder != final.parent:
                folder = final.parent  # .migrate/tmp on another file system: rename cannot cross it
                continue
            raise
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        crash_point()
        return final
