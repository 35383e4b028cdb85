"""Ctrl-C stops a run for sure: a second Ctrl-C, or a clean stop that hangs, ends the process at once.

The first Ctrl-C raises KeyboardInterrupt as usual, so the run stops its workers and says so. But an
interrupt can land while a lock is held (the progress bar's, the process pool's), and the clean stop
then waits on that lock for ever. Files are written whole or not at all (temporary file, then
rename), so leaving without the clean stop loses nothing a re-run does not redo.
"""

from __future__ import annotations

import os
import signal
import threading
from typing import Any

#: how long the clean stop may take before the process ends anyway
GRACE_SECONDS = 10.0


def _leave() -> None:
    import multiprocessing

    for child in multiprocessing.active_children():
        child.kill()
    os.write(2, b"migrate: interrupted; workers stopped, pages already written are complete\n")
    os._exit(130)


def install() -> None:
    """Route SIGINT through the guard above (main thread only, like every signal handler)."""
    interrupted = threading.Event()

    def handler(signum: int, frame: Any) -> None:
        if interrupted.is_set():
            _leave()
        interrupted.set()
        timer = threading.Timer(GRACE_SECONDS, _leave)
        timer.daemon = True
        timer.start()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)
