"""Ctrl-C (SIGINT) stops a real run promptly, worker processes included.

No sleeps and no timing asserts: the test waits for the run to be in its parallel stage (the
progress bar on a pseudo-terminal names the stage), sends SIGINT, then waits on the process with a
generous timeout; "promptly" means it exits at all instead of hanging until killed.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .helpers import REPO

pytestmark = pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux (pidfd_open, /proc)")

PARAGRAPH = "Some <b>bold</b> text, a <a href='https://example.org/x'>link</a> and ((Page 3)) in a sentence.\n\n"


def _pages(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    body = "".join(f"<p>{PARAGRAPH}</p>\n" if i % 3 else PARAGRAPH for i in range(40))
    for i in range(count):
        front = {"title": f"Page {i}", "slug": f"page-{i}", "date": "2020-01-01"}
        (folder / f"p{i:03}.md").write_text(json.dumps(front) + "\n\n" + body, encoding="utf-8")


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        out |= {int(c) for c in (task / "children").read_text().split()}
    return out


def _gone(pid: int, timeout: float) -> bool:
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    finally:
        os.close(fd)


def test_sigint_stops_a_run_with_two_workers(tmp_path: Path) -> None:
    _pages(tmp_path / "in", 120)  # over 100 pages: the progress bar shows
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | {"PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "migrate", "convert", "in", "out", "--jobs", "2"],
        cwd=tmp_path,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,  # like `timeout -s INT`: the signal goes to the run alone, not its workers
    )
    os.close(slave)
    seen = bytearray()
    try:
        while b"body" not in seen:  # the bar names the stage: the workers are converting bodies
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the run closed the terminal (it ended before we saw the stage)
                chunk = b""
            if not chunk:
                break
            seen += chunk
        assert b"body" in seen, seen.decode(errors="replace")
        workers = _children(proc.pid)
        assert workers, "no worker processes found"
        proc.send_signal(signal.SIGINT)

        def drain() -> None:  # keep reading, so the run never blocks writing to the terminal
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    return
                if not chunk:
                    return
                seen.extend(chunk)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        assert proc.wait(timeout=120) == 130
        reader.join(timeout=60)
        assert b"interrupted" in seen and b"Traceback" not in seen, seen.decode(errors="replace")
        assert all(_gone(pid, 60) for pid in workers)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
